package io.berth.jobs.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.event.RegistryEvent;
import io.berth.common.job.WebhookRequest;
import io.berth.common.secret.SecretBox;
import io.berth.common.webhook.WebhookPayloads;
import io.berth.common.webhook.WebhookSignature;
import io.berth.jobs.testing.CoreTokens;
import io.berth.jobs.testing.JobsTestResource;
import io.berth.service.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WEBHOOK jobs against a real HTTP receiver: each payload format checked field by field against Harbor's documented
 * bodies, the signature and auth header checked, a 500 retried into one delivery, a dead endpoint failing after its
 * attempts while another policy is served meanwhile, a delivery whose worker died taken back and delivered with the
 * same event id, and bad requests refused with nothing recorded.
 */
@QuarkusTest
@QuarkusTestResource(JobsTestResource.class)
class WebhookDeliveryTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET = "s3cr3t-of-the-policy";
    static final AtomicLong POLICIES = new AtomicLong(9_000);
    static Receiver receiver;
    static SecretBox box;

    @BeforeAll
    static void up() throws Exception {
        receiver = new Receiver();
        box = SecretBox.fromFile(JobsTestResource.DIR.resolve("secret.key"));
    }

    @AfterAll
    static void down() {
        receiver.close();
    }

    static RegistryEvent push() {
        return new RegistryEvent(UUID.randomUUID().toString(), RegistryEvent.Type.PUSH_ARTIFACT, "library/busybox", "library",
                "sha256:76525f02955aec223342400a080c73024c995c9db1ba2eabf7505cf3bdf3f1f0", List.of("v1", "latest"),
                "application/vnd.oci.image.manifest.v1+json", 1234, "admin", Instant.parse("2026-12-07T10:00:00Z"), "req-1");
    }

    static WebhookRequest.Delivery delivery(String address, String format, RegistryEvent e, long policyId) {
        WebhookPayloads.Body body = WebhookPayloads.render(format, new WebhookPayloads.Notification(e.type().name(), e.occurredAt(),
                e.actor(), WebhookPayloads.artifactEventData(e, "berth.example.com", false), e.id(), 7, policyId));
        return new WebhookRequest.Delivery(address, box.encrypt("Bearer receiver-token"), false, format, body.contentType(), body.text(),
                box.encrypt(SECRET));
    }

    static long policy() {
        return POLICIES.incrementAndGet();
    }

    static List<Long> send(WebhookRequest... requests) throws Exception {
        JsonNode answer = JSON.readTree(given().header("Authorization", CoreTokens.bearer()).contentType(ContentType.JSON)
                .body(JSON.writeValueAsString(List.of(requests))).post("/jobs/webhook/executions").then().statusCode(201).extract().asString());
        List<Long> ids = new ArrayList<>();
        answer.path("ids").forEach(id -> ids.add(id.asLong()));
        return ids;
    }

    static WebhookRequest request(long policyId, RegistryEvent e, WebhookRequest.Delivery... deliveries) {
        return new WebhookRequest(policyId, e.type().name(), e.id(), "EVENT", List.of(deliveries));
    }

    @Test
    void everyFormatArrivesAsHarborWritesItSignedAndWithTheAuthHeader() throws Exception {
        RegistryEvent e = push();
        long policy = policy();
        String tag = "/ok/formats-" + policy;
        long id = send(request(policy, e, delivery(receiver.url(tag + "/default"), "Default", e, policy),
                delivery(receiver.url(tag + "/cloudevents"), "CloudEvents", e, policy),
                delivery(receiver.url(tag + "/slack"), "Slack", e, policy))).get(0);
        awaitStatus(id, "Success");

        Receiver.Received plain = receiver.at(tag + "/default").get(0);
        assertThat(plain.header("Content-Type")).isEqualTo("application/json");
        assertThat(plain.header("Authorization")).isEqualTo("Bearer receiver-token");
        assertThat(plain.header(WebhookSignature.EVENT_ID_HEADER)).isEqualTo(e.id());
        assertThat(WebhookSignature.verify(SECRET, plain.body(), plain.header(WebhookSignature.HEADER))).isTrue();
        assertThat(WebhookSignature.verify("another secret", plain.body(), plain.header(WebhookSignature.HEADER))).isFalse();
        JsonNode d = JSON.readTree(plain.body());
        assertThat(d.path("type").asText()).isEqualTo("PUSH_ARTIFACT");
        assertThat(d.path("occur_at").isIntegralNumber()).isTrue();
        assertThat(d.path("occur_at").asLong()).isEqualTo(e.occurredAt().getEpochSecond());
        assertThat(d.path("operator").asText()).isEqualTo("admin");
        JsonNode resources = d.path("event_data").path("resources");
        assertThat(resources).hasSize(2);
        assertThat(resources.get(0).path("digest").asText()).isEqualTo(e.digest());
        assertThat(resources.get(0).path("tag").asText()).isEqualTo("v1");
        assertThat(resources.get(0).path("resource_url").asText()).isEqualTo("berth.example.com/library/busybox:v1");
        assertThat(resources.get(1).path("tag").asText()).isEqualTo("latest");
        JsonNode repository = d.path("event_data").path("repository");
        assertThat(repository.path("name").asText()).isEqualTo("busybox");
        assertThat(repository.path("namespace").asText()).isEqualTo("library");
        assertThat(repository.path("repo_full_name").asText()).isEqualTo("library/busybox");
        assertThat(repository.path("repo_type").asText()).isEqualTo("private");

        Receiver.Received ce = receiver.at(tag + "/cloudevents").get(0);
        assertThat(ce.header("Content-Type")).isEqualTo("application/cloudevents+json");
        assertThat(WebhookSignature.verify(SECRET, ce.body(), ce.header(WebhookSignature.HEADER))).isTrue();
        JsonNode c = JSON.readTree(ce.body());
        assertThat(c.path("specversion").asText()).isEqualTo("1.0");
        assertThat(c.path("id").asText()).isEqualTo(e.id());
        assertThat(c.path("requestid").asText()).isEqualTo(e.id());
        assertThat(c.path("source").asText()).isEqualTo("/projects/7/webhook/policies/" + policy);
        assertThat(c.path("type").asText()).isEqualTo("harbor.artifact.pushed");
        assertThat(c.path("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(Instant.parse(c.path("time").asText())).isEqualTo(e.occurredAt());
        assertThat(c.path("operator").asText()).isEqualTo("admin");
        assertThat(c.path("data")).isEqualTo(d.path("event_data"));

        Receiver.Received slack = receiver.at(tag + "/slack").get(0);
        JsonNode blocks = JSON.readTree(slack.body()).path("blocks");
        assertThat(blocks).hasSize(6);
        blocks.forEach(b -> {
            assertThat(b.path("type").asText()).isEqualTo("section");
            assertThat(b.path("text").path("type").asText()).isEqualTo("mrkdwn");
        });
        assertThat(blocks.get(0).path("text").path("text").asText()).isEqualTo("*Harbor webhook events*");
        assertThat(blocks.get(1).path("text").path("text").asText()).isEqualTo("*event_type:* PUSH_ARTIFACT");
        assertThat(blocks.get(2).path("text").path("text").asText()).startsWith("*occur_at:* <!date^" + e.occurredAt().getEpochSecond() + "^");
        assertThat(blocks.get(3).path("text").path("text").asText()).isEqualTo("*operator:* admin");
        assertThat(blocks.get(4).path("text").path("text").asText()).isEqualTo("*event_data:*");
        String data = blocks.get(5).path("text").path("text").asText();
        assertThat(data).startsWith("```").endsWith("```");
        assertThat(JSON.readTree(data.substring(3, data.length() - 3))).isEqualTo(d.path("event_data"));
    }

    @Test
    void anEndpointThatFailsOnceGetsTheEventOnceAfterARetryWithTheSameEventId() throws Exception {
        RegistryEvent e = push();
        long policy = policy();
        String path = "/flaky/" + policy;
        long id = send(request(policy, e, delivery(receiver.url(path), "Default", e, policy))).get(0);
        awaitStatus(id, "Success");

        List<Receiver.Received> calls = receiver.at(path);
        assertThat(calls).extracting(Receiver.Received::answered).containsExactly(500, 204);
        assertThat(calls).extracting(r -> r.header(WebhookSignature.EVENT_ID_HEADER)).containsOnly(e.id());
        assertThat(new String(calls.get(0).body(), StandardCharsets.UTF_8)).isEqualTo(new String(calls.get(1).body(), StandardCharsets.UTF_8));
        Map<String, Object> task = task(id);
        assertThat(task.get("attempts")).isEqualTo(2);
        assertThat((String) task.get("log")).contains("HTTP 500").contains("trying again").contains("HTTP 204");
    }

    @Test
    void aDeadEndpointFailsAfterItsAttemptsWithoutHoldingUpAnotherPolicy() throws Exception {
        long deadPolicy = policy();
        List<Long> dead = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            RegistryEvent e = push();
            dead.addAll(send(request(deadPolicy, e, delivery(receiver.url("/dead/" + deadPolicy), "Default", e, deadPolicy))));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.at("/dead/" + deadPolicy).isEmpty());

        RegistryEvent other = push();
        long otherPolicy = policy();
        long served = send(request(otherPolicy, other, delivery(receiver.url("/ok/" + otherPolicy), "Default", other, otherPolicy))).get(0);
        awaitStatus(served, "Success");
        // delivered while the dead endpoint's deliveries are still being tried
        assertThat(dead.stream().map(id -> status(id))).contains("Running");

        for (long id : dead) {
            awaitStatus(id, "Error");
            Map<String, Object> task = task(id);
            assertThat(task.get("attempts")).isEqualTo(3);
            assertThat((String) task.get("log")).contains("no answer within 1000 ms");
        }
    }

    @Test
    void aDeliveryWhoseWorkerDiedIsDeliveredAfterwardsWithTheSameEventId() throws Exception {
        given().header("Authorization", CoreTokens.bearer()).contentType(ContentType.JSON).body(Map.of("action", "pause"))
                .put("/jobs/queues/WEBHOOK").then().statusCode(200);
        RegistryEvent e = push();
        long policy = policy();
        long id;
        try {
            id = send(request(policy, e, delivery(receiver.url("/ok/revived-" + policy), "CloudEvents", e, policy))).get(0);
            // what a kill -9 of jobservice in the middle of the delivery leaves: a Running task nobody heartbeats
            execute("UPDATE jobs.task SET status = 'Running', owner = '1@gone/WEBHOOK-0', attempts = 1, "
                    + "heartbeat = now() - interval '1 hour', start_time = now() WHERE execution_id = ?", id);
        } finally {
            given().header("Authorization", CoreTokens.bearer()).contentType(ContentType.JSON).body(Map.of("action", "resume"))
                    .put("/jobs/queues/WEBHOOK").then().statusCode(200);
        }
        awaitStatus(id, "Success");
        List<Receiver.Received> calls = receiver.at("/ok/revived-" + policy);
        assertThat(calls).hasSize(1);
        assertThat(JSON.readTree(calls.get(0).body()).path("id").asText()).isEqualTo(e.id());
        assertThat((String) task(id).get("log")).contains("worker 1@gone/WEBHOOK-0 went silent").contains("HTTP 204");
    }

    @Test
    void badRequestsAreRefusedWithHarborsErrorAndRecordNothing() throws Exception {
        long before = count();
        RegistryEvent e = push();
        long policy = policy();
        WebhookRequest.Delivery ok = delivery(receiver.url("/ok/bad-" + policy), "Default", e, policy);
        List<Object> bad = List.of(List.of(),
                List.of(request(policy, e, new WebhookRequest.Delivery("ftp://example.com/x", null, false, "Default", null, "{}", null))),
                List.of(request(policy, e, ok), new WebhookRequest(policy, "PUSH_ARTIFACT", null, "EVENT", List.of(ok))),
                List.of(new WebhookRequest(policy, "PUSH_ARTIFACT", e.id(), "EVENT", List.of())));
        for (Object body : bad) {
            given().header("Authorization", CoreTokens.bearer()).contentType(ContentType.JSON).body(JSON.writeValueAsString(body))
                    .post("/jobs/webhook/executions").then().statusCode(400).body("errors[0].code", org.hamcrest.Matchers.equalTo("BAD_REQUEST"))
                    .body("errors[0].message", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyString()));
        }
        given().contentType(ContentType.JSON).body("[]").post("/jobs/webhook/executions").then().statusCode(401);
        assertThat(count()).isEqualTo(before);
        assertThat(receiver.at("/ok/bad-" + policy)).isEmpty();
    }

    static void awaitStatus(long id, String status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(status(id)).as(() -> row(id)).isEqualTo(status));
    }

    static String row(long id) {
        try {
            return task(id).toString();
        } catch (Exception e) {
            return e.toString();
        }
    }

    static String status(long id) {
        try {
            return (String) one("SELECT status FROM jobs.execution_view WHERE id = ?", id).get("status");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static long count() throws Exception {
        return ((Number) one("SELECT count(*) AS n FROM jobs.execution WHERE vendor_type = 'WEBHOOK' AND ? > 0", 1).get("n")).longValue();
    }

    static Map<String, Object> task(long execution) throws Exception {
        return one("SELECT status, attempts, log FROM jobs.task_view WHERE execution_id = ?", execution);
    }

    static void execute(String sql, long id) throws Exception {
        try (Connection c = DriverManager.getConnection(JobsTestResource.jdbcUrl, PostgresTestDatabase.USER, PostgresTestDatabase.PASSWORD);
                PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, id);
            st.executeUpdate();
        }
    }

    static Map<String, Object> one(String sql, long id) throws Exception {
        try (Connection c = DriverManager.getConnection(JobsTestResource.jdbcUrl, PostgresTestDatabase.USER, PostgresTestDatabase.PASSWORD);
                PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, id);
            ResultSet rs = st.executeQuery();
            rs.next();
            Map<String, Object> row = new java.util.HashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
            }
            return row;
        }
    }
}
