package io.berth.core.api;

import static io.berth.core.testing.Api.admin;
import static io.berth.core.testing.Api.anonymous;
import static io.berth.core.testing.Api.as;
import static io.berth.core.testing.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.berth.common.event.RegistryEvent;
import io.berth.common.job.WebhookRequest;
import io.berth.common.webhook.WebhookSignature;
import io.berth.core.secret.Secrets;
import io.berth.core.testing.Api;
import io.berth.core.testing.CoreTestResource;
import io.berth.core.webhook.WebhookNotifier;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Harbor's webhook API on core: policies in Harbor's shape with Berth's signing secret shown once, who may manage them,
 * bad policies refused with Harbor's error body and nothing stored, the events Berth emits, registry events matched to
 * the policies that subscribe (bodies rendered, secrets sealed), and executions, tasks, logs and last triggers read
 * from jobservice's views.
 */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class WebhookApiTest {
    static final String PASSWORD = "Passw0rdW";
    static final String PROJECT = unique("hooks");
    static final String OTHER = unique("hooks-other");
    static final String MAINTAINER = unique("maint");
    static final String POLICIES = "/api/v2.0/projects/" + PROJECT + "/webhook/policies";
    static final ObjectMapper JSON = new ObjectMapper();
    static long project;

    @Inject
    WebhookNotifier notifier;

    @Inject
    Secrets secrets;

    @Inject
    AgroalDataSource db;

    @BeforeEach
    void content() {
        if (project != 0) {
            return;
        }
        project = Api.createProject(admin(), PROJECT, false);
        Api.createProject(admin(), OTHER, false);
        Api.createUser(MAINTAINER, PASSWORD);
        Api.addMember(project, MAINTAINER, 4);
    }

    static Map<String, Object> policy(String name, String address, String format, List<String> events) {
        Map<String, Object> target = new HashMap<>(Map.of("type", "http", "address", address, "auth_header", "Bearer t0ken",
                "skip_cert_verify", false, "payload_format", format));
        return new HashMap<>(Map.of("name", name, "description", "to CI", "enabled", true, "event_types", events, "targets", List.of(target)));
    }

    static long created(Response response) {
        response.then().statusCode(201);
        String location = response.header("Location");
        assertThat(location).startsWith("/api/v2.0/projects/" + project + "/webhook/policies/");
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    @Test
    void policiesAreCreatedWithASecretShownOnceListedUpdatedAndDeletedInHarborsShape() {
        String name = unique("ci");
        Response create = admin().body(policy(name, "https://ci.example.com/hook", "CloudEvents", List.of("PUSH_ARTIFACT", "DELETE_ARTIFACT")))
                .post(POLICIES);
        long id = created(create);
        assertThat(create.jsonPath().getString("secret")).matches("[0-9a-f]{64}");

        admin().get(POLICIES + "/" + id).then().statusCode(200).body("id", equalTo((int) id)).body("name", equalTo(name))
                .body("project_id", equalTo((int) project)).body("description", equalTo("to CI")).body("enabled", equalTo(true))
                .body("creator", equalTo("admin")).body("event_types", contains("PUSH_ARTIFACT", "DELETE_ARTIFACT"))
                .body("targets[0].type", equalTo("http")).body("targets[0].address", equalTo("https://ci.example.com/hook"))
                .body("targets[0].auth_header", equalTo("Bearer t0ken")).body("targets[0].skip_cert_verify", equalTo(false))
                .body("targets[0].payload_format", equalTo("CloudEvents")).body("$", not(hasKey("secret")))
                .body("creation_time", not(nullValue()));
        Response list = admin().header("X-Is-Resource-Name", "true").get(POLICIES);
        list.then().statusCode(200).body("name", org.hamcrest.Matchers.hasItem(name)).body("findAll { it.secret != null }", org.hamcrest.Matchers.empty());
        assertThat(list.header("X-Total-Count")).isEqualTo(Integer.toString(list.jsonPath().getList("$").size()));
        admin().get("/api/v2.0/projects/" + project + "/webhook/policies").then().statusCode(200).body("id", org.hamcrest.Matchers.hasItem((int) id));

        admin().body(Map.of("enabled", false)).put(POLICIES + "/" + id).then().statusCode(200);
        admin().get(POLICIES + "/" + id).then().body("enabled", equalTo(false)).body("event_types", contains("PUSH_ARTIFACT", "DELETE_ARTIFACT"));
        Map<String, Object> changed = policy(name, "http://ci.example.com:8080/other", "Default", List.of("PULL_ARTIFACT"));
        admin().body(changed).put(POLICIES + "/" + id).then().statusCode(200);
        admin().get(POLICIES + "/" + id).then().body("enabled", equalTo(true)).body("event_types", contains("PULL_ARTIFACT"))
                .body("targets[0].address", equalTo("http://ci.example.com:8080/other"));

        admin().delete(POLICIES + "/" + id).then().statusCode(200);
        admin().get(POLICIES + "/" + id).then().statusCode(404).body("errors[0].code", equalTo("NOT_FOUND"));
    }

    @Test
    void onlyProjectAdministratorsManageWebhooks() {
        as(MAINTAINER, PASSWORD).get(POLICIES).then().statusCode(403).body("errors[0].code", equalTo("FORBIDDEN"));
        as(MAINTAINER, PASSWORD).body(policy(unique("m"), "https://x.example.com", "Default", List.of("PUSH_ARTIFACT"))).post(POLICIES)
                .then().statusCode(403);
        anonymous().get(POLICIES).then().statusCode(401);
    }

    @Test
    void theEventsListedAreTheOnesBerthEmits() {
        admin().get("/api/v2.0/projects/" + PROJECT + "/webhook/events").then().statusCode(200)
                .body("event_type", org.hamcrest.Matchers.hasItems("PUSH_ARTIFACT", "PULL_ARTIFACT", "DELETE_ARTIFACT"))
                .body("event_type", org.hamcrest.Matchers.hasItems("SCANNING_COMPLETED", "SCANNING_FAILED", "SCANNING_STOPPED"))
                .body("event_type", org.hamcrest.Matchers.hasItem("TAG_RETENTION"))
                .body("notify_type", contains("http", "slack"))
                .body("payload_formats.find { it.notify_type == 'http' }.formats", contains("Default", "CloudEvents"))
                .body("payload_formats.find { it.notify_type == 'slack' }.formats", contains("Slack"));
    }

    @Test
    void badPoliciesAreRefusedWithHarborsErrorAndNothingIsStored() {
        String taken = unique("taken");
        created(admin().body(policy(taken, "https://ok.example.com", "Default", List.of("PUSH_ARTIFACT"))).post(POLICIES));
        int before = admin().get(POLICIES).then().extract().jsonPath().getList("$").size();
        Map<String, Map<String, Object>> bad = new java.util.LinkedHashMap<>();
        bad.put("address", policy(unique("b"), "not a url", "Default", List.of("PUSH_ARTIFACT")));
        bad.put("address", policy(unique("b"), "ftp://files.example.com/x", "Default", List.of("PUSH_ARTIFACT")));
        bad.put("unknown event type", policy(unique("b"), "https://ok.example.com", "Default", List.of("PUSH_IMAGE")));
        bad.put("payload_format", policy(unique("b"), "https://ok.example.com", "Protobuf", List.of("PUSH_ARTIFACT")));
        bad.put("event_types", policy(unique("b"), "https://ok.example.com", "Default", List.of()));
        Map<String, Object> slackCloud = policy(unique("b"), "https://hooks.slack.com/x", "CloudEvents", List.of("PUSH_ARTIFACT"));
        ((List<Map<String, Object>>) slackCloud.get("targets")).get(0).put("type", "slack");
        bad.put("goes with type slack", slackCloud);
        Map<String, Object> noName = policy("", "https://ok.example.com", "Default", List.of("PUSH_ARTIFACT"));
        bad.put("name is required", noName);
        bad.forEach((message, body) -> admin().body(body).post(POLICIES).then().statusCode(400)
                .body("errors[0].code", equalTo("BAD_REQUEST")).body("errors[0].message", containsString(message.trim())));
        admin().body(policy(taken, "https://ok.example.com", "Default", List.of("PUSH_ARTIFACT"))).post(POLICIES).then().statusCode(409)
                .body("errors[0].code", equalTo("CONFLICT")).body("errors[0].message", containsString(taken));
        admin().get(POLICIES).then().statusCode(200).body("size()", equalTo(before));
    }

    @Test
    void aPushReachesTheEnabledPoliciesThatSubscribeToIt() throws Exception {
        Response made = admin().body(policy(unique("push"), "https://push.example.com/hook", "Default", List.of("PUSH_ARTIFACT"))).post(POLICIES);
        long pushPolicy = created(made);
        String secret = made.jsonPath().getString("secret");
        long pulls = created(admin().body(policy(unique("pull"), "https://pull.example.com", "Default", List.of("PULL_ARTIFACT"))).post(POLICIES));
        Map<String, Object> off = policy(unique("off"), "https://off.example.com", "Default", List.of("PUSH_ARTIFACT"));
        off.put("enabled", false);
        created(admin().body(off).post(POLICIES));

        RegistryEvent push = new RegistryEvent(UUID.randomUUID().toString(), RegistryEvent.Type.PUSH_ARTIFACT, PROJECT + "/app", PROJECT,
                "sha256:" + "a".repeat(64), List.of("v1"), "application/vnd.oci.image.manifest.v1+json", 10, "admin",
                Instant.parse("2026-12-07T10:00:00Z"), "r");
        RegistryEvent elsewhere = new RegistryEvent(UUID.randomUUID().toString(), RegistryEvent.Type.PUSH_ARTIFACT, OTHER + "/app", OTHER,
                "sha256:" + "b".repeat(64), List.of("v1"), null, 10, "admin", Instant.now(), "r");
        List<WebhookRequest> requests = notifier.requests(List.of(push, elsewhere));

        assertThat(requests).extracting(WebhookRequest::policyId).contains(pushPolicy).doesNotContain(pulls);
        WebhookRequest request = requests.stream().filter(r -> r.policyId() == pushPolicy).findFirst().orElseThrow();
        assertThat(request.eventId()).isEqualTo(push.id());
        assertThat(request.eventType()).isEqualTo("PUSH_ARTIFACT");
        WebhookRequest.Delivery d = request.deliveries().get(0);
        assertThat(d.address()).isEqualTo("https://push.example.com/hook");
        assertThat(d.sealedAuthHeader()).startsWith("v1:").isNotEqualTo("Bearer t0ken");
        assertThat(secrets.open(d.sealedAuthHeader())).isEqualTo("Bearer t0ken");
        assertThat(secrets.open(d.sealedSecret())).isEqualTo(secret);
        JsonNode body = JSON.readTree(d.body());
        assertThat(body.path("type").asText()).isEqualTo("PUSH_ARTIFACT");
        assertThat(body.path("occur_at").asLong()).isEqualTo(push.occurredAt().getEpochSecond());
        assertThat(body.path("operator").asText()).isEqualTo("admin");
        assertThat(body.path("event_data").path("resources").get(0).path("tag").asText()).isEqualTo("v1");
        assertThat(body.path("event_data").path("resources").get(0).path("resource_url").asText()).endsWith("/" + PROJECT + "/app:v1");
        assertThat(body.path("event_data").path("repository").path("namespace").asText()).isEqualTo(PROJECT);
        assertThat(body.path("event_data").path("repository").path("name").asText()).isEqualTo("app");
        assertThat(body.path("event_data").path("repository").path("repo_type").asText()).isEqualTo("private");
        assertThat(WebhookSignature.verify(secret, d.body().getBytes(StandardCharsets.UTF_8),
                WebhookSignature.sign(secret, d.body().getBytes(StandardCharsets.UTF_8)))).isTrue();
        // no policy of the other project: nothing for its event
        assertThat(requests.stream().filter(r -> r.eventId().equals(elsewhere.id()))).isEmpty();
    }

    @Test
    void theEndOfAReplicationExecutionReachesThePoliciesOfItsLocalProjectsInHarborsShape() throws Exception {
        admin().get("/api/v2.0/projects/" + PROJECT + "/webhook/events").then().statusCode(200)
                .body("event_type", org.hamcrest.Matchers.hasItem("REPLICATION"));
        Response made = admin().body(policy(unique("repl"), "https://repl.example.com/hook", "Default", List.of("REPLICATION")))
                .post(POLICIES);
        long hook = created(made);
        long pushes = created(admin().body(policy(unique("nr"), "https://nr.example.com", "Default", List.of("PUSH_ARTIFACT"))).post(POLICIES));
        long execution;
        long policy;
        String policyName = unique("to-mirror");
        try (Connection c = db.getConnection()) {
            ResultSet rs = c.createStatement().executeQuery("INSERT INTO core.registry (name, type, url, access_key) VALUES ('"
                    + unique("mirror") + "', 'docker-registry', 'http://mirror.example.com:5000', 'robot') RETURNING id");
            rs.next();
            long registry = rs.getLong(1);
            rs = c.createStatement().executeQuery("INSERT INTO core.replication_policy (name, description, dest_registry_id, dest_namespace, "
                    + "override, creator) VALUES ('" + policyName + "', 'nightly mirror', " + registry + ", 'mirror', true, 'alice') RETURNING id");
            rs.next();
            policy = rs.getLong(1);
            rs = c.createStatement().executeQuery("INSERT INTO jobs.execution (vendor_type, vendor_id, trigger, status, start_time, end_time) "
                    + "VALUES ('REPLICATION', " + policy + ", 'MANUAL', 'Error', '2026-12-07T10:00:00Z', '2026-12-07T10:00:09Z') RETURNING id");
            rs.next();
            execution = rs.getLong(1);
            for (String[] t : List.of(new String[] {"app", "v1", "Success"}, new String[] {"app", "v2", "Error"},
                    new String[] {"tools/cli", "1.0", "Success"})) {
                c.createStatement().execute("INSERT INTO jobs.task (execution_id, kind, params, status) VALUES (" + execution
                        + ", 'REPLICATION', '{\"src_repository\": \"" + PROJECT + "/" + t[0] + "\", \"dest_repository\": \"mirror/" + t[0]
                        + "\", \"tag\": \"" + t[1] + "\"}', '" + t[2] + "')");
            }
            // a task of another project: its policies get their own event, this one does not list it
            c.createStatement().execute("INSERT INTO jobs.task (execution_id, kind, params, status) VALUES (" + execution
                    + ", 'REPLICATION', '{\"src_repository\": \"" + OTHER + "/x\", \"dest_repository\": \"mirror/x\", \"tag\": \"v9\"}', 'Success')");
        }
        io.berth.common.event.ExecutionEvent ended = io.berth.common.event.ExecutionEvent.ended("REPLICATION", execution, policy, "Error",
                "MANUAL", Instant.parse("2026-12-07T10:00:00Z"), Instant.parse("2026-12-07T10:00:09Z"));
        List<WebhookRequest> requests = replicationWebhooks.requests(ended);

        assertThat(requests).extracting(WebhookRequest::policyId).containsExactly(hook).doesNotContain(pushes);
        WebhookRequest request = requests.get(0);
        assertThat(request.eventType()).isEqualTo("REPLICATION");
        assertThat(replicationWebhooks.requests(ended).get(0).eventId()).isEqualTo(request.eventId()); // stable: receivers drop repeats
        JsonNode body = JSON.readTree(request.deliveries().get(0).body());
        assertThat(body.path("type").asText()).isEqualTo("REPLICATION");
        assertThat(body.path("occur_at").asLong()).isEqualTo(Instant.parse("2026-12-07T10:00:09Z").getEpochSecond());
        assertThat(body.path("operator").asText()).isEqualTo("MANUAL");
        JsonNode r = body.path("event_data").path("replication");
        assertThat(r.path("harbor_hostname").asText()).isNotEmpty();
        assertThat(r.path("job_status").asText()).isEqualTo("Error");
        assertThat(r.path("description").asText()).isEqualTo("nightly mirror");
        assertThat(r.path("policy_creator").asText()).isEqualTo("alice");
        assertThat(r.path("artifact_type").asText()).isEqualTo("image");
        assertThat(r.path("authentication_type").asText()).isEqualTo("basic");
        assertThat(r.path("override_mode").asBoolean()).isTrue();
        assertThat(r.path("trigger_type").asText()).isEqualTo("MANUAL");
        assertThat(r.path("execution_timestamp").asLong()).isEqualTo(Instant.parse("2026-12-07T10:00:00Z").getEpochSecond());
        assertThat(r.path("src_resource").path("registry_type").asText()).isEqualTo("harbor");
        assertThat(r.path("src_resource").path("namespace").asText()).isEqualTo(PROJECT);
        assertThat(r.path("src_resource").has("registry_name")).isFalse();
        assertThat(r.path("dest_resource").path("registry_type").asText()).isEqualTo("docker-registry");
        assertThat(r.path("dest_resource").path("endpoint").asText()).isEqualTo("http://mirror.example.com:5000");
        assertThat(r.path("dest_resource").path("namespace").asText()).isEqualTo("mirror");
        assertThat(r.path("dest_resource").path("registry_name").asText()).startsWith("mirror");
        assertThat(r.path("successful_artifact")).extracting(a -> a.path("name_tag").asText()).containsExactly("app:v1", "tools/cli:1.0");
        assertThat(r.path("successful_artifact").get(0).path("type").asText()).isEqualTo("image");
        assertThat(r.path("successful_artifact").get(0).path("status").asText()).isEqualTo("Success");
        assertThat(r.path("failed_artifact")).extracting(a -> a.path("name_tag").asText()).containsExactly("app:v2");
        assertThat(r.path("failed_artifact").get(0).path("status").asText()).isEqualTo("Error");
    }

    @Inject
    io.berth.core.webhook.ReplicationWebhooks replicationWebhooks;

    @Test
    void executionsTasksLogsAndLastTriggersComeFromJobservice() throws Exception {
        String name = unique("runs");
        long id = created(admin().body(policy(name, "https://runs.example.com", "Default", List.of("PUSH_ARTIFACT", "PULL_ARTIFACT")))
                .post(POLICIES));
        long execution;
        long task;
        try (Connection c = db.getConnection()) {
            ResultSet rs = c.createStatement().executeQuery("INSERT INTO jobs.execution (vendor_type, vendor_id, trigger, status, extra_attrs, "
                    + "end_time) VALUES ('WEBHOOK', " + id + ", 'EVENT', 'Success', '{\"event_type\": \"PUSH_ARTIFACT\", \"event_id\": \"e-1\"}', "
                    + "now()) RETURNING id");
            rs.next();
            execution = rs.getLong(1);
            rs = c.createStatement().executeQuery("INSERT INTO jobs.task (execution_id, kind, params, status, attempts, log) VALUES ("
                    + execution + ", 'WEBHOOK', '{\"policy_id\": " + id + ", \"delivery\": {\"address\": \"https://runs.example.com\", "
                    + "\"payload_format\": \"Default\"}}', 'Success', 2, 'HTTP 500\nHTTP 200\n') RETURNING id");
            rs.next();
            task = rs.getLong(1);
        }
        String executions = POLICIES + "/" + id + "/executions";
        admin().get(executions).then().statusCode(200).header("X-Total-Count", "1").body("[0].id", equalTo((int) execution))
                .body("[0].vendor_type", equalTo("WEBHOOK")).body("[0].vendor_id", equalTo((int) id))
                .body("[0].status", equalTo("Success")).body("[0].trigger", equalTo("EVENT"))
                .body("[0].extra_attrs.event_type", equalTo("PUSH_ARTIFACT")).body("[0].metrics.task_count", equalTo(1))
                .body("[0].metrics.success_task_count", equalTo(1));
        admin().get(executions + "/" + execution + "/tasks").then().statusCode(200).body("[0].id", equalTo((int) task))
                .body("[0].run_count", equalTo(2)).body("[0].status", equalTo("Success"))
                .body("[0].extra_attrs.address", equalTo("https://runs.example.com"));
        String log = admin().get(executions + "/" + execution + "/tasks/" + task + "/log").then().statusCode(200).extract().asString();
        assertThat(log).contains("HTTP 500").contains("HTTP 200");
        admin().get(executions + "/" + (execution + 1000) + "/tasks").then().statusCode(404);
        admin().get(POLICIES + "/" + (id + 1000) + "/executions").then().statusCode(404);

        List<Map<String, Object>> last = admin().get("/api/v2.0/projects/" + PROJECT + "/webhook/lasttrigger").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.policy_name == '" + name + "' }");
        assertThat(last).extracting(m -> m.get("event_type")).containsExactly("PUSH_ARTIFACT", "PULL_ARTIFACT");
        assertThat(last.get(0).get("last_trigger_time")).isNotNull();
        assertThat(last.get(1).get("last_trigger_time")).isNull();
        assertThat(last.get(0).get("enabled")).isEqualTo(true);
    }
}
