package io.berth.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.registry.storage.S3ProxyServer;
import io.berth.registry.testing.Blobs;
import io.berth.registry.testing.PackagedRegistry;
import io.berth.registry.testing.Tokens;
import io.berth.service.testing.PostgresTestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two registry-service processes sharing one database and one storage: the chunks of one upload
 * alternate between them, as behind a load balancer, and the blob comes out intact from either.
 */
class MultiReplicaIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest(name = "storage {0}")
    @ValueSource(strings = {"filesystem", "s3"})
    void chunksOfOneUploadLandOnDifferentReplicas(String driver) throws Exception {
        String database = PostgresTestDatabase.create();
        Path storage = Files.createTempDirectory("replicas");
        S3ProxyServer s3 = driver.equals("s3") ? S3ProxyServer.start() : null;
        Map<String, String> env = PackagedRegistry.environment(database, storage);
        env.put("BERTH_STORAGE_DRIVER", driver);
        if (s3 != null) {
            s3.createBucket("replicas");
            env.putAll(Map.of("BERTH_STORAGE_S3_BUCKET", "replicas", "BERTH_STORAGE_S3_ENDPOINT", s3.endpoint(),
                    "BERTH_STORAGE_S3_ACCESS_KEY", S3ProxyServer.ACCESS_KEY, "BERTH_STORAGE_S3_SECRET_KEY", S3ProxyServer.SECRET_KEY,
                    "BERTH_STORAGE_S3_PATH_STYLE", "true", "BERTH_STORAGE_S3_PART_SIZE_MIB", "5"));
        }
        // both start at once, as replicas do
        try (PackagedRegistry a = PackagedRegistry.start(env, "-Xmx256m"); PackagedRegistry b = PackagedRegistry.start(env, "-Xmx256m")) {
            List<URI> replicas = List.of(a.awaitReady().uri(), b.awaitReady().uri());

            String repo = Blobs.repository("library");
            String auth = Tokens.pushPull(repo);
            HttpResponse<String> started = send(replicas.get(0), "POST", "/v2/" + repo + "/blobs/uploads/", auth, new byte[0], null);
            assertThat(started.statusCode()).isEqualTo(202);
            String location = started.headers().firstValue("Location").orElseThrow();

            byte[] content = Blobs.random(12_345_678, 77);
            int[] cuts = {0, 2_000_000, 6_000_001, 6_500_000, 11_000_000, content.length};
            for (int i = 0; i + 1 < cuts.length; i++) {
                HttpResponse<String> r = send(replicas.get(i % 2), "PATCH", location, auth,
                        Arrays.copyOfRange(content, cuts[i], cuts[i + 1]), cuts[i] + "-" + (cuts[i + 1] - 1));
                assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                assertThat(r.headers().firstValue("Range")).hasValue("0-" + (cuts[i + 1] - 1));
                // the packaged jar opens the JDK's digest state (jvm-opens): the next replica resumes
                // the hash instead of reading every byte again at the end
                assertThat(savedHashState(database, location)).as("digest state saved after chunk " + i).isTrue();
            }
            String digest = Blobs.sha256(content);
            HttpResponse<String> done = send(replicas.get(1), "PUT", location + "?digest=" + digest, auth, new byte[0], null);
            assertThat(done.statusCode()).as(done.body()).isEqualTo(201);
            for (URI replica : replicas) {
                HttpResponse<byte[]> blob = http.send(HttpRequest.newBuilder(replica.resolve("/v2/" + repo + "/blobs/" + digest))
                        .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(blob.statusCode()).isEqualTo(200);
                assertThat(blob.body()).isEqualTo(content);
            }
        } finally {
            if (s3 != null) {
                s3.close();
            }
            PostgresTestDatabase.drop(database);
            new ProcessBuilder("rm", "-rf", storage.toString()).start().waitFor();
        }
    }

    private static boolean savedHashState(String database, String location) throws Exception {
        String id = location.substring(location.lastIndexOf('/') + 1);
        try (Connection c = DriverManager.getConnection(PostgresTestDatabase.jdbcUrl(database), PostgresTestDatabase.USER,
                PostgresTestDatabase.PASSWORD);
                PreparedStatement q = c.prepareStatement("SELECT hash_state IS NOT NULL FROM registry.upload WHERE id = ?::uuid")) {
            q.setString(1, id);
            try (ResultSet rows = q.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    private HttpResponse<String> send(URI base, String method, String path, String auth, byte[] body, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", auth)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (range != null) {
            request.header("Content-Range", range);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
