package io.berth.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestBackend.class)
class GatewayFailuresTest {

    @Test
    void aServiceThatIsDownGets503InHarborsFormatUnderApi() {
        given().get("/api/v2.0/projects").then().statusCode(503)
                .contentType(containsString("application/json"))
                .body("errors[0].code", equalTo("SERVICE_UNAVAILABLE"))
                .body("errors[0].message", containsString("core-service is unavailable"));
    }

    @Test
    void theTokenServiceDownGets503TooNotAHang() {
        given().get("/service/token?service=berth-registry").then().statusCode(503)
                .body("errors[0].code", equalTo("SERVICE_UNAVAILABLE"));
    }

    @Test
    void aServiceThatHangsGets502InOciFormatAfterTheIdleTimeout() {
        given().get("/v2/hang").then().statusCode(502)
                .body("errors[0].code", equalTo("BAD_GATEWAY"))
                .body("errors[0].message", containsString("registry-service"));
    }

    @Test
    void aServiceThatBreaksOffGets502() {
        given().get("/v2/break").then().statusCode(502)
                .body("errors[0].code", equalTo("BAD_GATEWAY"));
    }
}
