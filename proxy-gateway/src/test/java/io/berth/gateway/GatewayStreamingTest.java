package io.berth.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.common.testing.GeneratedBody;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The gateway's heap is capped (see the surefire argLine in this module's pom) far below the
 * bodies pushed through it here: they can only arrive intact if they are streamed.
 */
@QuarkusTest
@QuarkusTestResource(TestBackend.class)
class GatewayStreamingTest {
    static final long BIG = 1L << 30;

    @TestHTTPResource("/")
    URI gateway;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void streamsAnUploadLargerThanItsHeapToTheBackend() throws Exception {
        assertThat(BIG).isGreaterThan(4 * Runtime.getRuntime().maxMemory());
        GeneratedBody body = new GeneratedBody(BIG);
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(gateway.resolve("/v2/upload"))
                        .PUT(HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofInputStream(() -> body), BIG))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("X-Received-Bytes")).hasValue(String.valueOf(BIG));
        assertThat(response.headers().firstValue("Docker-Content-Digest")).hasValue(body.digest());
    }

    @Test
    void streamsAChunkedUploadWithoutContentLength() throws Exception {
        long size = 300L << 20;
        GeneratedBody body = new GeneratedBody(size);
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(gateway.resolve("/v2/upload"))
                        .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(() -> body)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("X-Received-Bytes")).hasValue(String.valueOf(size));
        assertThat(response.headers().firstValue("Docker-Content-Digest")).hasValue(body.digest());
    }

    @Test
    void streamsADownloadLargerThanItsHeapToTheClient() throws Exception {
        HttpResponse<InputStream> response = http.send(
                HttpRequest.newBuilder(gateway.resolve("/v2/download?size=" + BIG)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(BIG));
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        long count = 0;
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; count += n) {
                received.update(buffer, 0, n);
            }
        }
        GeneratedBody expected = new GeneratedBody(BIG);
        expected.transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(count).isEqualTo(BIG);
        assertThat("sha256:" + HexFormat.of().formatHex(received.digest())).isEqualTo(expected.digest());
    }
}
