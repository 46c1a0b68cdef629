package io.berth.jobs.gc;

import static io.berth.jobs.testing.Executions.awaitStatus;
import static io.berth.jobs.testing.Executions.execution;
import static io.berth.jobs.testing.Executions.task;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.jobs.testing.CoreTokens;
import io.berth.jobs.testing.JobsTestResource;
import io.berth.jobs.testing.StubServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A garbage collection as jobservice runs it, against registry-service's internal GC API played by a stub: the
 * phases in order and paged to their end, at most {@code workers} batches at once, the report and log kept, one
 * collection at a time, a stop that ends it with what it did, a 503 tried again, and bad parameters refused.
 */
@QuarkusTest
@QuarkusTestResource(JobsTestResource.class)
@TestProfile(StubServices.Profile.class)
class GcJobTest {
    static final int PORT = StubServices.REGISTRY_PORT;
    static StubRegistryGc stub;

    @BeforeAll
    static void up() throws IOException {
        stub = new StubRegistryGc(PORT);
    }

    @AfterAll
    static void down() {
        stub.close();
    }

    @BeforeEach
    void reset() {
        stub.remaining.clear();
        stub.orphans.clear();
        stub.calls.clear();
        stub.audiences.clear();
        stub.mostAtOnce.set(0);
        stub.failuresLeft.set(0);
        stub.hold = new CountDownLatch(0);
    }

    @Test
    void phasesRunInOrderPagedToTheEndWithAtMostWorkersBatchesAtOnce() throws Exception {
        stub.items("manifests", 3);
        stub.items("links", 2_250); // three pages of 1,000: 23 batches of 100
        stub.items("blobs", 40);
        long id = start(Map.of("workers", 2, "delete_untagged", true, "time_window", 0));
        awaitStatus(id, "Success");

        assertThat(stub.calls).first().isEqualTo("start");
        assertThat(stub.calls).last().isEqualTo("finish");
        assertThat(stub.calls.stream().filter(c -> c.endsWith("/candidates")).toList()).containsExactly(
                "manifests/candidates", "manifests/candidates", // round 2 finds nothing left
                "links/candidates", "links/candidates", "links/candidates", "blobs/candidates");
        assertThat(stub.calls.indexOf("blobs/candidates")).isGreaterThan(stub.calls.lastIndexOf("links/collect"));
        assertThat(stub.calls.stream().filter("links/collect"::equals).count()).isEqualTo(23);
        assertThat(stub.mostAtOnce.get()).isEqualTo(2);
        assertThat(stub.audiences).containsOnly("berth-registry-gc");

        Map<String, Object> task = task(id);
        JsonNode report = StubRegistryGc.JSON.readTree((String) task.get("report"));
        assertThat(report.path("manifests_deleted").asLong()).isEqualTo(3);
        assertThat(report.path("links_deleted").asLong()).isEqualTo(2_250);
        assertThat(report.path("blobs_deleted").asLong()).isEqualTo(40);
        assertThat(report.path("bytes_freed").asLong()).isEqualTo(10L * (3 + 2_250 + 40));
        assertThat(report.path("skipped_busy").asLong()).isEqualTo(1 + 23 + 1);
        assertThat(execution(id).get("bytes")).isEqualTo(10L * (3 + 2_250 + 40));
        assertThat((String) task.get("log")).contains("collecting what became garbage before 2026-12-07T10:00:00Z")
                .contains("deleted manifest p/app@sha256:").contains("deleted blob sha256:")
                .contains("deleted 3 manifest(s), 2250 blob link(s), 40 blob(s); 22930 bytes freed");
    }

    @Test
    void sweepOrphansPagesThroughBothAreasAfterTheBlobsAndReportsWhatItFreed() throws Exception {
        stub.items("blobs", 3);
        stub.orphans("blobs", 1_500); // two pages of the listing
        stub.orphans("uploads", 2);
        long id = start(Map.of("workers", 1, "sweep_orphans", true));
        awaitStatus(id, "Success");

        assertThat(stub.calls.subList(stub.calls.lastIndexOf("blobs/collect") + 1, stub.calls.size()))
                .containsExactly("orphans/sweep", "orphans/sweep", "orphans/sweep", "finish");
        assertThat(stub.orphans.get("blobs")).isEmpty();
        assertThat(stub.orphans.get("uploads")).isEmpty();
        JsonNode report = StubRegistryGc.JSON.readTree((String) task(id).get("report"));
        assertThat(report.path("orphans_deleted").asLong()).isEqualTo(1_502);
        assertThat(report.path("orphan_bytes_freed").asLong()).isEqualTo(10L * 1_502);
        assertThat(report.path("bytes_freed").asLong()).isEqualTo(10L * (3 + 1_502));
        assertThat((String) task(id).get("log")).contains("deleted orphan blobs/").contains("orphan sweep of uploads: deleted 2 object(s)")
                .contains("deleted 0 manifest(s), 0 blob link(s), 3 blob(s), 1502 orphan(s) of 15020 bytes; 15050 bytes freed");

        stub.orphans("blobs", 5);
        stub.calls.clear();
        awaitStatus(start(Map.of("workers", 1)), "Success");
        assertThat(stub.calls).as("no sweep unless asked").contains("finish").doesNotContain("orphans/sweep");
    }

    @Test
    void aDryRunSaysWhatItWouldDelete() throws Exception {
        stub.items("links", 5);
        long id = start(Map.of("workers", 1, "dry_run", true));
        awaitStatus(id, "Success");
        assertThat(stub.remaining.get("links")).hasSize(5);
        assertThat((String) task(id).get("log")).contains("dry run: nothing is deleted").contains("would delete link of sha256:")
                .contains("would delete 0 manifest(s), 5 blob link(s)");
        assertThat(stub.calls).doesNotContain("manifests/candidates"); // untagged manifests only with delete_untagged
    }

    @Test
    void oneCollectionAtATimeAndAStopEndsItWithWhatItDid() throws Exception {
        stub.items("links", 500);
        stub.hold = new CountDownLatch(1);
        long id = start(Map.of("workers", 1));
        await().atMost(Duration.ofSeconds(20)).until(() -> stub.calls.contains("links/collect"));
        given().header("Authorization", CoreTokens.bearer()).contentType(ContentType.JSON).body(Map.of("workers", 1))
                .post("/jobs/gc/executions").then().statusCode(409).body("errors[0].message", containsString("running"));
        given().header("Authorization", CoreTokens.bearer()).post("/jobs/executions/" + id + "/stop").then().statusCode(200);
        awaitStatus(id, "Stopped");
        stub.hold.countDown();
        assertThat(stub.calls).doesNotContain("finish");
        assertThat((String) task(id).get("log")).contains("stopped");
        // the next one may start
        awaitStatus(start(Map.of("workers", 1)), "Success");
    }

    @Test
    void aRegistryThatAnswers503IsTriedAgain() throws Exception {
        stub.items("blobs", 3);
        stub.failuresLeft.set(1);
        long id = start(Map.of("workers", 1));
        awaitStatus(id, "Success");
        assertThat(((Number) task(id).get("attempts")).intValue()).isEqualTo(2);
        assertThat(stub.remaining.get("blobs")).isEmpty();
    }

    @Test
    void badParametersAreRefused() throws Exception {
        for (Map<String, Object> bad : java.util.List.<Map<String, Object>>of(Map.of("workers", 0), Map.of("workers", 6),
                Map.of("workers", 1, "time_window", -1), Map.of("workers", 1, "time_window", 0, "sweep_orphans", true))) {
            given().header("Authorization", CoreTokens.bearer()).contentType(ContentType.JSON).body(bad).post("/jobs/gc/executions")
                    .then().statusCode(400);
        }
        given().contentType(ContentType.JSON).body(Map.of("workers", 1)).post("/jobs/gc/executions").then().statusCode(401);
    }

    static long start(Map<String, Object> parameters) throws Exception {
        Map<String, Object> body = new HashMap<>(Map.of("schedule_id", 0, "trigger", "MANUAL"));
        body.putAll(parameters);
        return given().header("Authorization", CoreTokens.bearer()).contentType(ContentType.JSON).body(body).post("/jobs/gc/executions")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }
}
