package io.berth.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Blob downloads the backend hands over as files (BlobFileHandoff): sent by the gateway, or asked for again. */
@QuarkusTest
@QuarkusTestResource(TestBackend.class)
class GatewayBlobFilesTest {
    @TestHTTPResource("/")
    URI gateway;

    private final HttpClient http = HttpClient.newHttpClient();
    private byte[] content;

    @BeforeEach
    void writeBlob() throws Exception {
        content = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(content);
        Path file = TestBackend.storage.resolve("blobs/sha256/ab/abc/data");
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        TestBackend.FILE_ASKED.clear();
    }

    private HttpResponse<byte[]> get(String query) throws Exception {
        return http.send(HttpRequest.newBuilder(gateway.resolve("/v2/files/blobs/sha256:abc?" + query)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void sendsTheNamedFileItself() throws Exception {
        HttpResponse<byte[]> response = get("name=blobs/sha256/ab/abc/data&offset=0&length=" + content.length);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(content);
        assertThat(response.headers().firstValue("Docker-Content-Digest")).hasValue("sha256:" + "d".repeat(64));
        assertThat(response.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("x-berth-blob-file"));
        assertThat(TestBackend.FILE_ASKED).containsExactly(true);
    }

    @Test
    void sendsARangeOfIt() throws Exception {
        HttpResponse<byte[]> response = get("name=blobs/sha256/ab/abc/data&offset=100&length=1000&status=206");
        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(content, 100, 1100));
    }

    @Test
    void asksAgainForTheBytesWhenItDoesNotSeeTheFile() throws Exception {
        HttpResponse<byte[]> response = get("name=blobs/sha256/ab/missing/data&offset=0&length=10");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body())).isEqualTo("from the backend");
        assertThat(TestBackend.FILE_ASKED).containsExactly(true, false);
    }

    @Test
    void neverReadsOutsideTheStorageRoot() throws Exception {
        Path outside = TestBackend.storage.resolveSibling(TestBackend.storage.getFileName() + "-secret");
        Files.writeString(outside, "secret");
        HttpResponse<byte[]> response = get("name=../" + outside.getFileName() + "&offset=0&length=6");
        assertThat(new String(response.body())).isEqualTo("from the backend");
        assertThat(TestBackend.FILE_ASKED).containsExactly(true, false);
    }

    @Test
    void neverSendsLessThanTheNamedLength() throws Exception {
        HttpResponse<byte[]> response = get("name=blobs/sha256/ab/abc/data&offset=0&length=" + (content.length + 1));
        assertThat(new String(response.body())).isEqualTo("from the backend");
    }

    @Test
    void clientsCannotAskForFilesNorNameThem() throws Exception {
        HttpResponse<String> echoed = http.send(HttpRequest.newBuilder(gateway.resolve("/v2/echo"))
                        .header("X-Berth-Blob-File", "1").header("X-Berth-Blob-File-Path", "blobs/x").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(echoed.body()).doesNotContain("x-berth-blob-file");
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
                        gateway.resolve("/v2/files/blobs/sha256:abc?name=x&offset=0&length=1"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("x-berth-blob-file"));
        assertThat(TestBackend.FILE_ASKED).containsExactly(false);
    }
}
