package io.berth.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.berth.service.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestDatabase.class, restrictToAnnotatedClass = true)
class RegistryServiceStartsTest {

    @Test
    void answersTheApiVersionCheck() {
        given().get("/v2/").then().statusCode(200)
                .header("Docker-Distribution-API-Version", "registry/2.0")
                .header("X-Request-Id", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void isReadyWithDatabaseAndStorage() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("storage"));
    }

    @Test
    void echoesTheCallersRequestId() {
        given().header("X-Request-Id", "abc-123").get("/v2/").then().header("X-Request-Id", "abc-123");
    }

    @Test
    void replacesAMalformedRequestId() {
        given().header("X-Request-Id", "bad id\nwith newline").get("/v2/").then()
                .header("X-Request-Id", org.hamcrest.Matchers.matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void exposesPrometheusMetrics() {
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("jvm_memory_used_bytes"));
    }
}
