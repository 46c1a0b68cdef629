package io.berth.core.prevent;

import static io.berth.core.testing.Api.admin;
import static io.berth.core.testing.Api.anonymous;
import static io.berth.core.testing.Api.as;
import static io.berth.core.testing.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.berth.common.scan.FinishedScan;
import io.berth.common.scan.ReportTypes;
import io.berth.core.scan.ScanReports;
import io.berth.core.scan.ScanService;
import io.berth.core.testing.Api;
import io.berth.core.testing.CoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The verdicts core writes for registry-service ({@code core.pull_policy_view}, {@code core.pull_verdict_view}) as reports
 * are recorded and stored through the scan service and allowlists and settings change through the API, read back from
 * PostgreSQL as registry-service reads them; and the allowlists' API with its bad inputs.
 */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class PullVerdictTest {
    static final String DIGEST = "sha256:" + "ab".repeat(32);
    static final String REPORT = "{\"severity\":\"High\",\"vulnerabilities\":["
            + "{\"id\":\"CVE-2021-44228\",\"package\":\"log4j-core\",\"version\":\"2.14.1\",\"fix_version\":\"2.15.0\",\"severity\":\"Critical\"},"
            + "{\"id\":\"CVE-2022-37434\",\"package\":\"zlib1g\",\"version\":\"1:1.2.11\",\"fix_version\":\"\",\"severity\":\"Medium\"},"
            + "{\"id\":\"CVE-2023-45853\",\"package\":\"zlib1g\",\"version\":\"1:1.2.11\",\"severity\":\"Low\"}]}";

    @Inject
    ScanReports reports;
    @Inject
    ScanService scans;
    @Inject
    jakarta.enterprise.event.Event<io.berth.core.scan.ArtifactScanStateChanged> scanned;
    @Inject
    AgroalDataSource db;

    @Test
    void aProjectsVerdictFollowsItsReportSeverityAndAllowlist() throws Exception {
        String name = unique("guarded");
        long id = Api.createProject(admin(), name, false);
        admin().body(Map.of("metadata", Map.of("prevent_vul", "true", "severity", "medium", "reuse_sys_cve_allowlist", "false")))
                .put("/api/v2.0/projects/" + id).then().statusCode(200);
        assertThat(unscannedReason(name)).isEqualTo("current image without vulnerability scanning cannot be pulled due to configured policy in "
                + "'Prevent images with vulnerability severity of \"Medium\" or higher from running.' To continue with pull, please contact "
                + "your project administrator for help.");
        assertThat(verdict(name)).isNull();

        String uuid = UUID.randomUUID().toString();
        reports.insert(new ScanReports.NewReport(uuid, id, name + "/app", DIGEST, "reg", "Berth", "berth", "1", ReportTypes.VULNERABILITY,
                ReportTypes.NATIVE_V11, null));
        scanned.fire(new io.berth.core.scan.ArtifactScanStateChanged(id, DIGEST)); // as ScanService.record does
        assertThat(verdict(name)).contains("\"Pending\" status of vulnerability scanning");

        scans.store(new FinishedScan(uuid, ReportTypes.NATIVE_V11, REPORT));
        assertThat(verdict(name)).isEqualTo("current image with 3 vulnerabilities cannot be pulled due to configured policy in "
                + "'Prevent images with vulnerability severity of \"Medium\" or higher from running.' To continue with pull, please contact "
                + "your project administrator to exempt matched vulnerabilities through configuring the CVE allowlist.");

        allowlist(id, List.of("CVE-2021-44228"), null);
        assertThat(verdict(name)).as("Medium is still at the project's severity").startsWith("current image with 2 vulnerabilities");
        allowlist(id, List.of("CVE-2021-44228", "CVE-2022-37434"), null);
        assertThat(verdict(name)).as("only a Low finding is left").isNull();
        admin().body(Map.of("metadata", Map.of("severity", "low"))).put("/api/v2.0/projects/" + id).then().statusCode(200);
        assertThat(verdict(name)).startsWith("current image with 1 vulnerability cannot");
        admin().get("/api/v2.0/projects/" + id).then().statusCode(200).body("cve_allowlist.items[1].cve_id", equalTo("CVE-2022-37434"))
                .body("cve_allowlist.project_id", equalTo((int) id));

        long expiry = Instant.now().getEpochSecond() + 3600;
        allowlist(id, List.of("CVE-2021-44228", "CVE-2022-37434", "CVE-2023-45853"), expiry);
        assertThat(verdict(name)).as("allowed until the list expires").isNull();
        assertThat(blockedFrom(name)).as("refused from the expiry on").isEqualTo(Instant.ofEpochSecond(expiry));
        allowlist(id, List.of("CVE-2021-44228", "CVE-2022-37434", "CVE-2023-45853"), Instant.now().getEpochSecond() - 1);
        assertThat(verdict(name)).as("an expired list covers nothing").startsWith("current image with 3 vulnerabilities");

        admin().body(Map.of("metadata", Map.of("reuse_sys_cve_allowlist", "true"))).put("/api/v2.0/projects/" + id).then().statusCode(200);
        admin().body(Map.of("items", List.of(Map.of("cve_id", "CVE-2021-44228"), Map.of("cve_id", "CVE-2022-37434"),
                Map.of("cve_id", "CVE-2023-45853")))).put("/api/v2.0/system/CVEAllowlist").then().statusCode(200);
        assertThat(verdict(name)).as("the system list applies").isNull();
        admin().body(Map.of("items", List.of())).put("/api/v2.0/system/CVEAllowlist").then().statusCode(200);
        assertThat(verdict(name)).startsWith("current image with 3 vulnerabilities");

        admin().body(Map.of("metadata", Map.of("prevent_vul", "false"))).put("/api/v2.0/projects/" + id).then().statusCode(200);
        assertThat(unscannedReason(name)).as("no policy guards the project").isNull();
    }

    @Test
    void theSystemAllowlistIsReadBySignedInUsersAndReplacedBySystemAdministratorsOnly() {
        String user = unique("reader");
        Api.createUser(user, "Passw0rdR");
        admin().body(Map.of("items", List.of(Map.of("cve_id", "GHSA-jfh8-c2jp-5v3q")), "expires_at", 4_102_444_800L))
                .put("/api/v2.0/system/CVEAllowlist").then().statusCode(200);
        as(user, "Passw0rdR").get("/api/v2.0/system/CVEAllowlist").then().statusCode(200).body("project_id", equalTo(0))
                .body("items[0].cve_id", equalTo("GHSA-jfh8-c2jp-5v3q")).body("expires_at", equalTo(4_102_444_800L));
        anonymous().get("/api/v2.0/system/CVEAllowlist").then().statusCode(401);
        as(user, "Passw0rdR").body(Map.of("items", List.of())).put("/api/v2.0/system/CVEAllowlist").then().statusCode(403);

        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("items", List.of(Map.of("cve_id", "log4shell"))),
                Map.of("items", List.of(Map.of("cve_id", "CVE-2021-44228"), Map.of("cve_id", "CVE-2021-44228"))),
                Map.of("items", List.of(Map.of("id", "CVE-2021-44228"))), Map.of("items", "CVE-2021-44228"),
                Map.of("expires_at", -5), Map.of("expires_at", 1.5), Map.of("expires_at", "never"))) {
            admin().body(bad).put("/api/v2.0/system/CVEAllowlist").then().statusCode(400)
                    .body("errors[0].code", equalTo("BAD_REQUEST")).body("errors[0].message", containsString("cve_allowlist."));
        }
        admin().get("/api/v2.0/system/CVEAllowlist").then().statusCode(200).body("items[0].cve_id", equalTo("GHSA-jfh8-c2jp-5v3q"));
        admin().body(Map.of("items", List.of())).put("/api/v2.0/system/CVEAllowlist").then().statusCode(200);
    }

    void allowlist(long project, List<String> ids, Long expiresAt) {
        Map<String, Object> list = new java.util.HashMap<>(Map.of("items", ids.stream().map(i -> Map.of("cve_id", i)).toList()));
        list.put("expires_at", expiresAt);
        admin().body(Map.of("cve_allowlist", list)).put("/api/v2.0/projects/" + project).then().statusCode(200);
    }

    String verdict(String project) throws Exception {
        return one("SELECT reason FROM core.pull_verdict_view WHERE project = ? AND digest = '" + DIGEST + "' AND policy = 'prevent_vul'", project);
    }

    String unscannedReason(String project) throws Exception {
        return one("SELECT unscanned_reason FROM core.pull_policy_view WHERE project = ? AND policy = 'prevent_vul'", project);
    }

    Instant blockedFrom(String project) throws Exception {
        String from = one("SELECT extract(epoch FROM blocked_from)::bigint::text FROM core.pull_verdict WHERE project = ?", project);
        return from == null ? null : Instant.ofEpochSecond(Long.parseLong(from));
    }

    String one(String sql, String project) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, project);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
