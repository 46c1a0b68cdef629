package io.berth.core.scan;

import static io.berth.core.testing.Api.admin;
import static io.berth.core.testing.Api.as;
import static io.berth.core.testing.Api.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.berth.common.event.RegistryEvent;
import io.berth.common.event.RegistryEventCodec;
import io.berth.common.testing.TestScannerAdapter;
import io.quarkus.redis.datasource.RedisDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import io.berth.common.token.Audiences;
import io.berth.core.testing.Api;
import io.berth.core.testing.CoreTestResource;
import io.berth.core.testing.JobRows;
import io.berth.core.testing.RegistryRows;
import io.berth.core.testing.StubJobservice;
import io.berth.core.token.TokenIssuer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Harbor's scan of an artifact on core: the scan recorded as a report and asked of jobservice (played by
 * {@link StubJobservice}) with the project's scanner (a real adapter over HTTP, {@link TestScannerAdapter}, asked for its
 * metadata) and the report type it produces; the report jobservice posts to the internal API stored once; the
 * {@code scan_overview} of artifact lists and gets from Pending to Success (or a failed task's status), the
 * vulnerabilities addition, stop and log; bad scans refused with Harbor's error body and nothing recorded or started.
 */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
@TestProfile(StubJobservice.Profile.class)
class ScanApiTest {
    static final TestScannerAdapter ADAPTER = new TestScannerAdapter();
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String PASSWORD = "Passw0rdS";
    static final String PROJECT = unique("scans");
    static final String REPO = PROJECT + "/app";
    static final String DEV = unique("dev");
    static final String GUEST = unique("guest");
    static final String IMAGE = digest('1');
    static final String IMAGE2 = digest('2');
    static final String INDEX = digest('3');
    static final String IMAGE3 = digest('4');
    static final String ARTIFACTS = "/api/v2.0/projects/" + PROJECT + "/repositories/app/artifacts/";
    static boolean seeded;

    @Inject
    AgroalDataSource db;

    @Inject
    TokenIssuer tokens;

    @Inject
    RedisDataSource redis;

    @AfterAll
    static void stop() {
        ADAPTER.close();
    }

    static String digest(char c) {
        return "sha256:" + String.valueOf(c).repeat(64);
    }

    static String image() {
        return "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
                + "\"digest\":\"" + digest('c') + "\",\"size\":2},\"layers\":[]}";
    }

    @BeforeEach
    void seed() throws Exception {
        StubJobservice.reset();
        if (seeded) {
            return;
        }
        seeded = true;
        long project = Api.createProject(admin(), PROJECT, false);
        Api.createUser(DEV, PASSWORD);
        Api.createUser(GUEST, PASSWORD);
        Api.addMember(project, DEV, 2);
        Api.addMember(project, GUEST, 3);
        String scanner = admin().body(Map.of("name", unique("adapter"), "url", ADAPTER.url(), "auth", "X-ScannerAdapter-API-Key",
                "access_credential", TestScannerAdapter.API_KEY)).post("/api/v2.0/scanners").then().statusCode(201).extract().header("Location");
        admin().body(Map.of("uuid", scanner.substring(scanner.lastIndexOf('/') + 1))).put("/api/v2.0/projects/" + PROJECT + "/scanner")
                .then().statusCode(200);
        RegistryRows.manifest(REPO, IMAGE, OCI_MANIFEST, image(), 1000);
        RegistryRows.tag(REPO, "v1", IMAGE);
        RegistryRows.manifest(REPO, IMAGE2, OCI_MANIFEST, image(), 1000);
        RegistryRows.manifest(REPO, IMAGE3, OCI_MANIFEST, image(), 1000);
        RegistryRows.manifest(REPO, INDEX, OCI_INDEX, "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[]}", 10);
    }

    RequestSpecification jobservice() {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + tokens.issue("berth-scan-job", Audiences.CORE_SCAN,
                List.of()).token());
    }

    static RequestSpecification dev() {
        return as(DEV, PASSWORD);
    }

    static Map<String, Object> report() {
        return Map.of("generated_at", "2026-12-07T10:00:00Z", "severity", "Critical", "vulnerabilities", ADAPTER.vulnerabilities);
    }

    long stored(String digest) throws Exception {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM core.scan_report WHERE report IS NOT NULL AND digest = '" + digest + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    long recorded() throws Exception {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM core.scan_report")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aScanIsAskedOfJobserviceAndItsReportIsStoredOnceAndShownInTheOverview() throws Exception {
        dev().post(ARTIFACTS + "v1/scan").then().statusCode(202);
        List<JsonNode> started = StubJobservice.started("scan");
        assertThat(started).hasSize(1);
        JsonNode request = started.get(0);
        assertThat(request.path("vendor_type").asText()).isEqualTo("SCAN");
        JsonNode scan = request.path("scans").get(0);
        assertThat(scan.path("repository").asText()).isEqualTo(REPO);
        assertThat(scan.path("digest").asText()).isEqualTo(IMAGE);
        assertThat(scan.path("tag").asText()).isEqualTo("v1");
        assertThat(scan.path("report_mime_type").asText()).isEqualTo(TestScannerAdapter.REPORT_TYPE);
        assertThat(scan.path("adapter").path("url").asText()).isEqualTo(ADAPTER.url());
        assertThat(scan.path("adapter").path("sealed_credential").asText()).isNotBlank().doesNotContain(TestScannerAdapter.API_KEY);
        String reportId = scan.path("report_id").asText();

        dev().get(ARTIFACTS + "v1?with_scan_overview=true").then().statusCode(200)
                .body("scan_overview.'" + TestScannerAdapter.REPORT_TYPE + "'.scan_status", equalTo("Pending"))
                .body("scan_overview.'" + TestScannerAdapter.REPORT_TYPE + "'.report_id", equalTo(reportId));
        dev().post(ARTIFACTS + "v1/scan").then().statusCode(409).body("errors[0].code", equalTo("CONFLICT"));
        dev().post(ARTIFACTS + "v1/scan/stop").then().statusCode(202);
        assertThat(StubJobservice.STOPPED).containsExactly("/jobs/executions/" + StubJobservice.ID + "/stop");

        for (int i = 0; i < 2; i++) { // a task tried again posts again
            jobservice().body(Map.of("report_id", reportId, "mime_type", TestScannerAdapter.REPORT_TYPE, "report",
                    new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(report()))).post("/internal/scan/reports").then().statusCode(204);
        }
        assertThat(stored(IMAGE)).isEqualTo(1);
        String overview = "scan_overview.'" + TestScannerAdapter.REPORT_TYPE + "'";
        dev().get(ARTIFACTS + IMAGE + "?with_scan_overview=true").then().statusCode(200)
                .body(overview + ".scan_status", equalTo("Success")).body(overview + ".severity", equalTo("Critical"))
                .body(overview + ".summary.total", equalTo(3)).body(overview + ".summary.fixable", equalTo(2))
                .body(overview + ".summary.summary.Critical", equalTo(1)).body(overview + ".summary.summary.Low", equalTo(1))
                .body(overview + ".complete_percent", equalTo(100)).body(overview + ".scanner.name", equalTo("TestScanner"));
        dev().get(ARTIFACTS + "?with_scan_overview=true&page_size=100").then().statusCode(200)
                .body("find { it.digest == '" + IMAGE + "' }." + overview + ".scan_status", equalTo("Success"))
                .body("find { it.digest == '" + INDEX + "' }.scan_overview.size()", equalTo(0));
        dev().get(ARTIFACTS + "v1").then().statusCode(200).body("$", not(hasKey("scan_overview")));
        dev().get(ARTIFACTS + "v1/additions/vulnerabilities").then().statusCode(200)
                .body("'" + TestScannerAdapter.REPORT_TYPE + "'.vulnerabilities.id", org.hamcrest.Matchers.hasItem("CVE-2021-44228"));
        dev().post(ARTIFACTS + "v1/scan/stop").then().statusCode(400); // nothing runs now
    }

    @Test
    void aFailedTaskGivesTheStatusAndTheLogOfTheScan() throws Exception {
        dev().contentType(ContentType.JSON).body(Map.of("scan_type", "vulnerability")).post(ARTIFACTS + IMAGE2 + "/scan").then().statusCode(202);
        String reportId = StubJobservice.started("scan").get(0).path("scans").get(0).path("report_id").asText();
        long execution = JobRows.execution(db, "SCAN", "Error", "Error", "{\"report_id\":\"" + reportId + "\"}", "{}",
                "scanner refused: the image is too large\n");
        try (Connection c = db.getConnection()) {
            c.createStatement().executeUpdate("UPDATE core.scan_report SET execution_id = " + execution + " WHERE uuid = '" + reportId + "'");
        }
        dev().get(ARTIFACTS + IMAGE2 + "?with_scan_overview=true").then().statusCode(200)
                .body("scan_overview.'" + TestScannerAdapter.REPORT_TYPE + "'.scan_status", equalTo("Error"));
        dev().get(ARTIFACTS + IMAGE2 + "/scan/" + reportId + "/log").then().statusCode(200)
                .body(containsString("the image is too large"));
        dev().get(ARTIFACTS + IMAGE + "/scan/" + reportId + "/log").then().statusCode(404);
        dev().get(ARTIFACTS + IMAGE2 + "/scan/no-such-report/log").then().statusCode(404).body("errors[0].code", equalTo("NOT_FOUND"));
    }

    @Test
    void aPushToAProjectThatScansOnPushIsScannedOnceHoweverOftenItsEventIsRead() throws Exception {
        String project = unique("autoscan");
        String repository = project + "/web";
        String pushed = digest('5');
        String tagged = digest('6');
        long id = Api.createProject(admin(), project, false);
        admin().body(Map.of("metadata", Map.of("auto_scan", "true"))).put("/api/v2.0/projects/" + id).then().statusCode(200);
        RegistryRows.manifest(repository, pushed, OCI_MANIFEST, image(), 1000);
        String index = digest('7');
        RegistryRows.manifest(repository, index, OCI_INDEX, "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[]}", 10);
        RegistryRows.manifest(REPO, tagged, OCI_MANIFEST, image(), 1000); // in PROJECT, which does not scan on push
        RegistryEvent push = new RegistryEvent(UUID.randomUUID().toString(), RegistryEvent.Type.PUSH_ARTIFACT, repository, project, pushed,
                List.of("1.0"), OCI_MANIFEST, 1000, "admin", Instant.now(), null);
        for (RegistryEvent e : List.of(push, push, new RegistryEvent(UUID.randomUUID().toString(), RegistryEvent.Type.PUSH_ARTIFACT, repository,
                project, index, List.of(), OCI_INDEX, 10, "admin", Instant.now(), null),
                new RegistryEvent(UUID.randomUUID().toString(), RegistryEvent.Type.PUSH_ARTIFACT, REPO, PROJECT, tagged, List.of(), OCI_MANIFEST, 1000,
                        "admin", Instant.now(), null))) {
            redis.stream(String.class).xadd(RegistryEvent.STREAM, Map.of(RegistryEventCodec.FIELD, RegistryEventCodec.encode(e)));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(StubJobservice.started("scan")).hasSize(1));
        JsonNode request = StubJobservice.started("scan").get(0);
        assertThat(request.path("trigger").asText()).isEqualTo("EVENT");
        assertThat(request.path("scans").get(0).path("digest").asText()).isEqualTo(pushed);
        assertThat(request.path("scans").get(0).path("tag").asText()).isEqualTo("1.0");
        Thread.sleep(3000); // the repeated event, the index and the other project's push have been read by now
        assertThat(StubJobservice.started("scan")).hasSize(1);
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM core.scan_report WHERE project_id = " + id)) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1);
        }
    }

    @Test
    void scanAllScansEveryImageNotBeingScannedInOneExecutionAndItsMetricsComeFromTheLatestRun() throws Exception {
        admin().body(Map.of("schedule", Map.of("type", "Manual"))).post("/api/v2.0/system/scanAll/schedule").then().statusCode(201);
        List<JsonNode> started = StubJobservice.started("scan");
        assertThat(started).hasSize(1);
        JsonNode request = started.get(0);
        assertThat(request.path("vendor_type").asText()).isEqualTo("SCAN_ALL");
        List<String> digests = new java.util.ArrayList<>();
        request.path("scans").forEach(s -> digests.add(s.path("digest").asText()));
        assertThat(digests).isNotEmpty().doesNotContain(INDEX).doesNotHaveDuplicates();
        request.path("scans").forEach(s -> assertThat(s.path("report_mime_type").asText()).isEqualTo(TestScannerAdapter.REPORT_TYPE));
        StubJobservice.reset();
        admin().body(Map.of("schedule", Map.of("type", "Manual"))).post("/api/v2.0/system/scanAll/schedule").then().statusCode(201);
        JsonNode again = StubJobservice.started("scan").get(0);
        request.path("scans").forEach(s -> again.path("scans").forEach(t -> assertThat(t.path("digest").asText())
                .as("being scanned by the first scan-all").isNotEqualTo(s.path("digest").asText())));
        as(DEV, PASSWORD).body(Map.of("schedule", Map.of("type", "Manual"))).post("/api/v2.0/system/scanAll/schedule").then().statusCode(403);
        admin().body(Map.of("schedule", Map.of("type", "Manual"), "parameters", Map.of("x", 1))).post("/api/v2.0/system/scanAll/schedule")
                .then().statusCode(400);

        JobRows.execution(db, "SCAN_ALL", "Running", "Success", "{\"report_id\":\"r\"}", "{}", "");
        admin().get("/api/v2.0/scans/all/metrics").then().statusCode(200).body("total", equalTo(1)).body("completed", equalTo(1))
                .body("metrics.Success", equalTo(1)).body("ongoing", equalTo(true)).body("trigger", equalTo("Manual"));
        admin().get("/api/v2.0/scans/schedule/metrics").then().statusCode(200).body("total", equalTo(0));
        dev().get("/api/v2.0/scans/all/metrics").then().statusCode(403);

        List<String> recorded = new java.util.ArrayList<>(); // the other tests scan these artifacts: no scan-all runs for them
        for (JsonNode r : List.of(request, again)) {
            r.path("scans").forEach(s -> recorded.add("'" + s.path("report_id").asText() + "'"));
        }
        try (Connection c = db.getConnection()) {
            c.createStatement().executeUpdate("DELETE FROM core.scan_report WHERE report IS NULL AND uuid IN (" + String.join(",", recorded) + ")");
        }
    }

    @Test
    void badScansAreRefusedAndNothingIsRecordedOrStarted() throws Exception {
        long before = recorded();
        dev().contentType(ContentType.JSON).body(Map.of("scan_type", "malware")).post(ARTIFACTS + "v1/scan").then().statusCode(400)
                .body("errors[0].message", containsString("scan_type"));
        dev().contentType(ContentType.JSON).body(Map.of("scan_type", "sbom")).post(ARTIFACTS + "v1/scan").then().statusCode(400)
                .body("errors[0].message", containsString("produces no sbom report")); // this adapter has no sbom capability
        dev().post(ARTIFACTS + INDEX + "/scan").then().statusCode(400).body("errors[0].message", containsString("index"));
        dev().post(ARTIFACTS + digest('9') + "/scan").then().statusCode(404).body("errors[0].code", equalTo("NOT_FOUND"));
        dev().post(ARTIFACTS + "nope/scan").then().statusCode(404);
        as(GUEST, PASSWORD).post(ARTIFACTS + "v1/scan").then().statusCode(403);
        assertThat(StubJobservice.started("scan")).isEmpty();
        assertThat(recorded()).isEqualTo(before);
    }

    @Test
    void theInternalApiTakesOnlyJobservicesTokenAndKnownReports() throws Exception {
        Map<String, Object> body = Map.of("report_id", "nope", "mime_type", TestScannerAdapter.REPORT_TYPE, "report", "{}");
        given().contentType(ContentType.JSON).body(body).post("/internal/scan/reports").then().statusCode(401)
                .body("errors[0].message", containsString(Audiences.CORE_SCAN));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + tokens.issue("x", Audiences.CORE_AUDIT_PURGE, List.of()).token())
                .body(body).post("/internal/scan/reports").then().statusCode(401);
        admin().body(body).post("/internal/scan/reports").then().statusCode(401);
        jobservice().body(body).post("/internal/scan/reports").then().statusCode(404);
        dev().post(ARTIFACTS + IMAGE3 + "/scan").then().statusCode(202);
        String reportId = StubJobservice.started("scan").get(0).path("scans").get(0).path("report_id").asText();
        jobservice().body(Map.of("report_id", reportId, "mime_type", TestScannerAdapter.REPORT_TYPE, "report", "not json"))
                .post("/internal/scan/reports").then().statusCode(400);
        jobservice().body(Map.of("report_id", reportId, "mime_type", "text/plain", "report", "{}"))
                .post("/internal/scan/reports").then().statusCode(400);
        assertThat(stored(IMAGE3)).isZero();
    }
}
