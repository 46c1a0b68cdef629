package io.berth.core.purge;

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
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Harbor's {@code /system/purgeaudit}: the schedule (types, cron, Harbor's parameters checked, next to GC's own),
 * runs started now and on the schedule (what jobservice — a stub here — is asked), the history, report and log read
 * from jobservice's rows, stop, and only for system administrators.
 */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
@TestProfile(StubJobservice.Profile.class)
class PurgeApiTest {
    static final String API = "/api/v2.0/system/purgeaudit";
    static final List<JsonNode> STARTED = StubJobservice.started("purgeaudit");

    @Inject
    AgroalDataSource db;

    @BeforeEach
    void reset() {
        StubJobservice.reset();
        admin().body(Map.of("schedule", Map.of("type", "None"))).put(API + "/schedule").then().statusCode(200);
        admin().body(Map.of("schedule", Map.of("type", "None"))).put("/api/v2.0/system/gc/schedule").then().statusCode(200);
    }

    @Test
    void aScheduleIsKeptNextToGcsAndItsParametersAreChecked() {
        admin().get(API + "/schedule").then().statusCode(200).body("$", anEmptyMap());
        admin().body(Map.of("schedule", Map.of("type", "Daily"), "parameters",
                Map.of("audit_retention_hour", 48, "include_operations", " Create, pull,create ", "dry_run", true)))
                .post(API + "/schedule").then().statusCode(201);
        admin().body(Map.of("schedule", Map.of("type", "Weekly"), "parameters", Map.of("workers", 2)))
                .post("/api/v2.0/system/gc/schedule").then().statusCode(201);
        admin().get(API + "/schedule").then().statusCode(200).body("schedule.type", equalTo("Daily"))
                .body("schedule.cron", equalTo("0 0 0 * * *")).body("schedule.next_scheduled_time", notNullValue())
                .body("job_name", equalTo("PURGE_AUDIT_LOG")).body("job_kind", equalTo("SCHEDULE"))
                .body("job_parameters", containsString("\"audit_retention_hour\":48")) // (in jsonb's key order)
                .body("job_parameters", containsString("\"include_operations\":\"create,pull\"")).body("job_parameters", containsString("\"dry_run\":true"));
        admin().body(Map.of("schedule", Map.of("type", "Hourly"), "parameters", Map.of("audit_retention_hour", 1)))
                .post(API + "/schedule").then().statusCode(409);
        admin().body(Map.of("schedule", Map.of("type", "Custom", "cron", "0 15 3 * * *"), "parameters", Map.of("audit_retention_hour", 720)))
                .put(API + "/schedule").then().statusCode(200);
        admin().get(API + "/schedule").then().body("schedule.type", equalTo("Custom")).body("schedule.cron", equalTo("0 15 3 * * *"))
                .body("job_parameters", containsString("\"include_operations\":\"create,delete,pull\"")); // Harbor's default

        Map<String, Object> daily = Map.of("type", "Daily");
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("schedule", Map.of("type", "Custom", "cron", "every night"), "parameters", Map.of("audit_retention_hour", 1)),
                Map.of("schedule", Map.of("type", "Custom", "cron", "0 0 25 * * *"), "parameters", Map.of("audit_retention_hour", 1)),
                Map.of("schedule", Map.of("type", "Monthly"), "parameters", Map.of("audit_retention_hour", 1)),
                Map.of("parameters", Map.of("audit_retention_hour", 1)),
                Map.of("schedule", daily),
                Map.of("schedule", daily, "parameters", Map.of("audit_retention_hour", 0)),
                Map.of("schedule", daily, "parameters", Map.of("audit_retention_hour", -24)),
                Map.of("schedule", daily, "parameters", Map.of("audit_retention_hour", 1.5)),
                Map.of("schedule", daily, "parameters", Map.of("audit_retention_hour", "24")),
                Map.of("schedule", daily, "parameters", Map.of("audit_retention_hour", 24, "include_operations", "create,purge")),
                Map.of("schedule", daily, "parameters", Map.of("audit_retention_hour", 24, "include_operations", " , ")),
                Map.of("schedule", daily, "parameters", Map.of("audit_retention_hour", 24, "include_operations", List.of("create"))),
                Map.of("schedule", daily, "parameters", Map.of("audit_retention_hour", 24, "dry_run", "yes")),
                Map.of("schedule", daily, "parameters", Map.of("audit_retention_hour", 24, "workers", 2)))) {
            admin().body(bad).put(API + "/schedule").then().statusCode(400).body("errors[0].code", equalTo("BAD_REQUEST"))
                    .body("errors[0].message", notNullValue());
        }
        admin().get(API + "/schedule").then().body("schedule.cron", equalTo("0 15 3 * * *"));
        admin().body(Map.of("schedule", Map.of("type", "None"))).put(API + "/schedule").then().statusCode(200);
        admin().get(API + "/schedule").then().body("$", anEmptyMap());
        admin().get("/api/v2.0/system/gc/schedule").then().body("schedule.type", equalTo("Weekly"));
        assertThat(STARTED).isEmpty();
    }

    @Test
    void manualRunsStartNowWithTheirParametersOneAtATime() {
        admin().body(Map.of("schedule", Map.of("type", "Manual"), "parameters",
                Map.of("audit_retention_hour", 168, "include_operations", "login,change password", "dry_run", true)))
                .post(API + "/schedule").then().statusCode(201).header("Location", endsWith(API + "/" + StubJobservice.ID));
        JsonNode sent = STARTED.get(0);
        assertThat(sent.path("audit_retention_hour").asInt()).isEqualTo(168);
        assertThat(sent.path("include_operations")).hasSize(2);
        assertThat(sent.path("include_operations").get(1).asText()).isEqualTo("change password");
        assertThat(sent.path("dry_run").asBoolean()).isTrue();
        assertThat(sent.path("trigger").asText()).isEqualTo("MANUAL");
        assertThat(sent.path("schedule_id").asLong()).isZero();

        admin().body(Map.of("schedule", Map.of("type", "Manual"), "parameters", Map.of("audit_retention_hour", 0)))
                .put(API + "/schedule").then().statusCode(400);
        assertThat(STARTED).hasSize(1); // refused before jobservice is asked
        StubJobservice.BUSY.set(true);
        admin().body(Map.of("schedule", Map.of("type", "Manual"), "parameters", Map.of("audit_retention_hour", 1)))
                .put(API + "/schedule").then().statusCode(409).body("errors[0].code", equalTo("CONFLICT"));
    }

    @Test
    void theScheduleFiresEvenNextToARowOfAKindNothingRuns() throws Exception {
        try (Connection c = db.getConnection()) { // e.g. a SCRUB schedule written before its job is deployed: logged, left alone
            c.createStatement().executeUpdate("INSERT INTO core.schedule (kind, type, cron) VALUES ('NO_SUCH_JOB', 'Custom', '* * * * * *')");
        }
        try {
            admin().body(Map.of("schedule", Map.of("type", "Custom", "cron", "*/2 * * * * *"), "parameters", Map.of("audit_retention_hour", 12)))
                    .post(API + "/schedule").then().statusCode(201);
            await().atMost(Duration.ofSeconds(20)).until(() -> !STARTED.isEmpty());
            JsonNode sent = STARTED.get(0);
            assertThat(sent.path("trigger").asText()).isEqualTo("SCHEDULE");
            assertThat(sent.path("audit_retention_hour").asInt()).isEqualTo(12);
            assertThat(sent.path("schedule_id").asLong()).isPositive();
            assertThat(StubJobservice.started("gc")).isEmpty(); // GC has no schedule
        } finally {
            try (Connection c = db.getConnection()) {
                c.createStatement().executeUpdate("DELETE FROM core.schedule WHERE kind = 'NO_SUCH_JOB'");
            }
        }
    }

    @Test
    void historyReportAndLogComeFromJobservicesRowsAndOnlyARunningOneIsStopped() throws Exception {
        long done = execution("PURGE_AUDIT_LOG", "Success", "Success", "{\"rows_matched\":1200,\"rows_deleted\":1200}",
                "deleted 1000 audit log entries\ndeleted 200 audit log entries\n");
        long running = execution("PURGE_AUDIT_LOG", "Running", "Pending", "{}", "");
        long gc = execution("GARBAGE_COLLECTION", "Success", "Success", "{}", "");
        admin().queryParam("page_size", 1).get(API).then().statusCode(200)
                .header("X-Total-Count", Integer::parseInt, greaterThanOrEqualTo(2)).header("Link", containsString("page=2"))
                .body("[0].id", equalTo((int) running)).body("[0].job_status", equalTo("Pending"));
        admin().get(API + "/" + done).then().statusCode(200).body("job_name", equalTo("PURGE_AUDIT_LOG"))
                .body("job_kind", equalTo("MANUAL")).body("schedule.type", equalTo("Manual")).body("job_status", equalTo("Success"))
                .body("job_parameters", equalTo("{\"audit_retention_hour\":24,\"include_operations\":\"create,pull\",\"dry_run\":false}"))
                .body("report.rows_deleted", equalTo(1200)).body("report.duration_seconds", notNullValue());
        admin().get(API + "/" + done + "/log").then().statusCode(200).body(containsString("deleted 200 audit log entries"));

        admin().put(API + "/" + running).then().statusCode(200);
        assertThat(StubJobservice.STOPPED).containsExactly("/jobs/executions/" + running + "/stop");
        admin().put(API + "/" + done).then().statusCode(409).body("errors[0].code", equalTo("CONFLICT"))
                .body("errors[0].message", containsString("has ended"));
        assertThat(StubJobservice.STOPPED).hasSize(1);

        admin().get(API + "/" + gc).then().statusCode(404).body("errors[0].code", equalTo("NOT_FOUND"));
        admin().put(API + "/" + gc).then().statusCode(404);
        admin().get(API + "/999999999/log").then().statusCode(404);
        admin().get(API + "/abc").then().statusCode(400).body("errors[0].code", equalTo("BAD_REQUEST"));
    }

    @Test
    void onlySystemAdministrators() {
        String user = unique("purgeuser");
        Api.createUser(user, "Passw0rdA");
        as(user, "Passw0rdA").get(API).then().statusCode(403);
        as(user, "Passw0rdA").body(Map.of("schedule", Map.of("type", "Manual"), "parameters", Map.of("audit_retention_hour", 1)))
                .post(API + "/schedule").then().statusCode(403);
        anonymous().get(API + "/schedule").then().statusCode(401);
        anonymous().put(API + "/1").then().statusCode(401);
        assertThat(STARTED).isEmpty();
    }

    long execution(String kind, String status, String taskStatus, String report, String log) throws Exception {
        return JobRows.execution(db, kind, status, taskStatus, "{\"schedule_id\":0,\"trigger\":\"MANUAL\",\"audit_retention_hour\":24,"
                + "\"include_operations\":[\"create\",\"pull\"],\"dry_run\":false}", report, log);
    }
}
