package io.berth.core.scrub;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /system/scrub}: runs started now with their rate limit (what jobservice — StubJobservice, whose profile the
 * housekeeping tests share — is asked), bad parameters refused, the history, report and log read from
 * jobservice's rows, stop of a running run and not of a finished one, the schedule, and only for system administrators.
 */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
@TestProfile(StubJobservice.Profile.class)
class ScrubApiTest {
    static final List<JsonNode> STARTED = StubJobservice.started("scrub");

    @Inject
    AgroalDataSource db;

    @BeforeEach
    void reset() {
        StubJobservice.reset();
        admin().body(Map.of("schedule", Map.of("type", "None"))).put("/api/v2.0/system/scrub/schedule").then().statusCode(200);
    }

    @Test
    void aScheduleIsSetWithItsRateCheckedAndFiresOncePerSlot() {
        admin().get("/api/v2.0/system/scrub/schedule").then().statusCode(200).body("$", anEmptyMap());
        admin().body(Map.of("schedule", Map.of("type", "Weekly"), "parameters", Map.of("rate_limit", 3)))
                .post("/api/v2.0/system/scrub/schedule").then().statusCode(201);
        admin().get("/api/v2.0/system/scrub/schedule").then().statusCode(200).body("schedule.type", equalTo("Weekly"))
                .body("schedule.next_scheduled_time", notNullValue()).body("job_name", equalTo("SCRUB"))
                .body("job_parameters", containsString("\"rate_limit\":3.0"));
        admin().body(Map.of("schedule", Map.of("type", "Daily"))).post("/api/v2.0/system/scrub/schedule").then().statusCode(409);
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("schedule", Map.of("type", "Daily"), "parameters", Map.of("rate_limit", 0)),
                Map.of("schedule", Map.of("type", "Daily"), "parameters", Map.of("workers", 1)),
                Map.of("schedule", Map.of("type", "Custom", "cron", "at noon")))) {
            admin().body(bad).put("/api/v2.0/system/scrub/schedule").then().statusCode(400);
        }
        admin().get("/api/v2.0/system/scrub/schedule").then().body("schedule.type", equalTo("Weekly"));
        assertThat(STARTED).isEmpty();

        admin().body(Map.of("schedule", Map.of("type", "Custom", "cron", "*/2 * * * * *"), "parameters", Map.of("rate_limit", 0.5)))
                .put("/api/v2.0/system/scrub/schedule").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> !STARTED.isEmpty());
        JsonNode sent = STARTED.get(0);
        assertThat(sent.path("trigger").asText()).isEqualTo("SCHEDULE");
        assertThat(sent.path("rate_limit").asDouble()).isEqualTo(0.5);
        assertThat(sent.path("schedule_id").asLong()).isPositive();
        admin().body(Map.of("schedule", Map.of("type", "Manual"), "parameters", Map.of("rate_limit", 7)))
                .put("/api/v2.0/system/scrub/schedule").then().statusCode(201).header("Location", endsWith("/api/v2.0/system/scrub/" + StubJobservice.ID));
    }

    @Test
    void aRunStartsNowWithItsRateLimit() {
        admin().body(Map.of("parameters", Map.of("rate_limit", 2.5))).post("/api/v2.0/system/scrub").then().statusCode(201)
                .header("Location", endsWith("/api/v2.0/system/scrub/" + StubJobservice.ID));
        admin().body(Map.of()).post("/api/v2.0/system/scrub").then().statusCode(201);
        assertThat(STARTED).hasSize(2);
        assertThat(STARTED.get(0).path("rate_limit").asDouble()).isEqualTo(2.5);
        assertThat(STARTED.get(0).path("trigger").asText()).isEqualTo("MANUAL");
        assertThat(STARTED.get(1).path("rate_limit").asDouble()).as("the default rate").isEqualTo(50);
        StubJobservice.BUSY.set(true);
        admin().body(Map.of("parameters", Map.of("rate_limit", 1))).post("/api/v2.0/system/scrub").then().statusCode(409)
                .body("errors[0].message", containsString("running"));
    }

    @Test
    void badParametersAreRefusedAndStartNothing() {
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("parameters", Map.of("rate_limit", 0)),
                Map.of("parameters", Map.of("rate_limit", -3)),
                Map.of("parameters", Map.of("rate_limit", "fast")),
                Map.of("parameters", Map.of("workers", 2)),
                Map.of("parameters", "fast"),
                Map.of("rate_limit", 5))) {
            admin().body(bad).post("/api/v2.0/system/scrub").then().statusCode(400).body("errors[0].code", equalTo("BAD_REQUEST"));
        }
        assertThat(STARTED).isEmpty();
    }

    @Test
    void historyReportAndLogComeFromJobservicesRowsAndOnlyARunningScrubIsStopped() throws Exception {
        long done = execution("Success", "Success",
                "{\"blobs_checked\":12,\"bytes_checked\":4096,\"blobs_quarantined\":1,\"quarantined\":[\"sha256:ab\"],\"cursor\":\"\"}",
                "quarantined blob sha256:ab (10 bytes): 10 stored bytes hash to sha256:cd\n");
        long running = execution("Running", "Running", "{\"blobs_checked\":3}", "");
        admin().queryParam("page_size", 1).get("/api/v2.0/system/scrub").then().statusCode(200)
                .header("X-Total-Count", Integer::parseInt, org.hamcrest.Matchers.greaterThanOrEqualTo(2))
                .body("[0].id", equalTo((int) running)).body("[0].job_status", equalTo("Running"));
        admin().get("/api/v2.0/system/scrub/" + done).then().statusCode(200).body("job_name", equalTo("SCRUB"))
                .body("job_kind", equalTo("MANUAL")).body("job_status", equalTo("Success"))
                .body("job_parameters", containsString("\"rate_limit\":3.5")).body("report.blobs_checked", equalTo(12))
                .body("report.bytes_checked", equalTo(4096)).body("report.quarantined[0]", equalTo("sha256:ab"))
                .body("report.duration_seconds", notNullValue());
        admin().get("/api/v2.0/system/scrub/" + done + "/log").then().statusCode(200).body(containsString("quarantined blob sha256:ab"));

        admin().put("/api/v2.0/system/scrub/" + running).then().statusCode(200);
        assertThat(StubJobservice.STOPPED).containsExactly("/jobs/executions/" + running + "/stop");
        admin().put("/api/v2.0/system/scrub/" + done).then().statusCode(409).body("errors[0].message", containsString("has ended"));
        assertThat(StubJobservice.STOPPED).hasSize(1);

        long gc = gcExecution();
        admin().get("/api/v2.0/system/scrub/" + gc).then().statusCode(404);
        admin().get("/api/v2.0/system/scrub/999999999/log").then().statusCode(404);
        admin().put("/api/v2.0/system/scrub/999999999").then().statusCode(404);
    }

    @Test
    void onlySystemAdministrators() {
        String user = unique("scrubuser");
        Api.createUser(user, "Passw0rdA");
        as(user, "Passw0rdA").get("/api/v2.0/system/scrub").then().statusCode(403);
        as(user, "Passw0rdA").body(Map.of()).post("/api/v2.0/system/scrub").then().statusCode(403);
        anonymous().get("/api/v2.0/system/scrub").then().statusCode(401);
        assertThat(STARTED).isEmpty();
    }

    long execution(String status, String taskStatus, String report, String log) throws Exception {
        return JobRows.execution(db, "SCRUB", status, taskStatus, "{\"schedule_id\":0,\"rate_limit\":3.5}", report, log);
    }

    long gcExecution() throws Exception {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "INSERT INTO jobs.execution (vendor_type, vendor_id, trigger, status, end_time) VALUES ('GARBAGE_COLLECTION', 0, 'MANUAL', 'Success', now()) "
                        + "RETURNING id")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
