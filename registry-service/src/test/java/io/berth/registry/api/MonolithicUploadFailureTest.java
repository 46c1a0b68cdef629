package io.berth.registry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.berth.registry.testing.Blobs;
import io.berth.registry.testing.RegistryClient;
import io.berth.registry.testing.RegistryTestResource;
import io.berth.registry.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A monolithic upload ({@code POST …/blobs/uploads/?digest=} with the body) gives its client no
 * Location: nobody can resume or cancel it. One that fails must leave neither its session nor its bytes,
 * which otherwise held the storage for a day (until the purge); on a full disk every later push was refused
 * (found by ChaosIT: a 64 MiB blob pushed into 48 MiB of storage left 45 MiB of {@code data.inprogress}).
 */
@QuarkusTest
@QuarkusTestResource(RegistryTestResource.class)
class MonolithicUploadFailureTest {
    @TestHTTPResource("/")
    URI registry;

    @Inject
    AgroalDataSource db;

    private final RegistryClient client = new RegistryClient(Blobs.repository("library"));
    private final String repo = client.repository();
    private final Path uploads = RegistryTestResource.DIR.resolve("storage/_uploads");

    @Test
    void aMonolithicUploadWhoseClientBreaksOffLeavesNoSessionAndNoBytes() throws Exception {
        Set<String> before = uploadDirectories();
        byte[] content = Blobs.random(1_000_000, 7);
        try (Socket socket = new Socket(registry.getHost(), registry.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v2/" + repo + "/blobs/uploads/?digest=" + Blobs.sha256(content) + " HTTP/1.1\r\nHost: x\r\nAuthorization: "
                    + Tokens.pushPull(repo) + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + content.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(content, 0, 300_000);
            out.flush();
            // the session exists and holds bytes while the body arrives
            await().atMost(Duration.ofSeconds(10)).until(() -> sessions() == 1);
        } // the client breaks off after 300,000 of the 1,000,000 bytes it announced
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(sessions()).as("upload sessions left in " + repo).isZero();
            Set<String> left = uploadDirectories();
            left.removeAll(before);
            assertThat(left).as("upload directories left in storage").isEmpty();
        });
        client.request().head("/v2/" + repo + "/blobs/" + Blobs.sha256(content)).then().statusCode(404);
        // and the repository takes the same blob whole afterwards
        assertThat(client.pushBlob(content)).isEqualTo(Blobs.sha256(content));
    }

    private int sessions() throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT count(*) FROM registry.upload WHERE repository = ?")) {
            st.setString(1, repo);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private Set<String> uploadDirectories() throws Exception {
        if (!Files.isDirectory(uploads)) {
            return new HashSet<>();
        }
        try (Stream<Path> dirs = Files.list(uploads)) {
            return new HashSet<>(dirs.map(p -> p.getFileName().toString()).toList());
        }
    }
}
