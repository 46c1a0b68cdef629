package io.berth.jobs.scrub;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.jobs.testing.CoreTokens;
import io.berth.jobs.testing.Executions;
import io.berth.jobs.testing.JobsTestResource;
import io.berth.jobs.testing.StubServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SCRUB job: it pages through registry-service's scrub API to the end at its rate limit, reports what it checked
 * and quarantined, continues after its cursor when an attempt is tried again, stops, and refuses bad parameters.
 * Shares the job tests' profile (StubServices: the registry's URL on a port of the tests' own), so Quarkus is not restarted for it.
 */
@QuarkusTest
@QuarkusTestResource(JobsTestResource.class)
@TestProfile(StubServices.Profile.class)
class ScrubJobTest {
    static RegistryScrubDouble registry;

    @BeforeAll
    static void up() throws IOException {
        registry = new RegistryScrubDouble(StubServices.REGISTRY_PORT);
    }

    @AfterAll
    static void down() {
        registry.close();
    }

    @BeforeEach
    void reset() {
        registry.requests.clear();
        registry.audiences.clear();
        registry.rotten.clear();
        registry.failCall.set(-1);
        registry.hold = new CountDownLatch(0);
    }

    @Test
    void aScrubPagesToTheEndAtItsRateAndReportsTheQuarantinedDigests() throws Exception {
        registry.blobs(2_500, 1_000);
        registry.rotten.addAll(List.of(RegistryScrubDouble.digest(7), RegistryScrubDouble.digest(2_100)));
        long id = start(Map.of("rate_limit", 2));
        Executions.awaitStatus(id, "Success");

        assertThat(registry.requests).hasSize(3);
        assertThat(registry.requests).allSatisfy(r -> {
            assertThat(r.path("bytes_per_second").asLong()).isEqualTo(2_000_000);
            assertThat(r.path("max_bytes").asLong()).as("about %d s of reading a page", ScrubRunner.CALL_SECONDS).isEqualTo(10_000_000);
            assertThat(r.path("run_id").asLong()).isEqualTo(id);
        });
        assertThat(registry.requests.stream().map(r -> r.path("after").asText("-")).toList())
                .containsExactly("-", RegistryScrubDouble.digest(999), RegistryScrubDouble.digest(1_999));
        assertThat(registry.audiences).containsOnly("berth-registry-scrub");
        JsonNode report = report(id);
        assertThat(report.path("blobs_checked").asLong()).isEqualTo(2_500);
        assertThat(report.path("bytes_checked").asLong()).isEqualTo(2_500_000);
        assertThat(report.path("blobs_quarantined").asLong()).isEqualTo(2);
        assertThat(report.path("quarantined")).extracting(JsonNode::asText)
                .containsExactly(RegistryScrubDouble.digest(7), RegistryScrubDouble.digest(2_100));
        assertThat(report.path("cursor").asText()).as("all checked").isEmpty();
        assertThat(Executions.execution(id).get("bytes")).isEqualTo(2_500_000L);
        assertThat((String) Executions.task(id).get("log")).contains("at most 2 MB/s")
                .contains("quarantined blob " + RegistryScrubDouble.digest(7) + " (1000 bytes): stored bytes hash to sha256:00; linked in [\"p/app\"]")
                .contains("checked 2500 blob(s), 2500000 bytes; 2 quarantined");
    }

    @Test
    void aSmallRateMakesSmallPages() throws Exception {
        registry.blobs(25, 1_000);
        long id = start(Map.of("rate_limit", 0.001)); // 1,000 bytes/s: pages of 5,000 bytes
        Executions.awaitStatus(id, "Success");
        assertThat(registry.requests).hasSize(5).allSatisfy(r -> assertThat(r.path("max_bytes").asLong()).isEqualTo(5_000));
        assertThat(report(id).path("blobs_checked").asLong()).isEqualTo(25);
    }

    @Test
    void anAttemptTriedAgainContinuesAfterTheCursorOfTheLastOne() throws Exception {
        registry.blobs(2_500, 10);
        registry.failCall.set(2); // the third call answers 503
        long id = start(Map.of());
        Executions.awaitStatus(id, "Success");
        assertThat(((Number) Executions.task(id).get("attempts")).intValue()).isEqualTo(2);
        assertThat(registry.requests.stream().map(r -> r.path("after").asText("-")).toList()).containsExactly("-",
                RegistryScrubDouble.digest(999), RegistryScrubDouble.digest(1_999), // failed
                RegistryScrubDouble.digest(1_999)); // the second attempt starts where the first stopped
        assertThat(registry.requests.get(3).path("bytes_per_second").asLong()).as("the default rate").isEqualTo(50_000_000);
        assertThat(report(id).path("blobs_checked").asLong()).as("each blob counted once").isEqualTo(2_500);
        assertThat((String) Executions.task(id).get("log")).contains("continuing after " + RegistryScrubDouble.digest(1_999) + " (2000 blob(s) checked before)");
    }

    @Test
    void oneScrubAtATimeAndAStopEndsIt() throws Exception {
        registry.blobs(10, 10);
        registry.hold = new CountDownLatch(1);
        long id = start(Map.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> !registry.requests.isEmpty());
        given().header("Authorization", CoreTokens.bearer()).contentType(ContentType.JSON).body(Map.of())
                .post("/jobs/scrub/executions").then().statusCode(409).body("errors[0].message", containsString("scrub is running"));
        given().header("Authorization", CoreTokens.bearer()).post("/jobs/executions/" + id + "/stop").then().statusCode(200);
        Executions.awaitStatus(id, "Stopped");
        registry.hold.countDown();
        assertThat((String) Executions.task(id).get("log")).contains("stopped");
        Executions.awaitStatus(start(Map.of()), "Success");
    }

    @Test
    void badParametersAreRefused() throws Exception {
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("rate_limit", 0), Map.of("rate_limit", -2),
                Map.of("rate_limit", 0.0000001))) {
            given().header("Authorization", CoreTokens.bearer()).contentType(ContentType.JSON).body(bad).post("/jobs/scrub/executions")
                    .then().statusCode(400).body("errors[0].message", containsString("rate_limit"));
        }
        given().header("Authorization", CoreTokens.bearer()).contentType(ContentType.JSON).body(Map.of("rate_limit", "fast"))
                .post("/jobs/scrub/executions").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of()).post("/jobs/scrub/executions").then().statusCode(401);
        assertThat(registry.requests).isEmpty();
    }

    static long start(Map<String, Object> parameters) throws Exception {
        Map<String, Object> body = new HashMap<>(Map.of("schedule_id", 0, "trigger", "MANUAL"));
        body.putAll(parameters);
        return given().header("Authorization", CoreTokens.bearer()).contentType(ContentType.JSON).body(body).post("/jobs/scrub/executions")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static JsonNode report(long id) throws Exception {
        return RegistryScrubDouble.JSON.readTree((String) Executions.task(id).get("report"));
    }
}
