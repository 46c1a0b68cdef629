package io.berth.service.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * What every database-backed Berth service answers once started: readiness covering its real
 * dependencies, liveness, Prometheus metrics, and request ids. A service's test extends this and is
 * a {@code @QuarkusTest} with {@link PostgresTestDatabase}.
 */
public abstract class ServiceContract {
    /** The management interface, where health and metrics are (never on the service's own port). */
    @TestHTTPResource(value = "/", management = true)
    URI management;

    /** Names of the readiness checks this service must report, besides the database schema. */
    protected abstract String[] readinessChecks();

    @Test
    void isReadyOnceItsDependenciesAnswerAndItsSchemaIsMigrated() {
        var body = given().baseUri(management.resolve("/").toString()).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("database-schema"));
        for (String check : readinessChecks()) {
            body.body("checks.name", hasItem(check));
        }
    }

    @Test
    void isLive() {
        given().baseUri(management.resolve("/").toString()).get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void exposesPrometheusMetrics() {
        given().baseUri(management.resolve("/").toString()).get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void servesNoManagementEndpointOnItsOwnPort() {
        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);
    }

    @Test
    void echoesTheCallersRequestId() {
        given().header("X-Request-Id", "abc-123").get("/no-such-path").then().header("X-Request-Id", "abc-123");
    }

    @Test
    void replacesAMalformedRequestId() {
        given().header("X-Request-Id", "bad id\nwith newline").get("/no-such-path").then()
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }
}
