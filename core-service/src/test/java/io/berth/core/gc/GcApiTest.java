package io.berth.core.gc;

import static io.berth.core.testing.Api.admin;
import static io.berth.core.testing.Api.anonymous;
import static io.berth.core.testing.Api.as;
import static io.berth.core.testing.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.berth.core.testing.Api;
import io.berth.core.testing.CoreTestResource;
import io.berth.core.testing.JobRows;
import io.berth.core.testing.StubJobservice;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Harbor's {@code /system/gc}: the schedule (types, cron, parameters checked), runs started now and on the schedule
 * (what jobservice — a stub here — is asked), the history, report and log read from jobservice's rows, stop,
 * and only for system administrators.
 */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
@TestProfile(StubJobservice.Profile.class)
class GcApiTest {
    static final List<JsonNode> STARTED = StubJobservice.started("gc");
    static final List<String> STOPPED = StubJobservice.STOPPED;
    static final AtomicBoolean BUSY = StubJobservice.BUSY;

    @Inject
    AgroalDataSource db;

    @BeforeEach
    void reset() throws Exception {
        StubJobservice.reset();
        admin().body(Map.of("schedule", Map.of("type", "None"))).put("/api/v2.0/system/gc/schedule").then().statusCode(200);
    }

    @Test
    void aScheduleIsCreatedChangedAndDeletedWithItsParametersChecked() {
        admin().get("/api/v2.0/system/gc/schedule").then().statusCode(200).body("$", anEmptyMap());
        admin().body(Map.of("schedule", Map.of("type", "Daily"), "parameters", Map.of("delete_untagged", true, "workers", 2)))
                .post("/api/v2.0/system/gc/schedule").then().statusCode(201);
        admin().get("/api/v2.0/system/gc/schedule").then().statusCode(200).body("schedule.type", equalTo("Daily"))
                .body("schedule.cron", equalTo("0 0 0 * * *")).body("schedule.next_scheduled_time", notNullValue())
                .body("job_name", equalTo("GARBAGE_COLLECTION")).body("job_kind", equalTo("SCHEDULE"))
                .body("job_parameters", containsString("\"delete_untagged\":true")).body("job_parameters", containsString("\"workers\":2"));
        admin().body(Map.of("schedule", Map.of("type", "Weekly"))).post("/api/v2.0/system/gc/schedule").then().statusCode(409);
        admin().body(Map.of("schedule", Map.of("type", "Custom", "cron", "0 30 2 * * 6"))).put("/api/v2.0/system/gc/schedule").then()
                .statusCode(200);
        admin().get("/api/v2.0/system/gc/schedule").then().body("schedule.type", equalTo("Custom")).body("schedule.cron", equalTo("0 30 2 * * 6"));

        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("schedule", Map.of("type", "Custom", "cron", "every night")),
                Map.of("schedule", Map.of("type", "Custom")),
                Map.of("schedule", Map.of("type", "Monthly")),
                Map.of("parameters", Map.of()),
                Map.of("schedule", Map.of("type", "Daily"), "parameters", Map.of("workers", 9)),
                Map.of("schedule", Map.of("type", "Daily"), "parameters", Map.of("workers", 0)),
                Map.of("schedule", Map.of("type", "Daily"), "parameters", Map.of("time_window", -2)),
                Map.of("schedule", Map.of("type", "Daily"), "parameters", Map.of("dry_run", "yes")),
                Map.of("schedule", Map.of("type", "Daily"), "parameters", Map.of("sweep_orphans", "yes")),
                Map.of("schedule", Map.of("type", "Daily"), "parameters", Map.of("sweep_orphans", true, "time_window", 0)),
                Map.of("schedule", Map.of("type", "Daily"), "parameters", Map.of("audit_retention_hour", 24)))) {
            admin().body(bad).put("/api/v2.0/system/gc/schedule").then().statusCode(400);
        }
        admin().get("/api/v2.0/system/gc/schedule").then().body("schedule.cron", equalTo("0 30 2 * * 6"));
        admin().body(Map.of("schedule", Map.of("type", "None"))).put("/api/v2.0/system/gc/schedule").then().statusCode(200);
        admin().get("/api/v2.0/system/gc/schedule").then().body("$", anEmptyMap());
        assertThat(STARTED).isEmpty();
    }

    @Test
    void manualRunsStartNowWithTheirParameters() {
        admin().body(Map.of("schedule", Map.of("type", "Manual"), "parameters",
                Map.of("delete_untagged", true, "workers", 3, "dry_run", true, "time_window", 0)))
                .post("/api/v2.0/system/gc/schedule").then().statusCode(201).header("Location", endsWith("/api/v2.0/system/gc/424242"));
        JsonNode sent = STARTED.get(0);
        assertThat(sent.path("delete_untagged").asBoolean()).isTrue();
        assertThat(sent.path("workers").asInt()).isEqualTo(3);
        assertThat(sent.path("dry_run").asBoolean()).isTrue();
        assertThat(sent.path("time_window").asInt()).isZero();
        assertThat(sent.path("trigger").asText()).isEqualTo("MANUAL");
        assertThat(sent.path("sweep_orphans").asBoolean()).isFalse();
        admin().body(Map.of("schedule", Map.of("type", "Manual"), "parameters", Map.of("sweep_orphans", true, "time_window", 3)))
                .post("/api/v2.0/system/gc/schedule").then().statusCode(201);
        assertThat(STARTED.get(1).path("sweep_orphans").asBoolean()).isTrue();
        admin().body(Map.of("schedule", Map.of("type", "Manual"), "parameters", Map.of("sweep_orphans", true, "time_window", 0)))
                .post("/api/v2.0/system/gc/schedule").then().statusCode(400)
                .body("errors[0].message", containsString("sweep_orphans needs a time_window of at least 1 hour"));
        assertThat(STARTED).hasSize(2);
        BUSY.set(true);
        admin().body(Map.of("schedule", Map.of("type", "Manual"))).put("/api/v2.0/system/gc/schedule").then().statusCode(409)
                .body("errors[0].message", containsString("running"));
    }

    @Test
    void theScheduleFiresOncePerSlot() {
        admin().body(Map.of("schedule", Map.of("type", "Custom", "cron", "*/2 * * * * *"), "parameters", Map.of("workers", 4)))
                .post("/api/v2.0/system/gc/schedule").then().statusCode(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> !STARTED.isEmpty());
        JsonNode sent = STARTED.get(0);
        assertThat(sent.path("trigger").asText()).isEqualTo("SCHEDULE");
        assertThat(sent.path("workers").asInt()).isEqualTo(4);
        assertThat(sent.path("schedule_id").asLong()).isPositive();
    }

    @Test
    void historyReportAndLogComeFromJobservicesRowsAndARunIsStopped() throws Exception {
        long done = execution("Success", "Success", "{\"manifests_deleted\":2,\"blobs_deleted\":7,\"bytes_freed\":4096}", "deleted blob sha256:aa\n");
        long running = execution("Running", "Pending", "{}", "");
        admin().queryParam("page_size", 1).get("/api/v2.0/system/gc").then().statusCode(200)
                .header("X-Total-Count", Integer::parseInt, org.hamcrest.Matchers.greaterThanOrEqualTo(2))
                .body("[0].id", equalTo((int) running)).body("[0].job_status", equalTo("Pending"));
        admin().get("/api/v2.0/system/gc/" + done).then().statusCode(200).body("job_name", equalTo("GARBAGE_COLLECTION"))
                .body("job_kind", equalTo("MANUAL")).body("job_status", equalTo("Success")).body("deleted", equalTo(false))
                .body("job_parameters", containsString("\"delete_untagged\":true")).body("report.blobs_deleted", equalTo(7))
                .body("report.bytes_freed", equalTo(4096)).body("report.duration_seconds", notNullValue());
        admin().get("/api/v2.0/system/gc/" + done + "/log").then().statusCode(200).body(containsString("deleted blob sha256:aa"));
        admin().put("/api/v2.0/system/gc/" + running).then().statusCode(200);
        assertThat(STOPPED).containsExactly("/jobs/executions/" + running + "/stop");
        admin().put("/api/v2.0/system/gc/" + done).then().statusCode(409).body("errors[0].code", equalTo("CONFLICT"))
                .body("errors[0].message", containsString("has ended"));
        assertThat(STOPPED).hasSize(1);

        long replication = replicationExecution();
        admin().get("/api/v2.0/system/gc/" + replication).then().statusCode(404);
        admin().get("/api/v2.0/system/gc/999999999/log").then().statusCode(404);
        admin().put("/api/v2.0/system/gc/999999999").then().statusCode(404);
    }

    @Test
    void onlySystemAdministrators() {
        String user = unique("gcuser");
        Api.createUser(user, "Passw0rdA");
        as(user, "Passw0rdA").get("/api/v2.0/system/gc").then().statusCode(403);
        as(user, "Passw0rdA").body(Map.of("schedule", Map.of("type", "Manual"))).post("/api/v2.0/system/gc/schedule").then().statusCode(403);
        anonymous().get("/api/v2.0/system/gc/schedule").then().statusCode(401);
        assertThat(STARTED).isEmpty();
    }

    long execution(String status, String taskStatus, String report, String log) throws Exception {
        return JobRows.execution(db, "GARBAGE_COLLECTION", status, taskStatus, "{\"schedule_id\":0,\"delete_untagged\":true,\"workers\":2,\"dry_run\":false}",
                report, log);
    }

    long replicationExecution() throws Exception {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "INSERT INTO jobs.execution (vendor_type, vendor_id, trigger) VALUES ('REPLICATION', 1, 'MANUAL') RETURNING id")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
