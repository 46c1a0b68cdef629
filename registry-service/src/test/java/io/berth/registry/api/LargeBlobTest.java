package io.berth.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.registry.testing.Blobs;
import io.berth.common.testing.GeneratedBody;
import io.berth.registry.testing.RegistryTestResource;
import io.berth.registry.testing.Tokens;
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
 * A blob several times larger than the registry's heap (capped by this module's surefire argLine)
 * is pushed and pulled intact: possible only if neither direction holds it in memory.
 */
@QuarkusTest
@QuarkusTestResource(RegistryTestResource.class)
class LargeBlobTest {
    private static final long SIZE = 1L << 30;

    @TestHTTPResource("/")
    URI registry;

    @Test
    void aBlobFourTimesTheHeapRoundTrips() throws Exception {
        assertThat(SIZE).isGreaterThan(3 * Runtime.getRuntime().maxMemory());
        String repo = Blobs.repository("library");
        String auth = Tokens.pushPull(repo);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<Void> started = http.send(HttpRequest.newBuilder(registry.resolve("/v2/" + repo + "/blobs/uploads/"))
                .header("Authorization", auth).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        String location = started.headers().firstValue("Location").orElseThrow();

        GeneratedBody body = new GeneratedBody(SIZE);
        HttpResponse<String> patched = http.send(HttpRequest.newBuilder(registry.resolve(location)).header("Authorization", auth)
                .method("PATCH", HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), SIZE))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(202);
        String digest = body.digest();
        HttpResponse<String> done = http.send(HttpRequest.newBuilder(registry.resolve(location + "?digest=" + digest))
                .header("Authorization", auth).PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(201);

        HttpResponse<InputStream> pulled = http.send(HttpRequest.newBuilder(registry.resolve("/v2/" + repo + "/blobs/" + digest))
                .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(pulled.statusCode()).isEqualTo(200);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long total = 0;
        try (InputStream in = pulled.body()) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; total += n) {
                sha.update(buffer, 0, n);
            }
        }
        assertThat(total).isEqualTo(SIZE);
        assertThat("sha256:" + HexFormat.of().formatHex(sha.digest())).isEqualTo(digest);
    }
}
