package io.berth.core.securityhub;

import static io.berth.core.testing.Api.admin;
import static io.berth.core.testing.Api.anonymous;
import static io.berth.core.testing.Api.as;
import static io.berth.core.testing.Api.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.scan.ReportTypes;
import io.berth.common.token.Audiences;
import io.berth.core.scan.ScanReports;
import io.berth.core.testing.Api;
import io.berth.core.testing.CoreTestResource;
import io.berth.core.testing.RegistryRows;
import io.berth.core.token.TokenIssuer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Harbor's security hub on core ({@code /vulnerabilities}, {@code /security/summary}) over reports stored as jobservice
 * stores them (the internal scan report API): only each artifact's newest report counts, and only artifacts still there;
 * each {@code q} key, paging and its headers, tags, the summary's counts and top lists, system administrators only, bad
 * queries refused in Harbor's error body. A profile of its own: the hub is system-wide, so the database holds only the
 * reports stored here.
 */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
@TestProfile(SecurityHubApiTest.OwnDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityHubApiTest {
    /** No overrides: a database of this class's own. */
    public static class OwnDatabase implements QuarkusTestProfile {}

    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String PROJECT_A = unique("huba");
    static final String PROJECT_B = unique("hubb");
    static final String APP = PROJECT_A + "/app";
    static final String WEB = PROJECT_B + "/web";
    static final String IMAGE1 = digest('1');
    static final String IMAGE2 = digest('2');
    static final String IMAGE3 = digest('3');
    static final String UNSCANNED = digest('4');
    static final String DELETED = digest('5');
    static final String PASSWORD = "Passw0rdH";
    static final String USER = unique("hubuser");
    static long projectA;
    static long projectB;
    static boolean seeded;

    @Inject
    ScanReports reports;
    @Inject
    TokenIssuer tokens;

    static String digest(char c) {
        return "sha256:" + String.valueOf(c).repeat(64);
    }

    static Map<String, Object> vul(String id, String pkg, String version, String fix, String severity, Double cvss) {
        Map<String, Object> v = new HashMap<>(Map.of("id", id, "package", pkg, "version", version, "severity", severity,
                "description", id + " in " + pkg, "links", List.of("https://nvd.nist.gov/vuln/detail/" + id)));
        if (fix != null) {
            v.put("fix_version", fix);
        }
        if (cvss != null) {
            v.put("preferred_cvss", Map.of("score_v3", cvss));
        }
        return v;
    }

    /** A report stored for {@code digest} of {@code repository} through the internal API, as a scan task posts it. */
    void store(long project, String repository, String digest, List<Map<String, Object>> vulnerabilities) throws Exception {
        String uuid = UUID.randomUUID().toString();
        reports.insert(new ScanReports.NewReport(uuid, project, repository, digest, "reg", "Berth", "berth", "1", ReportTypes.VULNERABILITY,
                ReportTypes.NATIVE_V11, null));
        String report = new ObjectMapper().writeValueAsString(Map.of("generated_at", "2026-12-07T10:00:00Z", "vulnerabilities", vulnerabilities));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + tokens.issue("berth-scan-job", Audiences.CORE_SCAN, List.of()).token())
                .body(Map.of("report_id", uuid, "mime_type", ReportTypes.NATIVE_V11, "report", report))
                .post("/internal/scan/reports").then().statusCode(204);
    }

    @BeforeEach
    void seed() throws Exception {
        if (seeded) {
            return;
        }
        seeded = true;
        projectA = Api.createProject(admin(), PROJECT_A, false);
        projectB = Api.createProject(admin(), PROJECT_B, false);
        Api.createUser(USER, PASSWORD);
        Api.addMember(projectA, USER, 1); // a project admin is still no system administrator
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"layers\":[]}";
        RegistryRows.manifest(APP, IMAGE1, OCI_MANIFEST, manifest, 100);
        RegistryRows.tag(APP, "v1", IMAGE1);
        RegistryRows.tag(APP, "v2", IMAGE1);
        RegistryRows.manifest(APP, IMAGE2, OCI_MANIFEST, manifest, 100);
        RegistryRows.tag(APP, "v3", IMAGE2);
        RegistryRows.manifest(WEB, IMAGE3, OCI_MANIFEST, manifest, 100);
        RegistryRows.manifest(WEB, UNSCANNED, OCI_MANIFEST, manifest, 100);
        RegistryRows.manifest(WEB, DELETED, OCI_MANIFEST, manifest, 100);

        store(projectA, APP, IMAGE1, List.of(vul("CVE-1999-0001", "old", "1", "2", "Critical", 9.9))); // replaced by the next one
        store(projectA, APP, IMAGE1, List.of(vul("CVE-2021-44228", "log4j-core", "2.14.1", "2.15.0", "Critical", 10.0),
                vul("CVE-2020-36518", "jackson-databind", "2.12.0", "2.12.6.1", "High", 7.5),
                vul("CVE-2022-37434", "zlib1g", "1:1.2.11", "", "Medium", 5.3)));
        store(projectA, APP, IMAGE2, List.of(vul("CVE-2021-44228", "log4j-core", "2.14.1", "2.15.0", "CRITICAL", 10.0),
                vul("CVE-2023-45853", "zlib1g", "1:1.2.11", null, "Low", null)));
        store(projectB, WEB, IMAGE3, List.of(vul("CVE-2022-0001", "openssl", "1.1", "", "Negligible", 2.0),
                vul("CVE-2022-0002", "busybox", "1.3", null, "weird", 6.1),
                vul("CVE-2022-0003", "musl", "1.2", "1.2.1", "High", 8.1),
                vul("CVE-2022-0004", "curl", "7.0", "7.1", "Medium", 6.5),
                vul("CVE-2022-0005", "expat", "2.0", null, "Medium", 5.9),
                vul("CVE-2022-0006", "libxml2", "2.9", "2.10", "Critical", 9.1)));
        store(projectB, WEB, DELETED, List.of(vul("CVE-1999-0002", "gone", "1", "2", "Critical", 9.95)));
        RegistryRows.deleteManifest(WEB, DELETED);
    }

    static ValidatableResponse list(String query) {
        return admin().urlEncodingEnabled(false).get("/api/v2.0/vulnerabilities" + query).then(); // the query is written encoded
    }

    @Test
    @Order(1)
    void theSummaryCountsTheNewestReportOfEachArtifactThatIsStillThere() {
        admin().get("/api/v2.0/security/summary").then().statusCode(200)
                .body("critical_cnt", equalTo(3)).body("high_cnt", equalTo(2)).body("medium_cnt", equalTo(3))
                .body("low_cnt", equalTo(1)).body("none_cnt", equalTo(1)).body("unknown_cnt", equalTo(1))
                .body("total_vuls", equalTo(11)).body("fixable_cnt", equalTo(6))
                .body("scanned_cnt", equalTo(3)).body("total_artifact", equalTo(4))
                .body("dangerous_cves.cve_id", contains("CVE-2021-44228", "CVE-2022-0006", "CVE-2022-0003", "CVE-2020-36518", "CVE-2022-0004"))
                .body("dangerous_cves[0].cvss_score_v3", equalTo(10.0f)).body("dangerous_cves[0].severity", equalTo("Critical"))
                .body("dangerous_cves[0].package", equalTo("log4j-core")).body("dangerous_cves[0].version", equalTo("2.14.1"))
                .body("dangerous_artifacts.digest", contains(IMAGE3, IMAGE1, IMAGE2))
                .body("dangerous_artifacts[0].project_id", equalTo((int) projectB)).body("dangerous_artifacts[0].repository_name", equalTo(WEB))
                .body("dangerous_artifacts[0].critical_cnt", equalTo(1)).body("dangerous_artifacts[0].high_cnt", equalTo(1))
                .body("dangerous_artifacts[0].medium_cnt", equalTo(2));
        admin().get("/api/v2.0/security/summary?with_dangerous_cve=false&with_dangerous_artifact=false").then().statusCode(200)
                .body("$", not(hasKey("dangerous_cves"))).body("$", not(hasKey("dangerous_artifacts"))).body("total_vuls", equalTo(11));
    }

    @Test
    @Order(2)
    void theListIsPagedHighestScoreFirstWithHarborsHeaders() {
        list("?page_size=4").statusCode(200).header("X-Total-Count", "11")
                .header("Link", allOf(containsString("page=2"), containsString("rel=\"next\""), not(containsString("prev"))))
                .body("cvss_v3_score", contains(10.0f, 10.0f, 9.1f, 8.1f)).body("digest", contains(IMAGE1, IMAGE2, IMAGE3, IMAGE3))
                .body("[0].cve_id", equalTo("CVE-2021-44228")).body("[0].project_id", equalTo((int) projectA))
                .body("[0].repository_name", equalTo(APP)).body("[0].severity", equalTo("Critical")).body("[0].package", equalTo("log4j-core"))
                .body("[0].version", equalTo("2.14.1")).body("[0].fixed_version", equalTo("2.15.0"))
                .body("[0].desc", equalTo("CVE-2021-44228 in log4j-core"))
                .body("[0].links", contains("https://nvd.nist.gov/vuln/detail/CVE-2021-44228"))
                .body("[1].severity", equalTo("Critical")).body("$", everyItem(not(hasKey("tags"))));
        list("?page=3&page_size=4").statusCode(200).header("X-Total-Count", "11")
                .header("Link", allOf(containsString("page=2"), containsString("rel=\"prev\""), not(containsString("next"))))
                .body("cve_id", contains("CVE-2022-37434", "CVE-2022-0001", "CVE-2023-45853")).body("[2].cvss_v3_score", equalTo(null))
                .body("[1].severity", equalTo("Negligible"));
        list("?q=cve_id%3DCVE-1999-0001").statusCode(200).header("X-Total-Count", "0").body("size()", equalTo(0));
        list("?q=cve_id%3DCVE-1999-0002").statusCode(200).header("X-Total-Count", "0");
        list("?q=severity%3DUnknown").statusCode(200).body("cve_id", contains("CVE-2022-0002"));
    }

    @Test
    @Order(3)
    void eachKeyOfHarborsQueryFilters() {
        list("?q=cve_id%3DCVE-2021-44228").statusCode(200).header("X-Total-Count", "2").body("digest", contains(IMAGE1, IMAGE2));
        list("?q=cvss_score_v3%3D%5B7.0~9.5%5D").statusCode(200).body("cve_id", contains("CVE-2022-0006", "CVE-2022-0003", "CVE-2020-36518"));
        list("?q=cvss_score_v3%3D%5B9~%5D").statusCode(200).header("X-Total-Count", "3");
        list("?q=cvss_score_v3%3D%5B~2.5%5D").statusCode(200).body("cve_id", contains("CVE-2022-0001"));
        list("?q=severity%3DCritical").statusCode(200).header("X-Total-Count", "3");
        list("?q=severity%3Dmedium").statusCode(200).body("cve_id", contains("CVE-2022-0004", "CVE-2022-0005", "CVE-2022-37434"));
        list("?q=repository_name%3D" + APP).statusCode(200).header("X-Total-Count", "5");
        list("?q=project_id%3D" + projectB).statusCode(200).header("X-Total-Count", "6").body("repository_name", everyItem(equalTo(WEB)));
        list("?q=package%3Dzlib1g").statusCode(200).body("cve_id", contains("CVE-2022-37434", "CVE-2023-45853"));
        list("?q=tag%3Dv3").statusCode(200).body("cve_id", contains("CVE-2021-44228", "CVE-2023-45853"))
                .body("digest", everyItem(equalTo(IMAGE2)));
        list("?q=digest%3D" + IMAGE3).statusCode(200).header("X-Total-Count", "6");
        list("?q=project_id%3D" + projectA + ",severity%3DCritical").statusCode(200).body("digest", contains(IMAGE1, IMAGE2));
        list("?q=tag%3Dv1&with_tag=true").statusCode(200).header("X-Total-Count", "3").body("tags", everyItem(contains("v1", "v2")));
        list("?q=digest%3D" + IMAGE3 + "&with_tag=true").statusCode(200).body("tags", everyItem(equalTo(List.of())));
        list("?tune_count=true").statusCode(200).header("X-Total-Count", "11");
    }

    @Test
    @Order(4)
    void badQueriesAreRefusedInHarborsErrorBody() {
        for (String bad : List.of("?q=name%3Dx", "?q=cvss_score_v3%3D7", "?q=cvss_score_v3%3D%5Ba~b%5D", "?q=cvss_score_v3%3D%5B9~7%5D",
                "?q=cvss_score_v3%3D%5B~%5D", "?q=cvss_score_v3%3D%5B0~11%5D", "?q=severity%3DSevere", "?q=project_id%3Dabc",
                "?q=cve_id%3D~CVE", "?q=package%3D%7Bcurl%20musl%7D", "?q=nokey", "?with_tag=yes", "?tune_count=1", "?page_size=0",
                "?page_size=101", "?page=0")) {
            list(bad).statusCode(400).body("errors[0].code", equalTo("BAD_REQUEST"));
        }
        list("?q=severity%3DSevere").body("errors[0].message", containsString("severity"));
        list("?q=foo%3Dbar").body("errors[0].message", containsString("foo is not allowed"));
        admin().get("/api/v2.0/security/summary?with_dangerous_cve=maybe").then().statusCode(400).body("errors[0].code", equalTo("BAD_REQUEST"));
    }

    @Test
    @Order(5)
    void onlySystemAdministratorsSeeTheHub() {
        anonymous().get("/api/v2.0/vulnerabilities").then().statusCode(401).body("errors[0].code", equalTo("UNAUTHORIZED"));
        anonymous().get("/api/v2.0/security/summary").then().statusCode(401);
        as(USER, PASSWORD).get("/api/v2.0/vulnerabilities").then().statusCode(403).body("errors[0].code", equalTo("FORBIDDEN"));
        as(USER, PASSWORD).get("/api/v2.0/security/summary").then().statusCode(403);
    }

    @Test
    @Order(6)
    void aTunedCountAboveAThousandIsMinusOne() throws Exception {
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add(vul("CVE-2024-" + (10000 + i), "pkg" + i, "1", null, "Low", null));
        }
        store(projectB, WEB, UNSCANNED, many);
        list("?tune_count=true").statusCode(200).header("X-Total-Count", "-1");
        list("?tune_count=true&q=digest%3D" + IMAGE3).statusCode(200).header("X-Total-Count", "6");
        list("").statusCode(200).header("X-Total-Count", "1012");
        admin().get("/api/v2.0/security/summary").then().statusCode(200).body("scanned_cnt", equalTo(4)).body("low_cnt", equalTo(1002));
        assertThat(reports.latest(List.of(UNSCANNED))).hasSize(1);
    }
}
