package io.berth.core.api;

import static io.berth.core.testing.Api.admin;
import static io.berth.core.testing.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.berth.common.testing.Distribution;
import io.berth.core.testing.CoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proxy-cache projects in core's API: created with {@code registry_id} naming an endpoint (a real CNCF Distribution),
 * shown as Harbor shows them, fixed for their life, and keeping their endpoint from being deleted.
 */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class ProxyCacheProjectApiTest {
    static Distribution upstream;

    @BeforeAll
    static void start() throws Exception {
        upstream = Distribution.start("mirror", "Mirr0r-pass");
    }

    @AfterAll
    static void stop() throws Exception {
        upstream.close();
    }

    @Test
    void aProjectCreatedWithARegistryIdIsAProxyCacheOfThatEndpoint() {
        long registry = ReplicationApiTest.create(Map.of("name", unique("hub"), "type", "docker-registry", "url", upstream.url(),
                "credential", Map.of("type", "basic", "access_key", "mirror", "access_secret", "Mirr0r-pass")));
        String name = unique("cache");
        admin().body(Map.of("project_name", name, "registry_id", registry, "metadata", Map.of("public", "true")))
                .post("/api/v2.0/projects").then().statusCode(201);
        String project = "/api/v2.0/projects/" + name;
        admin().header("X-Is-Resource-Name", "true").get(project).then().statusCode(200)
                .body("registry_id", equalTo((int) registry)).body("metadata.public", equalTo("true"));
        // Harbor's default policy of a proxy-cache project: what was not pulled for 7 days goes, daily
        String retention = admin().header("X-Is-Resource-Name", "true").get(project).then().extract().path("metadata.retention_id");
        admin().get("/api/v2.0/retentions/" + retention).then().statusCode(200)
                .body("rules[0].template", equalTo("nDaysSinceLastPull")).body("rules[0].params.nDaysSinceLastPull", equalTo(7))
                .body("trigger.settings.cron", equalTo("0 0 0 * * *"));

        admin().header("X-Is-Resource-Name", "true").body(Map.of("registry_id", 0)).put(project).then().statusCode(400)
                .body("errors[0].message", containsString("registry_id"));
        admin().header("X-Is-Resource-Name", "true").body(Map.of("registry_id", registry, "metadata", Map.of("public", "false")))
                .put(project).then().statusCode(200);
        admin().delete("/api/v2.0/registries/" + registry).then().statusCode(412)
                .body("errors[0].message", containsString("proxy-cache"));

        String ordinary = unique("plain");
        admin().body(Map.of("project_name", ordinary, "registry_id", 0)).post("/api/v2.0/projects").then().statusCode(201);
        admin().header("X-Is-Resource-Name", "true").get("/api/v2.0/projects/" + ordinary).then().statusCode(200)
                .body("registry_id", nullValue());
    }

    @Test
    void aRegistryIdOfNoEndpointIsRefusedAndCreatesNothing() {
        String name = unique("cache");
        admin().body(Map.of("project_name", name, "registry_id", 987654321)).post("/api/v2.0/projects").then().statusCode(400)
                .body("errors[0].message", containsString("no registry endpoint 987654321"));
        admin().header("X-Is-Resource-Name", "true").get("/api/v2.0/projects/" + name).then().statusCode(404);
    }
}
