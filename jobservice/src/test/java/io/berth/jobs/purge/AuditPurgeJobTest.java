package io.berth.jobs.purge;

import static io.berth.jobs.testing.Executions.awaitStatus;
import static io.berth.jobs.testing.Executions.task;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

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
import org.junit.jupiter.api.Test;

/**
 * An audit-log purge as jobservice runs it on its durable dispatch (executions and tasks in PostgreSQL), against
 * core's internal purge API played by a stub: batches until core says none are left, each logged, the report kept;
 * a dry run deletes nothing; one purge at a time; a stop between batches; a 503 tried again, a 400 not; bad
 * parameters refused with no execution recorded.
 */
@QuarkusTest
@QuarkusTestResource(JobsTestResource.class)
@TestProfile(StubServices.Profile.class)
class AuditPurgeJobTest {
    static StubCorePurge core;

    @BeforeAll
    static void up() throws IOException {
        core = new StubCorePurge(StubServices.CORE_PORT);
    }

    @AfterAll
    static void down() {
        core.close();
    }

    @Test
    void aRunDeletesBatchByBatchUntilCoreSaysNoneAreLeft() throws Exception {
        core.reset(2_500);
        long id = start(Map.of("audit_retention_hour", 24, "include_operations", List.of("create", "pull"), "dry_run", false));
        awaitStatus(id, "Success");

        assertThat(core.entries).isEmpty();
        assertThat(core.calls).containsExactly("start", "batch", "batch", "batch");
        assertThat(core.audiences).containsOnly("berth-core-audit-purge");
        assertThat(core.bodies.get(0).path("retention_hours").asInt()).isEqualTo(24);
        JsonNode last = core.bodies.get(3);
        assertThat(last.path("cutoff").asText()).isEqualTo(StubCorePurge.CUTOFF);
        assertThat(last.path("operations").toString()).isEqualTo("[\"create\",\"pull\"]");
        assertThat(last.path("after").path("id").asLong()).isEqualTo(2_000);
        assertThat(last.path("limit").asInt()).isEqualTo(AuditPurgeRunner.BATCH);

        JsonNode report = StubCorePurge.JSON.readTree((String) task(id).get("report"));
        assertThat(report.path("rows_deleted").asLong()).isEqualTo(2_500);
        assertThat(report.path("rows_matched").asLong()).isEqualTo(2_500);
        assertThat((String) task(id).get("log")).contains("purging the audit log entries older than 2026-12-01T10:00:00Z (24 hours kept)")
                .contains("deleted 1000 entries (up to 2026-11-01T10:00:00Z)").contains("deleted 500 entries")
                .contains("deleted 2500 audit log entries in all");
    }

    @Test
    void aDryRunCountsAndDeletesNothing() throws Exception {
        core.reset(1_200);
        long id = start(Map.of("audit_retention_hour", 1, "include_operations", List.of("login"), "dry_run", true));
        awaitStatus(id, "Success");
        assertThat(core.entries).hasSize(1_200);
        assertThat(core.bodies.get(1).path("dry_run").asBoolean()).isTrue();
        JsonNode report = StubCorePurge.JSON.readTree((String) task(id).get("report"));
        assertThat(report.path("rows_matched").asLong()).isEqualTo(1_200);
        assertThat(report.path("rows_deleted").asLong()).isZero();
        assertThat((String) task(id).get("log")).contains("dry run: nothing is deleted").contains("would delete 1000 entries")
                .contains("would delete 1200 audit log entries in all");
    }

    @Test
    void oneAtATimeAndAStopEndsItBetweenBatches() throws Exception {
        core.reset(5_000);
        core.hold = new CountDownLatch(1);
        long id = start(Map.of("audit_retention_hour", 24, "include_operations", List.of("create"), "dry_run", false));
        await().atMost(Duration.ofSeconds(20)).until(() -> core.batches() == 1);
        given().header("Authorization", CoreTokens.bearer()).contentType(ContentType.JSON)
                .body(request(Map.of("audit_retention_hour", 1, "include_operations", List.of("create"), "dry_run", false)))
                .post("/jobs/purgeaudit/executions").then().statusCode(409).body("errors[0].message", containsString("running"));
        given().header("Authorization", CoreTokens.bearer()).post("/jobs/executions/" + id + "/stop").then().statusCode(200);
        awaitStatus(id, "Stopped");
        core.hold.countDown();
        assertThat(core.batches()).isEqualTo(1);
        assertThat((String) task(id).get("log")).contains("stopped");
        assertThat(core.entries).hasSizeGreaterThanOrEqualTo(4_000);

        core.reset(10); // the next one may start
        awaitStatus(start(Map.of("audit_retention_hour", 24, "include_operations", List.of("create"), "dry_run", false)), "Success");
        assertThat(core.entries).isEmpty();
    }

    @Test
    void aCoreThatAnswers503IsTriedAgainAndA400IsNot() throws Exception {
        core.reset(3);
        core.failuresLeft.set(1);
        long id = start(Map.of("audit_retention_hour", 24, "include_operations", List.of("delete"), "dry_run", false));
        awaitStatus(id, "Success");
        assertThat(((Number) task(id).get("attempts")).intValue()).isEqualTo(2);
        assertThat(core.entries).isEmpty();

        core.reset(3);
        core.refuse = true;
        id = start(Map.of("audit_retention_hour", 24, "include_operations", List.of("delete"), "dry_run", false));
        awaitStatus(id, "Error");
        assertThat(((Number) task(id).get("attempts")).intValue()).isEqualTo(1);
    }

    @Test
    void badParametersAreRefusedAndRecordNothing() throws Exception {
        long before = executions();
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("audit_retention_hour", 0, "include_operations", List.of("create")),
                Map.of("audit_retention_hour", -3, "include_operations", List.of("create")),
                Map.of("audit_retention_hour", 24, "include_operations", List.of()),
                Map.of("audit_retention_hour", 24, "include_operations", List.of("create", "purge")),
                Map.of("audit_retention_hour", 24))) {
            given().header("Authorization", CoreTokens.bearer()).contentType(ContentType.JSON).body(request(bad))
                    .post("/jobs/purgeaudit/executions").then().statusCode(400).body("errors[0].code", equalTo("BAD_REQUEST"));
        }
        given().header("Authorization", CoreTokens.bearer()).contentType(ContentType.JSON).body("{\"audit_retention_hour\":")
                .post("/jobs/purgeaudit/executions").then().statusCode(400);
        given().contentType(ContentType.JSON).body(request(Map.of("audit_retention_hour", 24, "include_operations", List.of("create"))))
                .post("/jobs/purgeaudit/executions").then().statusCode(401);
        assertThat(executions()).isEqualTo(before);
    }

    static Map<String, Object> request(Map<String, Object> parameters) {
        Map<String, Object> body = new HashMap<>(Map.of("schedule_id", 0, "trigger", "MANUAL"));
        body.putAll(parameters);
        return body;
    }

    static long start(Map<String, Object> parameters) throws Exception {
        return given().header("Authorization", CoreTokens.bearer()).contentType(ContentType.JSON).body(request(parameters))
                .post("/jobs/purgeaudit/executions").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static long executions() throws Exception {
        return (Long) Executions.one("SELECT count(*) AS n FROM jobs.execution WHERE vendor_type = 'PURGE_AUDIT_LOG' AND id > ?", 0).get("n");
    }
}
