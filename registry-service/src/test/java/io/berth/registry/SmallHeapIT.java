package io.berth.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.common.media.MediaTypes;
import io.berth.registry.storage.S3ProxyServer;
import io.berth.registry.testing.Blobs;
import io.berth.common.testing.GeneratedBody;
import io.berth.registry.testing.PackagedRegistry;
import io.berth.registry.testing.Tokens;
import io.berth.service.testing.PostgresTestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many large requests at once into a registry with a small heap all get their answer: what uploads,
 * and what manifest pushes, hold in memory is bounded for all of them together (MemoryBudget), not
 * only for each. Before that bound, sixteen uploads (up to 9 MiB in flight each), or thirty 3 MiB
 * manifest pushes, ran a 128 MiB heap out of memory and their connections were reset.
 */
class SmallHeapIT {
    private static final int CLIENTS = 24;
    /** Until the answer's head: a registry out of memory may never answer. */
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static String database;
    private static Path storage;
    private static PackagedRegistry registry;
    private static final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String repo = Blobs.repository("library");
    private final String auth = Tokens.pushPull(repo);

    @BeforeAll
    static void start() throws Exception {
        database = PostgresTestDatabase.create();
        storage = Files.createTempDirectory("small-heap");
        registry = PackagedRegistry.start(PackagedRegistry.environment(database, storage), "-Xmx96m", "-XX:+UseSerialGC").awaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        clients.shutdownNow();
        registry.close();
        PostgresTestDatabase.drop(database);
        new ProcessBuilder("rm", "-rf", storage.toString()).start().waitFor();
    }

    @Test
    void manyUploadsAtOnce() throws Exception {
        assertThat(allAtOnce(i -> upload(registry, 48L << 20, i))).containsOnly("201");
        assertThat(registry.output()).doesNotContain("OutOfMemoryError", "OutOfDirectMemoryError");
    }

    @Test
    void manyUploadsAtOnceIntoS3() throws Exception {
        // each writer fills a multipart part: spooled to disk, not held in the heap
        String s3Database = PostgresTestDatabase.create();
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            s3.createBucket("small-heap");
            Map<String, String> env = PackagedRegistry.environment(s3Database, storage);
            env.putAll(Map.of("BERTH_STORAGE_DRIVER", "s3", "BERTH_STORAGE_S3_BUCKET", "small-heap",
                    "BERTH_STORAGE_S3_ENDPOINT", s3.endpoint(), "BERTH_STORAGE_S3_ACCESS_KEY", S3ProxyServer.ACCESS_KEY,
                    "BERTH_STORAGE_S3_SECRET_KEY", S3ProxyServer.SECRET_KEY, "BERTH_STORAGE_S3_PATH_STYLE", "true",
                    "BERTH_STORAGE_S3_PART_SIZE_MIB", "8"));
            try (PackagedRegistry s3Registry = PackagedRegistry.start(env, "-Xmx96m", "-XX:+UseSerialGC").awaitReady()) {
                assertThat(allAtOnce(i -> upload(s3Registry, 20L << 20, i))).containsOnly("201");
                assertThat(s3Registry.output()).doesNotContain("OutOfMemoryError", "OutOfDirectMemoryError");
            }
        } finally {
            PostgresTestDatabase.drop(s3Database);
        }
    }

    @Test
    void manyLargeManifestsAtOnce() throws Exception {
        StringBuilder layers = new StringBuilder();
        for (int i = 0; i < 20_500; i++) {
            layers.append(i == 0 ? "" : ",").append("{\"mediaType\":\"").append(MediaTypes.OCI_LAYER).append("\",\"digest\":\"")
                    .append(Blobs.sha256("layer " + i)).append("\",\"size\":").append(i).append('}');
        }
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
                + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + Blobs.sha256("{}") + "\",\"size\":2},\"layers\":[" + layers + "]}";
        assertThat(manifest.length()).isGreaterThan(3_000_000);
        // every layer is missing: read, parsed and checked in full, then refused
        assertThat(allAtOnce(i -> send(HttpRequest.newBuilder(registry.uri().resolve("/v2/" + repo + "/manifests/m" + i))
                .header("Content-Type", MediaTypes.OCI_MANIFEST).PUT(HttpRequest.BodyPublishers.ofString(manifest)))))
                .containsOnly("400 MANIFEST_BLOB_UNKNOWN");
        assertThat(registry.output()).doesNotContain("OutOfMemoryError", "OutOfDirectMemoryError");
    }

    private interface Call {
        String run(int client) throws Exception;
    }

    private static List<String> allAtOnce(Call call) throws Exception {
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            int client = i;
            answers.add(clients.submit((Callable<String>) () -> call.run(client)));
        }
        List<String> results = new ArrayList<>();
        for (Future<String> answer : answers) {
            results.add(answer.get(3, TimeUnit.MINUTES));
        }
        return results;
    }

    /** POST, one streamed PATCH of the whole body, PUT with its digest; "201", or what failed. */
    private String upload(PackagedRegistry target, long size, long seed) throws Exception {
        HttpResponse<String> started = http.send(request(target, "/v2/" + repo + "/blobs/uploads/").POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            return "POST " + started.statusCode() + " " + started.body();
        }
        String location = started.headers().firstValue("Location").orElseThrow();
        GeneratedBody body = new GeneratedBody(size, seed);
        HttpResponse<String> patched = http.send(request(target, location).method("PATCH",
                HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), size)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (patched.statusCode() != 202) {
            return "PATCH " + patched.statusCode() + " " + patched.body();
        }
        HttpResponse<String> done = http.send(request(target, location + "?digest=" + body.digest()).PUT(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        return done.statusCode() == 201 ? "201" : "PUT " + done.statusCode() + " " + done.body();
    }

    private String send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.timeout(TIMEOUT).header("Authorization", auth).build(),
                HttpResponse.BodyHandlers.ofString());
        String code = response.body().replaceAll("(?s).*?\"code\":\"([A-Z_]+)\".*", "$1");
        return response.statusCode() + " " + code;
    }

    private HttpRequest.Builder request(PackagedRegistry target, String path) {
        URI uri = target.uri().resolve(path);
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Authorization", auth);
    }
}
