package io.berth.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestBackend.class)
class GatewayFailuresTest {
    @TestHTTPResource("/")
    URI gateway;

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
    void aRefusalThatClosesBeforeTheBodyIsInClosesTheClientsConnectionToo() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.getPort())) {
            socket.getOutputStream().write(("PUT /v2/refuse-and-close HTTP/1.1\r\nHost: registry\r\nContent-Length: 1000\r\n\r\n"
                    + "a stalled body").getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(20_000);
            // to the end: a gateway that keeps the connection open fails this with a timeout
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 400 ").containsIgnoringCase("connection: close").contains("MANIFEST_INVALID");
        }
    }

    @Test
    void aServiceThatBreaksOffMidBodyBreaksTheClientsConnectionAtOnce() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.getPort())) {
            socket.getOutputStream().write("GET /v2/cut HTTP/1.1\r\nHost: registry\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(10_000);
            // to the end, which must come (a reset or a close), never a client left waiting for the rest
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(got);
            } catch (java.net.SocketException reset) {
                // a reset is an end too
            }
            String answer = got.toString(StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 200 ").containsIgnoringCase("content-length: 1000000");
            assertThat(answer.length()).isLessThan(1_000_000);
        }
    }

    @Test
    void aServiceThatBreaksOffGets502() {
        given().get("/v2/break").then().statusCode(502)
                .body("errors[0].code", equalTo("BAD_GATEWAY"));
    }
}
