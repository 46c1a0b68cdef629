package io.berth.core.prevent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.berth.core.allowlist.CveAllowlist;
import io.berth.core.allowlist.CveAllowlists;
import io.berth.core.allowlist.SystemAllowlistChanged;
import io.berth.core.project.Project;
import io.berth.core.project.ProjectPolicyChanged;
import io.berth.core.scan.ArtifactScanStateChanged;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code core.pull_verdict} (db/core V20), the {@code prevent_vul} verdicts registry-service reads in its manifest
 * query: for each image of a project with a vulnerability report, from its newest report, the project's {@code severity}
 * (low when unset) and its effective allowlist (the system's when {@code reuse_sys_cve_allowlist} is true or unset, as in
 * Harbor, else the project's own). Verdicts are kept whether {@code prevent_vul} is on or not, so that switching it on needs
 * no recomputation ({@code pull_policy_view} says which projects it guards). Each refresh holds a transaction-scoped
 * advisory lock on the project, so that two refreshes of one project (a report stored while the allowlist changes) write
 * in turn and the later one reads what the earlier wrote.
 */
@ApplicationScoped
public class PullVerdicts {
    static final String POLICY = "prevent_vul";
    /** Distinguishes these advisory locks from others on project ids. */
    private static final long LOCK_SPACE = 0x70726576L << 32;

    private final AgroalDataSource db;
    private final CveAllowlists allowlists;
    private final ObjectMapper json;

    PullVerdicts(AgroalDataSource db, CveAllowlists allowlists, ObjectMapper json) {
        this.db = db;
        this.allowlists = allowlists;
        this.json = json;
    }

    /** Recomputes the verdict on one image of a project (a report recorded or stored). */
    @Transactional
    void refresh(@Observes ArtifactScanStateChanged scanned) {
        Project project = Project.findById(scanned.projectId());
        if (project != null) {
            write(project, scanned.digest());
        }
    }

    /** Recomputes the verdicts on every scanned image of the project (its settings or allowlist changed). */
    @Transactional
    void refresh(@Observes ProjectPolicyChanged changed) {
        write(changed.project(), null);
    }

    /** Recomputes every project's verdicts that follow the system allowlist (it changed). */
    @Transactional
    void refreshSystemAllowlistUsers(@Observes SystemAllowlistChanged changed) {
        List<Project> projects = Project.find("from Project p where coalesce(p.metadata['reuse_sys_cve_allowlist'], 'true') = 'true'").list();
        projects.forEach(p -> write(p, null));
    }

    private void write(Project project, String digest) {
        String severity = project.metadata.getOrDefault("severity", "low");
        boolean reuseSystem = Boolean.parseBoolean(project.metadata.getOrDefault("reuse_sys_cve_allowlist", "true"));
        CveAllowlist allowlist = reuseSystem ? allowlists.system() : allowlists.ofProject(project.id);
        Instant now = Instant.now();
        var allowed = allowlist.coveredAt(now);
        Instant expiry = allowed.isEmpty() ? null : allowlist.expiry();
        String latest = "WITH latest AS (SELECT DISTINCT ON (digest) digest, report FROM core.scan_report "
                + "WHERE project_id = ? AND scan_type = 'vulnerability'" + (digest == null ? "" : " AND digest = ?")
                + " ORDER BY digest, id DESC) "
                + "SELECT digest, report IS NOT NULL, (SELECT coalesce(jsonb_agg(jsonb_build_array(v ->> 'id', v ->> 'severity')), '[]'::jsonb) "
                + "FROM jsonb_array_elements(CASE WHEN jsonb_typeof(report -> 'vulnerabilities') = 'array' THEN report -> 'vulnerabilities' "
                + "ELSE '[]'::jsonb END) v)::text FROM latest";
        String upsert = "INSERT INTO core.pull_verdict (project_id, project, digest, policy, reason, blocked_from) VALUES (?, ?, ?, ?, ?, coalesce(?, '-infinity'::timestamptz)) "
                + "ON CONFLICT (project, digest, policy) DO UPDATE SET reason = excluded.reason, blocked_from = excluded.blocked_from, "
                + "update_time = now()";
        try (Connection c = db.getConnection()) {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, LOCK_SPACE | project.id);
                lock.execute();
            }
            try (PreparedStatement read = c.prepareStatement(latest); PreparedStatement write = c.prepareStatement(upsert)) {
                read.setLong(1, project.id);
                if (digest != null) {
                    read.setString(2, digest);
                }
                read.setFetchSize(500);
                boolean any = false;
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        any = true;
                        VulnerabilityVerdict verdict = rs.getBoolean(2)
                                ? VulnerabilityVerdict.of(findings(rs.getString(3)), severity, allowed, expiry)
                                : VulnerabilityVerdict.pending(severity);
                        write.setLong(1, project.id);
                        write.setString(2, project.name);
                        write.setString(3, rs.getString(1));
                        write.setString(4, POLICY);
                        write.setString(5, verdict.reason());
                        write.setTimestamp(6, verdict.blockedFrom() == Instant.MIN ? null : Timestamp.from(verdict.blockedFrom()));
                        write.addBatch();
                    }
                }
                write.executeBatch();
                if (!any && digest != null) {
                    forget(c, project.name, digest);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the pull verdicts of project " + project.name + ": " + e.getMessage(), e);
        }
    }

    /** An image whose only report went (its scan could not be asked for) is unscanned again: its verdict goes. */
    private static void forget(Connection c, String project, String digest) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM core.pull_verdict WHERE project = ? AND digest = ? AND policy = ?")) {
            st.setString(1, project);
            st.setString(2, digest);
            st.setString(3, POLICY);
            st.executeUpdate();
        }
    }

    private List<VulnerabilityVerdict.Finding> findings(String pairs) {
        List<VulnerabilityVerdict.Finding> findings = new ArrayList<>();
        try {
            for (JsonNode pair : json.readTree(pairs)) {
                findings.add(new VulnerabilityVerdict.Finding(pair.get(0).asText(""), pair.get(1).asText("Unknown")));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return findings;
    }
}
