package io.berth.core.api;

import static io.berth.core.testing.Api.admin;
import static io.berth.core.testing.Api.anonymous;
import static io.berth.core.testing.Api.as;
import static io.berth.core.testing.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.berth.common.testing.Distribution;
import io.berth.core.testing.Api;
import io.berth.core.testing.CoreTestResource;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Registry endpoints, replication policies and executions as core serves them, with a real CNCF
 * Distribution to ping; jobservice is down here (replication itself is tested in jobservice and end to end).
 */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class ReplicationApiTest {
    static Distribution distribution;

    @BeforeEach
    void registry() throws Exception {
        if (distribution == null) {
            distribution = Distribution.start("mirror", "Mirr0r-pass");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (distribution != null) {
            distribution.close();
        }
    }

    static Map<String, Object> endpoint(String name, String password) {
        return Map.of("name", name, "type", "docker-registry", "url", distribution.url(),
                "credential", Map.of("type", "basic", "access_key", "mirror", "access_secret", password));
    }

    static long create(Map<String, Object> registry) {
        String location = admin().body(registry).post("/api/v2.0/registries").then().statusCode(201).extract().header("Location");
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    @Test
    void registriesKeepTheirSecretSealedAndArePinged() throws Exception {
        String name = unique("dist");
        long id = create(endpoint(name, "Mirr0r-pass"));
        admin().get("/api/v2.0/registries/" + id).then().statusCode(200).body("name", equalTo(name))
                .body("credential.access_key", equalTo("mirror")).body("credential.access_secret", equalTo("*****"));
        try (Connection c = Arc.container().instance(AgroalDataSource.class).get().getConnection();
                ResultSet rs = c.createStatement().executeQuery("SELECT access_secret FROM core.registry WHERE id = " + id)) {
            rs.next();
            org.assertj.core.api.Assertions.assertThat(rs.getString(1)).startsWith("v1:").doesNotContain("Mirr0r");
        }
        admin().body(Map.of("id", id)).post("/api/v2.0/registries/ping").then().statusCode(200);
        admin().body(endpoint("x", "wrong")).post("/api/v2.0/registries/ping").then().statusCode(400)
                .body("errors[0].message", containsString("401"));
        // the masked secret sent back unchanged keeps the stored one
        admin().body(Map.of("description", "edited", "credential", Map.of("access_key", "mirror", "access_secret", "*****")))
                .put("/api/v2.0/registries/" + id).then().statusCode(200);
        admin().body(Map.of("id", id)).post("/api/v2.0/registries/ping").then().statusCode(200);

        admin().body(endpoint(name, "x")).post("/api/v2.0/registries").then().statusCode(409);
        admin().body(Map.of("name", unique("bad"), "type", "aws-ecr", "url", "https://x")).post("/api/v2.0/registries").then()
                .statusCode(400).body("errors[0].message", containsString("supported"));
        admin().body(Map.of("name", unique("bad"), "type", "harbor", "url", "ftp://x")).post("/api/v2.0/registries").then().statusCode(400);
        admin().body(Map.of("name", unique("bad"), "type", "harbor")).post("/api/v2.0/registries").then().statusCode(400);
        admin().get("/api/v2.0/registries/987654").then().statusCode(404);
        String user = unique("plain");
        Api.createUser(user, "Passw0rdR");
        as(user, "Passw0rdR").get("/api/v2.0/registries").then().statusCode(403);
        anonymous().get("/api/v2.0/registries").then().statusCode(401);
    }

    @Test
    void registriesTakeHarborsFlatCredentialsOnUpdateAndPing() {
        String name = unique("flat");
        long id = create(endpoint(name, "Mirr0r-pass"));
        String registry = "/api/v2.0/registries/" + id;
        admin().body(Map.of("access_key", "mirror", "access_secret", "wrong")).put(registry).then().statusCode(200);
        admin().body(Map.of("id", id)).post("/api/v2.0/registries/ping").then().statusCode(400);
        // the fields given are tried over the stored registry, and not stored
        admin().body(Map.of("id", id, "access_secret", "Mirr0r-pass")).post("/api/v2.0/registries/ping").then().statusCode(200);
        admin().body(Map.of("id", id)).post("/api/v2.0/registries/ping").then().statusCode(400);
        admin().body(Map.of("credential_type", "basic", "access_secret", "Mirr0r-pass")).put(registry).then().statusCode(200);
        admin().body(Map.of("id", id)).post("/api/v2.0/registries/ping").then().statusCode(200);
        admin().get(registry).then().statusCode(200).body("credential.access_key", equalTo("mirror"))
                .body("credential.access_secret", equalTo("*****")).body("status", org.hamcrest.Matchers.nullValue());

        admin().body(Map.of("type", "docker-registry", "url", distribution.url(), "access_key", "mirror", "access_secret", "Mirr0r-pass"))
                .post("/api/v2.0/registries/ping").then().statusCode(200);
        admin().body(Map.of("type", "docker-registry", "url", distribution.url(), "access_key", "mirror", "access_secret", "nope"))
                .post("/api/v2.0/registries/ping").then().statusCode(400);

        for (Map<String, Object> unsupported : List.<Map<String, Object>>of(Map.of("credential_type", "oauth"),
                Map.of("ca_certificate", "-----BEGIN CERTIFICATE-----"), Map.of("credential", Map.of("type", "secret")))) {
            admin().body(unsupported).put(registry).then().statusCode(400).body("errors[0].message", containsString("not supported"));
        }
        admin().body(Map.of("id", id, "ca_certificate", "-----BEGIN CERTIFICATE-----")).post("/api/v2.0/registries/ping").then().statusCode(400);
        admin().body(Map.of("id", id)).post("/api/v2.0/registries/ping").then().statusCode(200);

        create(endpoint(unique("other"), "Mirr0r-pass"));
        admin().queryParam("name", name.substring(2).toUpperCase()).get("/api/v2.0/registries").then().statusCode(200)
                .header("X-Total-Count", "1").body("name", equalTo(List.of(name)));
    }

    @Test
    void policiesAreValidatedAndHoldTheirRegistries() {
        long registry = create(endpoint(unique("target"), "Mirr0r-pass"));
        String name = unique("push");
        Map<String, Object> good = Map.of("name", name, "dest_registry", Map.of("id", registry), "dest_namespace", "mirror",
                "filters", List.of(Map.of("type", "name", "value", "library/**")), "trigger", Map.of("type", "manual"));
        String location = admin().body(good).post("/api/v2.0/replication/policies").then().statusCode(201).extract().header("Location");
        admin().get(location).then().statusCode(200).body("src_registry.id", equalTo(0)).body("src_registry.name", equalTo("Local"))
                .body("dest_registry.id", equalTo((int) registry)).body("filters[0].value", equalTo("library/**"))
                .body("trigger.type", equalTo("manual")).body("override", equalTo(false)).body("enabled", equalTo(false));

        admin().body(Map.of("name", unique("p"))).post("/api/v2.0/replication/policies").then().statusCode(400)
                .body("errors[0].message", containsString("exactly one"));
        admin().body(Map.of("name", unique("p"), "src_registry", Map.of("id", registry), "dest_registry", Map.of("id", registry)))
                .post("/api/v2.0/replication/policies").then().statusCode(400);
        admin().body(Map.of("name", unique("p"), "dest_registry", Map.of("id", 424242))).post("/api/v2.0/replication/policies").then()
                .statusCode(404);
        admin().body(Map.of("name", unique("p"), "dest_registry", Map.of("id", registry), "trigger", Map.of("type", "hourly")))
                .post("/api/v2.0/replication/policies").then().statusCode(400);
        admin().body(Map.of("name", unique("p"), "dest_registry", Map.of("id", registry), "trigger", Map.of("type", "scheduled")))
                .post("/api/v2.0/replication/policies").then().statusCode(400).body("errors[0].message", containsString("cron"));
        admin().body(Map.of("name", unique("p"), "dest_registry", Map.of("id", registry), "trigger",
                Map.of("type", "scheduled", "trigger_settings", Map.of("cron", "every day")))).post("/api/v2.0/replication/policies").then()
                .statusCode(400);
        admin().body(Map.of("name", unique("p"), "dest_registry", Map.of("id", registry), "trigger",
                Map.of("type", "scheduled", "trigger_settings", Map.of("cron", "0 0 3 * * *")))).post("/api/v2.0/replication/policies").then()
                .statusCode(201);
        admin().body(Map.of("name", unique("p"), "dest_registry", Map.of("id", registry), "filters",
                List.of(Map.of("type", "label", "value", "x")))).post("/api/v2.0/replication/policies").then().statusCode(400);
        admin().body(Map.of("name", unique("p"), "dest_registry", Map.of("id", registry), "filters",
                List.of(Map.of("type", "resource", "value", "chart")))).post("/api/v2.0/replication/policies").then().statusCode(400)
                .body("errors[0].message", containsString("image or artifact"));
        admin().body(Map.of("name", unique("p"), "dest_registry", Map.of("id", registry), "filters",
                List.of(Map.of("type", "resource", "value", "image")))).post("/api/v2.0/replication/policies").then().statusCode(201);
        admin().body(Map.of("name", unique("p"), "dest_registry", Map.of("id", registry), "filters",
                List.of(Map.of("type", "label", "value", List.of("prod", "eu"))))).post("/api/v2.0/replication/policies").then().statusCode(201);
        admin().body(Map.of("name", unique("p"), "dest_registry", Map.of("id", registry), "filters",
                List.of(Map.of("type", "label", "value", List.of())))).post("/api/v2.0/replication/policies").then().statusCode(400);
        admin().body(Map.of("name", unique("p"), "src_registry", Map.of("id", registry), "filters",
                List.of(Map.of("type", "label", "value", List.of("prod"))))).post("/api/v2.0/replication/policies").then().statusCode(400)
                .body("errors[0].message", containsString("no labels"));
        admin().body(good).post("/api/v2.0/replication/policies").then().statusCode(409);
        admin().delete("/api/v2.0/registries/" + registry).then().statusCode(412);
        admin().queryParam("name", name).get("/api/v2.0/replication/policies").then().statusCode(200).body("name", equalTo(List.of(name)));
    }

    @Test
    void policiesAreWhatTheLastPostOrPutSaysAsInHarbor() {
        long registry = create(endpoint(unique("whole"), "Mirr0r-pass"));
        String name = unique("whole");
        Map<String, Object> full = new java.util.HashMap<>(Map.of("name", name, "description", "nightly", "dest_registry", Map.of("id", registry),
                "dest_namespace", "mirror", "dest_namespace_replace_count", 1, "filters", List.of(Map.of("type", "name", "value", "library/**")),
                "trigger", Map.of("type", "scheduled", "trigger_settings", Map.of("cron", "0 0 3 * * *")), "deletion", true,
                "override", true, "enabled", true));
        full.put("speed", -1);
        full.put("copy_by_chunk", true);
        String location = admin().body(full).post("/api/v2.0/replication/policies").then().statusCode(201).extract().header("Location");
        admin().get(location).then().statusCode(200).body("deletion", equalTo(true)).body("replicate_deletion", equalTo(true))
                .body("speed", equalTo(0)).body("override", equalTo(true)).body("enabled", equalTo(true)).body("copy_by_chunk", equalTo(true))
                .body("dest_namespace_replace_count", equalTo(1)).body("trigger.trigger_settings.cron", equalTo("0 0 3 * * *"));

        // what a go-client sends to disable a policy: false values left out
        admin().body(Map.of("name", name, "dest_registry", Map.of("id", registry))).put(location).then().statusCode(200);
        admin().get(location).then().statusCode(200).body("enabled", equalTo(false)).body("override", equalTo(false))
                .body("deletion", equalTo(false)).body("replicate_deletion", equalTo(false)).body("filters", org.hamcrest.Matchers.empty())
                .body("description", equalTo("")).body("dest_namespace", org.hamcrest.Matchers.nullValue())
                .body("dest_namespace_replace_count", equalTo(-1)).body("trigger.type", equalTo("manual")).body("speed", equalTo(0))
                .body("copy_by_chunk", equalTo(false)).body("dest_registry.id", equalTo((int) registry));

        admin().body(Map.of("name", name, "dest_registry", Map.of("id", registry), "replicate_deletion", true, "speed", 512)).put(location)
                .then().statusCode(200);
        admin().get(location).then().body("deletion", equalTo(true)).body("replicate_deletion", equalTo(true)).body("speed", equalTo(512));

        admin().body(Map.of("dest_registry", Map.of("id", registry))).put(location).then().statusCode(400)
                .body("errors[0].message", containsString("name"));
        admin().body(Map.of("name", name)).put(location).then().statusCode(400);
        admin().get(location).then().body("speed", equalTo(512)).body("deletion", equalTo(true));
    }

    @Test
    void executionsNeedJobserviceAndAnEnabledPolicy() {
        long registry = create(endpoint(unique("exec"), "Mirr0r-pass"));
        String name = unique("run");
        String location = admin().body(Map.of("name", name, "dest_registry", Map.of("id", registry), "enabled", true))
                .post("/api/v2.0/replication/policies").then().statusCode(201).extract().header("Location");
        long policy = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        admin().body(Map.of("policy_id", policy)).post("/api/v2.0/replication/executions").then().statusCode(503)
                .body("errors[0].message", containsString("jobservice"));
        admin().body(Map.of("name", name, "dest_registry", Map.of("id", registry), "enabled", false)).put(location).then().statusCode(200);
        admin().body(Map.of("policy_id", policy)).post("/api/v2.0/replication/executions").then().statusCode(412);
        admin().body(Map.of()).post("/api/v2.0/replication/executions").then().statusCode(400);
        admin().queryParam("policy_id", policy).get("/api/v2.0/replication/executions").then().statusCode(200)
                .header("X-Total-Count", "0");
        admin().get("/api/v2.0/replication/executions/123456").then().statusCode(404);
        admin().get("/api/v2.0/replication/executions/123456/tasks/1/log").then().statusCode(404)
                .contentType(startsWith("application/json"));
    }

    @Test
    void theJobserviceDashboardIsForAdministrators() {
        admin().get("/api/v2.0/jobservice/queues").then().statusCode(200);
        admin().get("/api/v2.0/jobservice/pools").then().statusCode(200);
        admin().get("/api/v2.0/jobservice/pools/nobody@nowhere/workers").then().statusCode(404);
        admin().get("/api/v2.0/jobservice/jobs/424242/log").then().statusCode(404);
        admin().body(Map.of()).put("/api/v2.0/jobservice/queues/REPLICATION").then().statusCode(400);
        admin().body(Map.of("action", "explode")).put("/api/v2.0/jobservice/queues/REPLICATION").then().statusCode(400)
                .body("errors[0].message", containsString("pause, resume or stop"));
        admin().body(Map.of("action", "pause")).put("/api/v2.0/jobservice/queues/REPLICATION").then().statusCode(503);
        admin().body(Map.of("action", "pause")).put("/api/v2.0/jobservice/queues/all").then().statusCode(503);
        admin().body(Map.of("action", "pause")).put("/api/v2.0/jobservice/queues/NO_SUCH_JOB").then().statusCode(404)
                .body("errors[0].message", containsString("REPLICATION"));
        String user = unique("viewer");
        Api.createUser(user, "Passw0rdV");
        as(user, "Passw0rdV").get("/api/v2.0/jobservice/queues").then().statusCode(403);
    }

    @Test
    void workersNameTheirJobByAStringIdAndPoolAllListsEveryPool() throws Exception {
        String pool = "77@" + unique("host");
        long task;
        try (Connection c = Arc.container().instance(AgroalDataSource.class).get().getConnection()) {
            c.createStatement().execute("INSERT INTO jobs.worker_pool (id, host, pid, kinds, concurrency) VALUES ('" + pool
                    + "', 'host', 77, 'REPLICATION', 2)");
            ResultSet rs = c.createStatement().executeQuery("WITH e AS (INSERT INTO jobs.execution (vendor_type, vendor_id, trigger) "
                    + "VALUES ('REPLICATION', -1, 'MANUAL') RETURNING id) INSERT INTO jobs.task (execution_id, kind, params, status, owner, "
                    + "heartbeat, start_time) SELECT id, 'REPLICATION', '{}', 'Running', '" + pool + "/REPLICATION-0', now(), now() FROM e RETURNING id");
            rs.next();
            task = rs.getLong(1);
        }
        admin().get("/api/v2.0/jobservice/pools/" + pool + "/workers").then().statusCode(200)
                .body("[0].job_id", equalTo(Long.toString(task))).body("[0].pool_id", equalTo(pool)).body("[0].job_name", equalTo("REPLICATION"));
        admin().get("/api/v2.0/jobservice/pools/all/workers").then().statusCode(200)
                .body("job_id", org.hamcrest.Matchers.hasItem(Long.toString(task)));
    }

    @Test
    void malformedBodiesAreRefusedInHarborsShapeAndCreateNothing() {
        String before = admin().get("/api/v2.0/registries").then().extract().header("X-Total-Count");
        for (String path : List.of("/api/v2.0/registries", "/api/v2.0/replication/policies", "/api/v2.0/replication/executions",
                "/api/v2.0/registries/ping")) {
            admin().body("{\"name\": ").post(path).then().statusCode(400).body("errors[0].code", equalTo("BAD_REQUEST"));
        }
        admin().body(Map.of("name", unique("typo"), "type", "docker-registry", "url", "http://x", "insecure", "very"))
                .post("/api/v2.0/registries").then().statusCode(400);
        admin().body(Map.of("name", unique("typo"), "dest_registry", Map.of("id", "one"))).post("/api/v2.0/replication/policies").then()
                .statusCode(400);
        admin().get("/api/v2.0/registries").then().statusCode(200).header("X-Total-Count", before);
    }
}
