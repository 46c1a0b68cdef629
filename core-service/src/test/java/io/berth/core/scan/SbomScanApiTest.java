package io.berth.core.scan;

import static io.berth.core.testing.Api.admin;
import static io.berth.core.testing.Api.as;
import static io.berth.core.testing.Api.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.berth.common.event.RegistryEvent;
import io.berth.common.event.RegistryEventCodec;
import io.berth.common.scan.ReportTypes;
import io.berth.common.testing.TestScannerAdapter;
import io.berth.common.token.Audiences;
import io.berth.core.testing.Api;
import io.berth.core.testing.CoreTestResource;
import io.berth.core.testing.RegistryRows;
import io.berth.core.testing.StubJobservice;
import io.berth.core.token.TokenIssuer;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SBOM scans on core: {@code scan_type: sbom} with an adapter that has the spec v1.2 {@code sbom} capability
 * ({@link TestScannerAdapter} over HTTP) records an SBOM report and asks jobservice (played by {@link StubJobservice})
 * for a SCAN task of Harbor's SBOM report type; Harbor's {@code sbom_overview} goes from Pending to Success with the
 * accessory's digest once jobservice posts the summary; {@code auto_sbom_generation} makes one SBOM scan per push.
 */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
@TestProfile(StubJobservice.Profile.class)
class SbomScanApiTest {
    static final TestScannerAdapter ADAPTER = new TestScannerAdapter();
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String PASSWORD = "Passw0rdS";
    static final String PROJECT = unique("sboms");
    static final String REPO = PROJECT + "/app";
    static final String DEV = unique("dev");
    static final String IMAGE = ScanApiTest.digest('b'); // digests of their own: ScanApiTest counts reports by digest
    static final String ARTIFACTS = "/api/v2.0/projects/" + PROJECT + "/repositories/app/artifacts/";
    static long projectId;
    static String scannerUuid;
    static boolean seeded;

    @Inject
    AgroalDataSource db;

    @Inject
    TokenIssuer tokens;

    @Inject
    RedisDataSource redis;

    // ADAPTER is left open: the first registration of this Quarkus app becomes the system default, which the projects of
    // the test classes after this one fall back to.

    @BeforeEach
    void seed() throws Exception {
        StubJobservice.reset();
        ADAPTER.sbom = true;
        if (seeded) {
            return;
        }
        seeded = true;
        projectId = Api.createProject(admin(), PROJECT, false);
        Api.createUser(DEV, PASSWORD);
        Api.addMember(projectId, DEV, 2);
        String scanner = admin().body(Map.of("name", unique("sbom-adapter"), "url", ADAPTER.url(), "auth", "X-ScannerAdapter-API-Key",
                "access_credential", TestScannerAdapter.API_KEY)).post("/api/v2.0/scanners").then().statusCode(201).extract().header("Location");
        scannerUuid = scanner.substring(scanner.lastIndexOf('/') + 1);
        admin().body(Map.of("uuid", scannerUuid)).put("/api/v2.0/projects/" + PROJECT + "/scanner").then().statusCode(200);
        RegistryRows.manifest(REPO, IMAGE, OCI_MANIFEST, ScanApiTest.image(), 1000);
        RegistryRows.tag(REPO, "v1", IMAGE);
    }

    RequestSpecification dev() {
        return as(DEV, PASSWORD);
    }

    RequestSpecification jobservice() {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + tokens.issue("berth-scan-job", Audiences.CORE_SCAN,
                List.of()).token());
    }

    @Test
    void anSbomScanIsAskedOfJobserviceAndItsSummaryIsTheSbomOverview() throws Exception {
        dev().contentType(ContentType.JSON).body(Map.of("scan_type", "sbom")).post(ARTIFACTS + "v1/scan").then().statusCode(202);
        JsonNode request = StubJobservice.started("scan").get(0);
        JsonNode scan = request.path("scans").get(0);
        assertThat(scan.path("report_mime_type").asText()).isEqualTo(ReportTypes.SBOM_REPORT);
        assertThat(scan.path("digest").asText()).isEqualTo(IMAGE);
        String reportId = scan.path("report_id").asText();

        dev().get(ARTIFACTS + "v1?with_sbom_overview=true&with_scan_overview=true").then().statusCode(200)
                .body("sbom_overview.report_id", equalTo(reportId)).body("sbom_overview.scan_status", equalTo("Pending"))
                .body("sbom_overview.sbom_digest", nullValue()).body("sbom_overview.scanner.name", equalTo("TestScanner"))
                .body("scan_overview", anEmptyMap());
        // a second SBOM scan while this one runs is refused
        dev().contentType(ContentType.JSON).body(Map.of("scan_type", "sbom")).post(ARTIFACTS + "v1/scan").then().statusCode(409);

        String sbomDigest = ScanApiTest.digest('f');
        String summary = "{\"start_time\":\"2026-12-07T10:00:00Z\",\"end_time\":\"2026-12-07T10:00:03Z\",\"duration\":3,"
                + "\"sbom_repository\":\"" + REPO + "\",\"sbom_digest\":\"" + sbomDigest + "\",\"scan_status\":\"Success\","
                + "\"scanner\":{\"name\":\"TestScanner\",\"vendor\":\"Berth tests\",\"version\":\"1.0\"}}";
        jobservice().body(Map.of("report_id", reportId, "mime_type", ReportTypes.SBOM_REPORT, "report", summary))
                .post("/internal/scan/reports").then().statusCode(204);
        dev().get(ARTIFACTS + "?with_sbom_overview=true").then().statusCode(200)
                .body("find { it.digest == '" + IMAGE + "' }.sbom_overview.scan_status", equalTo("Success"))
                .body("find { it.digest == '" + IMAGE + "' }.sbom_overview.sbom_digest", equalTo(sbomDigest))
                .body("find { it.digest == '" + IMAGE + "' }.sbom_overview.report_id", equalTo(reportId));
        dev().get(ARTIFACTS + "v1/additions/vulnerabilities").then().statusCode(200).body("$", anEmptyMap());
    }

    @Test
    void anAdapterWithoutTheSbomCapabilityIsRefusedAndNothingIsRecorded() throws Exception {
        ADAPTER.sbom = false;
        long before = recorded();
        dev().contentType(ContentType.JSON).body(Map.of("scan_type", "sbom")).post(ARTIFACTS + "v1/scan").then().statusCode(400)
                .body("errors[0].message", containsString("produces no sbom report"));
        assertThat(StubJobservice.started("scan")).isEmpty();
        assertThat(recorded()).isEqualTo(before);
    }

    @Test
    void autoSbomGenerationMakesOneSbomScanPerPushHoweverOftenItsEventIsRead() throws Exception {
        String project = unique("autosbom");
        String repository = project + "/app";
        String pushed = ScanApiTest.digest('d');
        long id = Api.createProject(admin(), project, false);
        admin().body(Map.of("uuid", scannerUuid)).put("/api/v2.0/projects/" + project + "/scanner").then().statusCode(200);
        admin().body(Map.of("metadata", Map.of("auto_sbom_generation", "true"))).put("/api/v2.0/projects/" + id).then().statusCode(200);
        admin().get("/api/v2.0/projects/" + id).then().body("metadata.auto_sbom_generation", equalTo("true"));
        RegistryRows.manifest(repository, pushed, OCI_MANIFEST, ScanApiTest.image(), 1000);
        RegistryEvent push = new RegistryEvent(UUID.randomUUID().toString(), RegistryEvent.Type.PUSH_ARTIFACT, repository, project, pushed,
                List.of("1.0"), OCI_MANIFEST, 1000, "admin", Instant.now(), null);
        // the SBOM accessory the scan pushes is pushed like any manifest: it is not scanned in turn
        String accessory = ScanApiTest.digest('e');
        RegistryRows.referrer(repository, accessory, ReportTypes.SBOM_ACCESSORY, pushed, 300);
        RegistryEvent accessoryPush = new RegistryEvent(UUID.randomUUID().toString(), RegistryEvent.Type.PUSH_ARTIFACT, repository, project,
                accessory, List.of(), OCI_MANIFEST, 300, "berth-scan-job", Instant.now(), null);
        for (RegistryEvent e : List.of(push, push, accessoryPush)) {
            redis.stream(String.class).xadd(RegistryEvent.STREAM, Map.of(RegistryEventCodec.FIELD, RegistryEventCodec.encode(e)));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(StubJobservice.started("scan")).hasSize(1));
        JsonNode request = StubJobservice.started("scan").get(0);
        assertThat(request.path("trigger").asText()).isEqualTo("EVENT");
        assertThat(request.path("scans").get(0).path("report_mime_type").asText()).isEqualTo(ReportTypes.SBOM_REPORT);
        Thread.sleep(3000); // the repeated event and the accessory's have been read by now
        assertThat(StubJobservice.started("scan")).hasSize(1);
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT scan_type, count(*) FROM core.scan_report WHERE project_id = " + id + " GROUP BY scan_type")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("sbom"); // auto_scan is off: no vulnerability scan
            assertThat(rs.getLong(2)).isEqualTo(1);
            assertThat(rs.next()).isFalse();
        }
    }

    private long recorded() throws Exception {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM core.scan_report")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
