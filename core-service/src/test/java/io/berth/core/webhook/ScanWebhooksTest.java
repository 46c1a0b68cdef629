package io.berth.core.webhook;

import static io.berth.core.testing.Api.admin;
import static io.berth.core.testing.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.berth.common.event.ExecutionEvent;
import io.berth.common.job.WebhookRequest;
import io.berth.core.testing.Api;
import io.berth.core.testing.CoreTestResource;
import io.berth.core.testing.JobRows;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The end of a scan execution as Harbor's {@code SCANNING_*} webhook events, against the real database: a scan that
 * stored its report is {@code SCANNING_COMPLETED} with the artifact's scan overview, a failed one
 * {@code SCANNING_FAILED}, a stopped one {@code SCANNING_STOPPED}; only the policies of the artifact's project that
 * subscribe to the type get it, and the event id is the same however often the end is relayed.
 */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class ScanWebhooksTest {
    static final String REPORT_TYPE = "application/vnd.security.vulnerability.report; version=1.1";
    static final String PROJECT = unique("scanhooks");
    static final String OTHER = unique("quiet");
    static final ObjectMapper JSON = new ObjectMapper();
    static long project;
    static long otherProject;
    static long scans;
    static long completedOnly;

    @Inject
    ScanWebhooks webhooks;

    @Inject
    AgroalDataSource db;

    @BeforeEach
    void setUp() {
        if (project != 0) {
            return;
        }
        project = Api.createProject(admin(), PROJECT, false);
        otherProject = Api.createProject(admin(), OTHER, false);
        scans = policy(PROJECT, List.of("SCANNING_COMPLETED", "SCANNING_FAILED", "SCANNING_STOPPED"));
        completedOnly = policy(PROJECT, List.of("SCANNING_COMPLETED"));
        policy(PROJECT, List.of("PUSH_ARTIFACT"));
    }

    static long policy(String projectName, List<String> events) {
        String location = admin().body(Map.of("name", unique("p"), "enabled", true, "event_types", events, "targets",
                List.of(Map.of("type", "http", "address", "https://hooks.example.com/scan", "payload_format", "Default"))))
                .post("/api/v2.0/projects/" + projectName + "/webhook/policies").then().statusCode(201).extract().header("Location");
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    @Test
    void aFinishedScanIsScanningCompletedWithTheOverviewInHarborsShape() throws Exception {
        String reportId = UUID.randomUUID().toString();
        long execution = JobRows.execution(db, "SCAN", "Success", "Success", params(reportId, "v1"), "{}", "");
        report(project, PROJECT + "/app", "sha256:" + "a".repeat(64), reportId, execution, true);

        ExecutionEvent ended = ExecutionEvent.ended("SCAN", execution, 0, "Success", "EVENT", Instant.parse("2026-12-07T10:00:00Z"),
                Instant.parse("2026-12-07T10:00:04Z"));
        List<WebhookRequest> requests = webhooks.requests(ended);
        assertThat(requests).extracting(WebhookRequest::policyId).containsExactly(scans, completedOnly);
        assertThat(requests).extracting(WebhookRequest::eventType).containsOnly("SCANNING_COMPLETED");
        assertThat(webhooks.requests(ended)).extracting(WebhookRequest::eventId)
                .isEqualTo(requests.stream().map(WebhookRequest::eventId).toList()); // stable: receivers drop repeats

        JsonNode body = JSON.readTree(requests.get(0).deliveries().get(0).body());
        assertThat(body.path("type").asText()).isEqualTo("SCANNING_COMPLETED");
        assertThat(body.path("occur_at").asLong()).isEqualTo(Instant.parse("2026-12-07T10:00:04Z").getEpochSecond());
        assertThat(body.path("operator").asText()).isEqualTo("auto"); // Harbor's, for a scan on push
        JsonNode resource = body.path("event_data").path("resources").get(0);
        assertThat(resource.path("digest").asText()).isEqualTo("sha256:" + "a".repeat(64));
        assertThat(resource.path("tag").asText()).isEqualTo("v1");
        assertThat(resource.path("resource_url").asText()).endsWith("/" + PROJECT + "/app:v1");
        JsonNode overview = resource.path("scan_overview").path(REPORT_TYPE);
        assertThat(overview.path("report_id").asText()).isEqualTo(reportId);
        assertThat(overview.path("scan_status").asText()).isEqualTo("Success");
        assertThat(overview.path("severity").asText()).isEqualTo("High");
        assertThat(overview.path("summary").path("total").asInt()).isEqualTo(2);
        assertThat(overview.path("summary").path("fixable").asInt()).isEqualTo(1);
        assertThat(overview.path("summary").path("summary").path("High").asInt()).isEqualTo(1);
        assertThat(overview.path("complete_percent").asInt()).isEqualTo(100);
        assertThat(overview.path("scanner").path("name").asText()).isEqualTo("Berth");
        assertThat(overview.path("start_time").asText()).isNotEmpty();
        JsonNode repository = body.path("event_data").path("repository");
        assertThat(repository.path("name").asText()).isEqualTo("app");
        assertThat(repository.path("namespace").asText()).isEqualTo(PROJECT);
        assertThat(repository.path("repo_full_name").asText()).isEqualTo(PROJECT + "/app");
        assertThat(repository.path("repo_type").asText()).isEqualTo("private");
    }

    @Test
    void aFailedOrStoppedScanIsScanningFailedOrStoppedForThePoliciesThatAskForIt() throws Exception {
        String failedId = UUID.randomUUID().toString();
        long failed = JobRows.execution(db, "SCAN", "Error", "Error", params(failedId, ""), "{}", "the adapter refused");
        report(project, PROJECT + "/tools/cli", "sha256:" + "b".repeat(64), failedId, failed, false);
        List<WebhookRequest> requests = webhooks.requests(ExecutionEvent.ended("SCAN", failed, 0, "Error", "MANUAL", Instant.now(), Instant.now()));
        assertThat(requests).extracting(WebhookRequest::policyId).containsExactly(scans);
        JsonNode body = JSON.readTree(requests.get(0).deliveries().get(0).body());
        assertThat(body.path("type").asText()).isEqualTo("SCANNING_FAILED");
        JsonNode resource = body.path("event_data").path("resources").get(0);
        assertThat(resource.has("tag")).isFalse();
        assertThat(resource.path("resource_url").asText()).endsWith("/" + PROJECT + "/tools/cli@sha256:" + "b".repeat(64));
        assertThat(resource.path("scan_overview").path(REPORT_TYPE).path("scan_status").asText()).isEqualTo("Error");
        assertThat(body.path("event_data").path("repository").path("name").asText()).isEqualTo("tools/cli");

        String stoppedId = UUID.randomUUID().toString();
        long stopped = JobRows.execution(db, "SCAN", "Stopped", "Stopped", params(stoppedId, "v2"), "{}", "");
        report(project, PROJECT + "/app", "sha256:" + "c".repeat(64), stoppedId, stopped, false);
        requests = webhooks.requests(ExecutionEvent.ended("SCAN", stopped, 0, "Stopped", "MANUAL", Instant.now(), Instant.now()));
        assertThat(requests).extracting(WebhookRequest::eventType).containsExactly("SCANNING_STOPPED");
    }

    @Test
    void aProjectWithoutPoliciesAndOtherKindsOfExecutionGetNothing() throws Exception {
        String reportId = UUID.randomUUID().toString();
        long execution = JobRows.execution(db, "SCAN", "Success", "Success", params(reportId, "v1"), "{}", "");
        report(otherProject, OTHER + "/app", "sha256:" + "d".repeat(64), reportId, execution, true);
        assertThat(webhooks.requests(ExecutionEvent.ended("SCAN", execution, 0, "Success", "EVENT", Instant.now(), Instant.now()))).isEmpty();
        assertThat(webhooks.requests(ExecutionEvent.ended("REPLICATION", execution, 0, "Success", "EVENT", Instant.now(), Instant.now())))
                .isEmpty();
    }

    @Inject
    ExecutionEvents executionEvents;

    @Test
    void theStreamGroupHandlesAScanEndOnAThreadOfItsOwn() throws Exception {
        String reportId = UUID.randomUUID().toString();
        long execution = JobRows.execution(db, "SCAN", "Success", "Success", params(reportId, "v1"), "{}", "");
        report(otherProject, OTHER + "/tool", "sha256:" + "e".repeat(64), reportId, execution, true);
        ExecutionEvent ended = ExecutionEvent.ended("SCAN", execution, 0, "Success", "EVENT", Instant.now(), Instant.now());
        java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
        Thread reader = new Thread(() -> { // as the group's reader runs: no request context, no transaction
            try {
                executionEvents.handle(List.of(ended));
            } catch (Throwable t) {
                failed.set(t);
            }
        });
        reader.start();
        reader.join(10_000);
        assertThat(failed.get()).isNull();
    }

    static String params(String reportId, String tag) {
        return "{\"report_id\": \"" + reportId + "\", \"tag\": \"" + tag + "\"}";
    }

    void report(long projectId, String repository, String digest, String uuid, long execution, boolean stored) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("INSERT INTO core.scan_report (uuid, project_id, "
                + "repository, digest, registration_uuid, scanner_name, scanner_vendor, scanner_version, scan_type, mime_type, execution_id, "
                + "report, severity, summary, end_time) VALUES (?, ?, ?, ?, 'r', 'Berth', 'Berth', '1', 'vulnerability', ?, ?, ?::jsonb, ?, ?::jsonb, "
                + "CASE WHEN ? THEN now() END)")) {
            st.setString(1, uuid);
            st.setLong(2, projectId);
            st.setString(3, repository);
            st.setString(4, digest);
            st.setString(5, REPORT_TYPE);
            st.setLong(6, execution);
            st.setString(7, stored ? "{\"vulnerabilities\": []}" : null);
            st.setString(8, stored ? "High" : null);
            st.setString(9, stored ? "{\"severity\": \"High\", \"total\": 2, \"fixable\": 1, \"summary\": {\"High\": 1, \"Low\": 1}}" : null);
            st.setBoolean(10, stored);
            st.executeUpdate();
        }
    }
}
