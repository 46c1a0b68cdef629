package io.berth.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestBackend.class)
class GatewayHeadersTest {
    @TestHTTPResource("/")
    URI gateway;

    @Test
    void passesRegistryResponseHeadersThroughUnchanged() {
        Response r = given().get("/v2/library/app/blobs/uploads/123");
        r.then().statusCode(200)
                .header("Location", "/v2/library/app/blobs/uploads/123?_state=x")
                .header("WWW-Authenticate", "Bearer realm=\"http://berth/service/token\",service=\"berth-registry\"")
                .header("Docker-Content-Digest", "sha256:" + "b".repeat(64))
                .header("Docker-Distribution-API-Version", "registry/2.0")
                .header("Docker-Upload-UUID", "123")
                .header("Range", "0-99")
                .header("Content-Range", "bytes 0-99/100")
                .header("OCI-Subject", "sha256:" + "c".repeat(64))
                .header("OCI-Filters-Applied", "artifactType");
    }

    @Test
    void passesRequestHeadersAndQueryThroughAndAddsForwardedOnes() {
        given().header("Range", "bytes=0-99").header("Content-Range", "0-99")
                .header("Authorization", "Bearer abc").header("Accept", "application/vnd.oci.image.index.v1+json")
                .header("OCI-Custom", "1").header("Connection", "keep-alive, X-Drop-Me").header("X-Drop-Me", "no")
                .get("/v2/library/app/tags/list?n=10&last=b").then().statusCode(200)
                .body("uri", equalTo("/v2/library/app/tags/list?n=10&last=b"))
                .body("headers.range", equalTo("bytes=0-99"))
                .body("headers.content-range", equalTo("0-99"))
                .body("headers.authorization", equalTo("Bearer abc"))
                .body("headers.accept", equalTo("application/vnd.oci.image.index.v1+json"))
                .body("headers.oci-custom", equalTo("1"))
                .body("headers.x-drop-me", org.hamcrest.Matchers.nullValue())
                .body("headers.x-forwarded-for", equalTo("127.0.0.1"))
                .body("headers.x-forwarded-proto", equalTo("http"))
                .body("headers.x-forwarded-host", equalTo(gateway.getHost() + ":" + gateway.getPort()));
    }

    @Test
    void propagatesTheClientsRequestIdToTheBackendAndBack() {
        given().header("X-Request-Id", "trace-42").get("/v2/anything").then()
                .header("X-Request-Id", "trace-42")
                .body("headers.x-request-id", equalTo("trace-42"));
    }

    @Test
    void givesARequestWithoutIdAFreshOneThatTheBackendSees() {
        Response r = given().get("/v2/anything");
        String id = r.header("X-Request-Id");
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(r.jsonPath().getString("headers.x-request-id")).isEqualTo(id);
    }

    @Test
    void answersHeadWithTheBackendsContentLengthAndNoBody() throws Exception {
        String response = raw("HEAD /v2/head HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 200");
        assertThat(response).containsIgnoringCase("content-length: 1234\r\n");
        assertThat(response).endsWith("\r\n\r\n");
    }

    @Test
    void relaysContinueFromTheBackendBeforeTheBodyIsSent() throws Exception {
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /v2/created HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String interim = readLine(in);
            assertThat(interim).isEqualTo("HTTP/1.1 100 Continue");
            assertThat(readLine(in)).isEmpty();
            out.write("hello".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String rest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(rest).startsWith("HTTP/1.1 201").contains("\"body\":\"hello\"");
        }
    }

    @Test
    void streamsChunkedRequestBodies() throws Exception {
        String response = raw("POST /v2/created HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 201").contains("\"body\":\"hello world\"");
    }

    @Test
    void refusesBodiesItCannotFrameAndNeverReadsThemAsTheNextRequest() throws Exception {
        TestBackend.SEEN.clear();
        String hidden = "GET /v2/smuggled HTTP/1.1\r\nHost: x\r\n\r\n";
        for (String coding : new String[] {"xchunked", "gzip, chunked", "identity"}) {
            String response = raw("POST /v2/created HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + coding + "\r\n\r\n"
                    + Integer.toHexString(hidden.length()) + "\r\n" + hidden + "\r\n0\r\n\r\n" + hidden);
            assertThat(response).as(coding).startsWith("HTTP/1.1 400").containsIgnoringCase("connection: close")
                    .doesNotContain("HTTP/1.1 2");
            assertThat(TestBackend.SEEN).as(coding + ": " + response).isEmpty();
        }
        assertThat(raw("GET /v2/created HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")).startsWith("HTTP/1.1 400");
        assertThat(TestBackend.SEEN).isEmpty();
    }

    @Test
    void forwardsAnAbsoluteFormTargetInOriginForm() throws Exception {
        String response = raw("GET http://elsewhere.example/v2/echo?n=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 200").contains("\"uri\":\"/v2/echo?n=1\"");
    }

    @Test
    void dropsEveryHeaderAnyConnectionLineNames() throws Exception {
        String response = raw("GET /v2/echo HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\nConnection: X-One,\tX-Two\r\n"
                + "X-One: 1\r\nX-Two: 2\r\nX-Three: 3\r\nConnection: close\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 200").containsIgnoringCase("x-three").doesNotContainIgnoringCase("x-one")
                .doesNotContainIgnoringCase("x-two");
    }

    @Test
    void servesNoManagementEndpointOnThePublicPortAndForwardsNone() {
        TestBackend.SEEN.clear();
        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);
        given().baseUri(management.resolve("/").toString()).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().baseUri(management.resolve("/").toString()).get("/q/metrics").then().statusCode(200);
        assertThat(TestBackend.SEEN).isEmpty();
    }

    @io.quarkus.test.common.http.TestHTTPResource(value = "/", management = true)
    java.net.URI management;

    @Test
    void servesThePortalAndFallsBackToItsIndexForClientRoutes() {
        given().get("/").then().statusCode(200).body(org.hamcrest.Matchers.containsString("<title>Berth</title>"));
        given().get("/projects/7/repositories").then().statusCode(200)
                .contentType(matchesPattern("text/html.*"))
                .body(org.hamcrest.Matchers.containsString("<title>Berth</title>"));
        given().get("/favicon.svg").then().statusCode(200).body(notNullValue());
        given().get("/missing.js").then().statusCode(404);
    }

    private String raw(String request) throws Exception {
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String readLine(InputStream in) throws Exception {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != -1 && c != '\n';) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
