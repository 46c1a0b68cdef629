package io.berth.registry.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.registry.testing.Blobs;
import io.berth.registry.testing.GeneratedBody;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many uploads at once into a registry with a small heap all succeed: what they hold in memory is
 * bounded for all of them together ({@link BodyBudget}), not only for each. Before that bound, sixteen
 * uploads (up to 9 MiB in flight each) ran a 128 MiB heap out of memory and their connections were reset.
 */
class ConcurrentUploadsIT {
    private static final int UPLOADS = 24;
    private static final long SIZE = 48L << 20;
    /** Until the answer's head: a registry out of memory may never answer. */
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @Test
    void manyUploadsAtOnceFitInASmallHeap() throws Exception {
        String database = PostgresTestDatabase.create();
        Path storage = Files.createTempDirectory("concurrent-uploads");
        ExecutorService clients = Executors.newFixedThreadPool(UPLOADS);
        try (PackagedRegistry registry = PackagedRegistry.start(PackagedRegistry.environment(database, storage),
                "-Xmx96m", "-XX:+UseSerialGC").awaitReady()) {
            String repo = Blobs.repository("library");
            String auth = Tokens.pushPull(repo);
            List<Future<String>> uploads = new ArrayList<>();
            for (int i = 0; i < UPLOADS; i++) {
                long seed = i;
                uploads.add(clients.submit(() -> upload(registry.uri(), repo, auth, seed)));
            }
            for (Future<String> upload : uploads) {
                assertThat(upload.get(3, TimeUnit.MINUTES)).as(registry::output).isEqualTo("201");
            }
            assertThat(registry.output()).doesNotContain("OutOfMemoryError");
        } finally {
            clients.shutdownNow();
            PostgresTestDatabase.drop(database);
            new ProcessBuilder("rm", "-rf", storage.toString()).start().waitFor();
        }
    }

    /** POST, one streamed PATCH of the whole body, PUT with its digest; returns the PUT's status (or what failed). */
    private static String upload(URI registry, String repo, String auth, long seed) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(registry.resolve("/v2/" + repo + "/blobs/uploads/"))
                .timeout(TIMEOUT).header("Authorization", auth).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            return "POST " + started.statusCode() + " " + started.body();
        }
        String location = started.headers().firstValue("Location").orElseThrow();
        GeneratedBody body = new GeneratedBody(SIZE, seed);
        HttpResponse<String> patched = http.send(HttpRequest.newBuilder(registry.resolve(location)).timeout(TIMEOUT).header("Authorization", auth)
                .method("PATCH", HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), SIZE))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (patched.statusCode() != 202) {
            return "PATCH " + patched.statusCode() + " " + patched.body();
        }
        HttpResponse<String> done = http.send(HttpRequest.newBuilder(registry.resolve(location + "?digest=" + body.digest()))
                .timeout(TIMEOUT).header("Authorization", auth).PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        return done.statusCode() == 201 ? "201" : "PUT " + done.statusCode() + " " + done.body();
    }
}
