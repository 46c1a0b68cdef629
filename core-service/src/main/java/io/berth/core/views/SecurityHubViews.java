package io.berth.core.views;

import static io.berth.core.api.SqlValues.number;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.core.api.Paging;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The security hub's reads: the findings of core.vulnerability_record (db/core V21) of the newest stored vulnerability
 * report of each artifact that registry-service still lists (registry.artifact_view), with the artifact's project and tags.
 * A filter is SQL over {@code s} (the report, core.scan_report: {@code project_id}, {@code repository}, {@code digest}) and
 * {@code v} (the finding), with named parameters.
 */
@ApplicationScoped
public class SecurityHubViews {
    /**
     * The newest stored vulnerability report {@code s} of an artifact still there: no newer one of the same repository and
     * digest (so a filter on the findings' indexes starts there, rather than at every report).
     */
    private static final String NEWEST = "JOIN registry.artifact_view a ON a.repository = s.repository AND a.digest = s.digest "
            + "WHERE NOT EXISTS (SELECT 1 FROM core.scan_report n WHERE n.repository = s.repository AND n.digest = s.digest AND n.id > s.id "
            + "AND n.scan_type = 'vulnerability' AND n.report IS NOT NULL) AND ";
    private static final String FINDINGS = "SELECT %s FROM core.vulnerability_record v JOIN core.scan_report s ON s.id = v.report_id " + NEWEST;
    private static final String TAGS = "(SELECT string_agg(t.name, ',' ORDER BY t.name) FROM registry.tag_view t "
            + "WHERE t.repository = s.repository AND t.digest = s.digest)";
    /** Above this many findings a tuned count is -1 (Harbor's tune_count). */
    public static final int TUNED_COUNT_LIMIT = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The condition that the scanned artifact has the tag named by parameter {@code :param}. */
    public static String tagged(String param) {
        return "EXISTS (SELECT 1 FROM registry.tag_view t WHERE t.repository = s.repository AND t.digest = s.digest AND t.name = :" + param + ")";
    }

    /** A finding with its artifact; {@code tags} null unless asked for, {@code cvssScoreV3} null when the report gave none. */
    public record FindingRow(long projectId, String repository, String digest, List<String> tags, String cveId, String severity,
            Double cvssScoreV3, String packageName, String version, String fixedVersion, String description, List<String> links) {}

    /** The findings counted per severity (None and Negligible together) and those with a fix. */
    public record SeverityCounts(long critical, long high, long medium, long low, long none, long unknown, long fixable) {}

    public record CveRow(String cveId, String severity, double cvssScoreV3, String description, String packageName, String version) {}

    public record ArtifactCountRow(long projectId, String repository, String digest, long critical, long high, long medium) {}

    private final ViewReader db;

    SecurityHubViews(EntityManager em) {
        this.db = new ViewReader(em);
    }

    /** One page of the findings the filter selects, highest CVSS v3 score first. */
    public List<FindingRow> vulnerabilities(String where, Map<String, Object> params, boolean withTags, Paging paging) {
        String columns = "s.project_id, s.repository, s.digest, v.cve_id, v.severity, v.cvss_score_v3, v.package, v.version, "
                + "v.fixed_version, v.description, v.links::text, " + (withTags ? TAGS : "NULL");
        return db.tuples(FINDINGS.formatted(columns) + where + " ORDER BY v.cvss_score_v3 DESC NULLS LAST, v.id", params, paging).stream()
                .map(t -> new FindingRow(number(t.get(0)), (String) t.get(1), (String) t.get(2), withTags ? tags((String) t.get(11)) : null,
                        (String) t.get(3), (String) t.get(4), t.get(5) == null ? null : ((Number) t.get(5)).doubleValue(), (String) t.get(6),
                        (String) t.get(7), (String) t.get(8), (String) t.get(9), links((String) t.get(10))))
                .toList();
    }

    /** How many findings the filter selects; with {@code tuned}, -1 when more than {@link #TUNED_COUNT_LIMIT}. */
    public long countVulnerabilities(String where, Map<String, Object> params, boolean tuned) {
        if (tuned && db.scalar("SELECT count(*) FROM (" + FINDINGS.formatted("1") + where + " LIMIT 1 OFFSET " + TUNED_COUNT_LIMIT + ") x",
                params) > 0) {
            return -1;
        }
        return db.scalar("SELECT count(*) FROM (" + FINDINGS.formatted("1") + where + ") x", params);
    }

    /** The findings of all scanned artifacts counted per severity, and those with a fix. */
    public SeverityCounts counts() {
        Tuple t = db.tuples(FINDINGS.formatted("count(*) FILTER (WHERE v.severity = 'Critical'), count(*) FILTER (WHERE v.severity = 'High'), "
                + "count(*) FILTER (WHERE v.severity = 'Medium'), count(*) FILTER (WHERE v.severity = 'Low'), "
                + "count(*) FILTER (WHERE v.severity IN ('None', 'Negligible')), count(*) FILTER (WHERE v.severity = 'Unknown'), "
                + "count(*) FILTER (WHERE v.fixed_version <> '')") + "true", Map.of(), null).get(0);
        return new SeverityCounts(number(t.get(0)), number(t.get(1)), number(t.get(2)), number(t.get(3)), number(t.get(4)),
                number(t.get(5)), number(t.get(6)));
    }

    /** Artifacts with a stored vulnerability report. */
    public long scannedArtifacts() {
        return db.scalar("SELECT count(*) FROM core.scan_report s " + NEWEST + "s.scan_type = 'vulnerability' AND s.report IS NOT NULL", Map.of());
    }

    /** All artifacts registry-service lists. */
    public long artifacts() {
        return db.scalar("SELECT count(*) FROM registry.artifact_view", Map.of());
    }

    /** The {@code limit} CVEs (each package version once) with the highest CVSS v3 scores, then severities. */
    public List<CveRow> dangerousCves(int limit) {
        String sql = "SELECT cve_id, severity, cvss_score_v3, description, package, version FROM (" + FINDINGS.formatted(
                "DISTINCT ON (v.cve_id, v.package, v.version) v.cve_id, v.severity, v.cvss_score_v3, v.description, v.package, v.version")
                + "v.cvss_score_v3 IS NOT NULL ORDER BY v.cve_id, v.package, v.version, v.cvss_score_v3 DESC) d "
                + "ORDER BY cvss_score_v3 DESC, array_position(ARRAY['Unknown', 'None', 'Negligible', 'Low', 'Medium', 'High', 'Critical'], severity) "
                + "DESC NULLS LAST, cve_id, package, version LIMIT " + limit;
        return db.tuples(sql, Map.of(), null).stream().map(t -> new CveRow((String) t.get(0), (String) t.get(1),
                ((Number) t.get(2)).doubleValue(), (String) t.get(3), (String) t.get(4), (String) t.get(5))).toList();
    }

    /** The {@code limit} artifacts with the most critical, then high, medium and low findings (only those with any of them). */
    public List<ArtifactCountRow> dangerousArtifacts(int limit) {
        String sql = "SELECT project_id, repository, digest, c, h, m FROM (" + FINDINGS.formatted("s.project_id, s.repository, s.digest, "
                + "count(*) FILTER (WHERE v.severity = 'Critical') c, count(*) FILTER (WHERE v.severity = 'High') h, "
                + "count(*) FILTER (WHERE v.severity = 'Medium') m, count(*) FILTER (WHERE v.severity = 'Low') l")
                + "true GROUP BY s.project_id, s.repository, s.digest) d WHERE c + h + m + l > 0 "
                + "ORDER BY c DESC, h DESC, m DESC, l DESC, repository, digest LIMIT " + limit;
        return db.tuples(sql, Map.of(), null).stream().map(t -> new ArtifactCountRow(number(t.get(0)), (String) t.get(1),
                (String) t.get(2), number(t.get(3)), number(t.get(4)), number(t.get(5)))).toList();
    }

    private static List<String> tags(String joined) {
        return joined == null ? List.of() : Arrays.asList(joined.split(","));
    }

    private static List<String> links(String json) {
        if (json == null || json.equals("[]")) {
            return List.of();
        }
        try {
            return Arrays.asList(JSON.readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("vulnerability_record.links is not an array of strings: " + json, e);
        }
    }
}
