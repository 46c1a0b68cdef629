package io.berth.jobs.scan;

import static io.berth.jobs.testing.Executions.awaitStatus;
import static io.berth.jobs.testing.Executions.task;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.scope.Scope;
import io.berth.common.secret.SecretBox;
import io.berth.common.testing.TestScannerAdapter;
import io.berth.common.token.TokenKeys;
import io.berth.common.token.TokenVerifier;
import io.berth.jobs.testing.CoreTokens;
import io.berth.jobs.testing.Executions;
import io.berth.jobs.testing.JobsTestResource;
import io.berth.jobs.testing.StubServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A SCAN task as jobservice runs it on its durable dispatch against a scanner adapter over real HTTP
 * ({@link TestScannerAdapter}, which answers 302 with Refresh-After and refuses on demand) and core's internal scan API
 * ({@link StubCoreScan}): the scan request carries the registry URL and a token that may pull that one repository only,
 * the report is polled for and posted to core with the scan audience; a task tried again after core failed asks the
 * adapter for no second scan; an adapter's refusal fails the task at once; bad requests record nothing.
 */
@QuarkusTest
@QuarkusTestResource(JobsTestResource.class)
@TestProfile(StubServices.Profile.class)
class ScanJobTest {
    static final String REPO = "library/app";
    static final String DIGEST = "sha256:" + "a".repeat(64);
    static TestScannerAdapter adapter;
    static StubCoreScan core;

    @BeforeAll
    static void up() throws Exception {
        adapter = new TestScannerAdapter();
        core = new StubCoreScan(StubServices.CORE_PORT);
    }

    @AfterAll
    static void down() {
        adapter.close();
        core.close();
    }

    @BeforeEach
    void reset() {
        adapter.reset();
        core.reset();
    }

    static Map<String, Object> scan(String reportId) throws Exception {
        String sealed = SecretBox.fromFile(JobsTestResource.DIR.resolve("secret.key")).encrypt(TestScannerAdapter.API_KEY);
        Map<String, Object> registration = Map.of("uuid", "u-1", "name", "test-adapter", "url", adapter.url(), "auth", "X-ScannerAdapter-API-Key",
                "sealed_credential", sealed, "skip_cert_verify", false, "use_internal_addr", false);
        return Map.of("report_id", reportId, "adapter", registration, "repository", REPO, "digest", DIGEST, "tag", "v1",
                "media_type", "application/vnd.oci.image.manifest.v1+json", "report_mime_type", TestScannerAdapter.REPORT_TYPE);
    }

    static long start(Map<String, Object> request) throws Exception {
        return given().header("Authorization", CoreTokens.bearer()).contentType(ContentType.JSON).body(request).post("/jobs/scan/executions")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static Map<String, Object> request(Object... scans) {
        return Map.of("vendor_type", "SCAN", "vendor_id", 7, "trigger", "MANUAL", "scans", List.of(scans));
    }

    @Test
    void aScanPullsWithATokenForThatRepositoryPollsThroughRefreshAfterAndPostsTheReportToCore() throws Exception {
        adapter.pending = 2;
        String reportId = UUID.randomUUID().toString();
        long id = start(request(scan(reportId)));
        awaitStatus(id, "Success");

        assertThat(adapter.scanRequests).hasSize(1);
        JsonNode sent = adapter.scanRequests.get(0);
        assertThat(sent.path("registry").path("url").asText()).isEqualTo("http://localhost:8080");
        assertThat(sent.path("artifact").path("repository").asText()).isEqualTo(REPO);
        assertThat(sent.path("artifact").path("digest").asText()).isEqualTo(DIGEST);
        assertThat(sent.path("artifact").path("mime_type").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        String authorization = sent.path("registry").path("authorization").asText();
        assertThat(authorization).startsWith("Bearer ");
        TokenVerifier registry = new TokenVerifier("berth-token-service", "berth-registry",
                TokenKeys.readPublicKeys(JobsTestResource.DIR.resolve("token.crt")), 30);
        assertThat(registry.verify(authorization.substring(7)).access()).containsExactly(Scope.repository(REPO, "pull"));
        assertThat(adapter.apiKeys).containsOnly(TestScannerAdapter.API_KEY);
        assertThat(adapter.reportAccepts).hasSize(3).containsOnly(TestScannerAdapter.REPORT_TYPE);

        assertThat(core.posts).hasSize(1);
        assertThat(core.audiences).containsOnly("berth-core-scan");
        JsonNode posted = core.posts.get(0);
        assertThat(posted.path("report_id").asText()).isEqualTo(reportId);
        assertThat(posted.path("mime_type").asText()).isEqualTo(TestScannerAdapter.REPORT_TYPE);
        assertThat(StubCoreScan.JSON.readTree(posted.path("report").asText()).path("vulnerabilities")).hasSize(3);
        assertThat((String) task(id).get("log")).contains("accepted the scan of " + REPO + "@" + DIGEST)
                .contains("the report was ready after 2 poll(s)").contains("stored as report " + reportId);
    }

    @Test
    void aTaskTriedAgainAsksForTheReportOfItsScanRequestInsteadOfScanningAgain() throws Exception {
        core.failuresLeft.set(1);
        long id = start(request(scan(UUID.randomUUID().toString())));
        awaitStatus(id, "Success");
        assertThat(adapter.scanRequests).hasSize(1);
        assertThat(core.posts).hasSize(2);
        assertThat(((Number) task(id).get("attempts")).intValue()).isEqualTo(2);
        assertThat((String) task(id).get("log")).contains("asking scanner test-adapter again for the report of scan request");
    }

    @Test
    void anAdapterRefusingTheScanFailsTheTaskAtOnce() throws Exception {
        adapter.scanStatus = 422;
        long id = start(request(scan(UUID.randomUUID().toString())));
        awaitStatus(id, "Error");
        assertThat(((Number) task(id).get("attempts")).intValue()).isEqualTo(1);
        assertThat((String) task(id).get("log")).contains("422").contains("scan refused on purpose");
        assertThat(core.posts).isEmpty();
    }

    @Test
    void badRequestsAreRefusedAndRecordNothing() throws Exception {
        long before = (Long) Executions.one("SELECT count(*) AS n FROM jobs.execution WHERE id > ?", 0).get("n");
        Map<String, Object> noReport = new HashMap<>(scan("x"));
        noReport.remove("report_id");
        List<Map<String, Object>> bad = List.of(
                Map.of("vendor_type", "GC", "vendor_id", 1, "scans", List.of(scan("a"))),
                Map.of("vendor_type", "SCAN", "vendor_id", 1),
                Map.of("vendor_type", "SCAN", "vendor_id", 1, "scans", List.of(scan("a"), scan("b"))),
                request(noReport));
        for (Map<String, Object> body : bad) {
            given().header("Authorization", CoreTokens.bearer()).contentType(ContentType.JSON).body(body).post("/jobs/scan/executions")
                    .then().statusCode(400);
        }
        given().contentType(ContentType.JSON).body(request(scan("c"))).post("/jobs/scan/executions").then().statusCode(401);
        assertThat((Long) Executions.one("SELECT count(*) AS n FROM jobs.execution WHERE id > ?", 0).get("n")).isEqualTo(before);
    }
}
