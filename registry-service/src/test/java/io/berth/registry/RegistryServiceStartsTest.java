package io.berth.registry;

import static io.restassured.RestAssured.given;

import io.berth.registry.testing.RegistryTestResource;
import io.berth.service.testing.ServiceContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(RegistryTestResource.class)
class RegistryServiceStartsTest extends ServiceContract {

    @Override
    protected String[] readinessChecks() {
        return new String[] {"storage", "Reactive PostgreSQL connections health check"};
    }

    @Test
    void answersTheApiVersionCheck() {
        given().header("Authorization", io.berth.registry.testing.Tokens.bearer("library/x", "pull")).get("/v2/").then()
                .statusCode(200).header("Docker-Distribution-API-Version", "registry/2.0");
    }
}
