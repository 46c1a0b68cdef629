package io.berth.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.media.MediaTypes;
import io.berth.common.testing.Command;
import io.berth.common.testing.OciLayout;
import io.berth.common.testing.Skopeo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Garbage collection on the whole system as {@code ./berth up} starts it, through Harbor's API on the gateway: images
 * pushed with skopeo, some deleted (and a tag removed, leaving an untagged manifest), a dry run that frees nothing and
 * says what it would, then a real run while skopeo pushes images that share the layers being collected: afterwards
 * every push that was acknowledged copies back whole (skopeo checks each blob's digest), the image that was kept does
 * too, and the blobs only deleted artifacts used are gone from the storage directory. On the {@link SharedBerth}, the
 * first of its classes: what it collects and counts is all the registry holds.
 */
@Order(1)
@ExtendWith(SharedBerth.class)
class GcIT {
    static final String ADMIN = "admin:" + SharedBerth.ADMIN_PASSWORD;
    static final ObjectMapper JSON = new ObjectMapper();
    static final int LAYER = 60_000;
    static BerthSystem berth;
    static Path layout;
    static Path work;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void up(BerthSystem shared) throws Exception {
        berth = shared;
        work = Files.createTempDirectory("gc-it");
        layout = work.resolve("layout");
        OciLayout oci = new OciLayout(layout);
        oci.tag("keep", MediaTypes.OCI_MANIFEST, oci.image("amd64", 3, LAYER, 7));
        oci.tag("shares", MediaTypes.OCI_MANIFEST, oci.image("amd64", 2, LAYER, 7)); // its layers are keep's first two
        oci.tag("racing", MediaTypes.OCI_MANIFEST, oci.image("amd64", 2, LAYER, 8));
        oci.tag("garbage", MediaTypes.OCI_MANIFEST, oci.image("amd64", 2, LAYER, 10));
        oci.tag("untagged", MediaTypes.OCI_MANIFEST, oci.image("amd64", 1, LAYER, 11));
    }

    @AfterAll
    static void down() throws Exception {
        if (work != null) {
            Command.run("rm", "-rf", work.toString());
        }
    }

    @Test
    void deletedArtifactsAreCollectedWhilePushesGoOn() throws Exception {
        push("keep", "library/keep:v1");
        push("shares", "library/gone:shares");
        push("racing", "library/gone:racing");
        push("garbage", "library/gone:garbage");
        push("untagged", "library/gone:tmp");
        List<String> garbageBlobs = blobsOf(layout.resolve("index.json"), "garbage");
        assertThat(storedBlobs()).containsAll(garbageBlobs);
        for (String tag : List.of("shares", "racing", "garbage")) {
            HttpResponse<String> deleted = api("DELETE", "/api/v2.0/projects/library/repositories/gone/artifacts/" + tag, null);
            assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        }
        HttpResponse<String> untag = api("DELETE", "/api/v2.0/projects/library/repositories/gone/artifacts/tmp/tags/tmp", null);
        assertThat(untag.statusCode()).as(untag.body()).isEqualTo(200);
        List<String> before = storedBlobs();

        // a dry run deletes nothing and says what a run would
        JsonNode dry = run(Map.of("delete_untagged", true, "dry_run", true, "time_window", 0, "workers", 2));
        assertThat(dry.path("job_status").asText()).as(dry.toString()).isEqualTo("Success");
        assertThat(dry.path("report").path("blobs_deleted").asLong()).as(dry.toString()).isGreaterThanOrEqualTo(garbageBlobs.size());
        assertThat(dry.path("report").path("manifests_deleted").asLong()).as(dry.toString()).isEqualTo(1);
        assertThat(storedBlobs()).containsExactlyInAnyOrderElementsOf(before);

        // the real run, with skopeo pushing the layers of the deleted "racing" image again meanwhile
        AtomicBoolean pushing = new AtomicBoolean(true);
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        Thread pusher = new Thread(() -> {
            for (int n = 0; pushing.get() && n < 40; n++) {
                String reference = "library/during-" + n + ":v1";
                try {
                    if (!Skopeo.run("copy", "--dest-tls-verify=false", "--dest-creds", ADMIN, "oci:" + layout + ":racing",
                            "docker://" + berth.host() + "/" + reference).startsWith("FAILED")) {
                        acknowledged.add(reference);
                    }
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        });
        pusher.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> !acknowledged.isEmpty());
        JsonNode real = run(Map.of("delete_untagged", true, "time_window", 0, "workers", 3));
        pushing.set(false);
        pusher.join(120_000);
        assertThat(real.path("job_status").asText()).as(real.toString()).isEqualTo("Success");
        assertThat(real.path("report").path("manifests_deleted").asLong()).as(real.toString()).isEqualTo(1);
        assertThat(real.path("report").path("bytes_freed").asLong()).as(real.toString()).isGreaterThan(2L * LAYER);
        String log = api("GET", "/api/v2.0/system/gc/" + real.path("id").asLong() + "/log", null).body();
        assertThat(log).contains("deleted blob sha256:").contains("deleted manifest library/gone@sha256:");

        assertThat(storedBlobs()).doesNotContainAnyElementsOf(garbageBlobs);
        List<String> pulled = new ArrayList<>(acknowledged);
        pulled.add("library/keep:v1");
        for (String reference : pulled) {
            Path copy = work.resolve("copy-" + reference.replaceAll("[/:]", "-"));
            String out = Skopeo.run("copy", "--src-tls-verify=false", "--src-creds", ADMIN, "docker://" + berth.host() + "/" + reference,
                    "oci:" + copy + ":x");
            assertThat(out).as(reference + " was acknowledged, so it pulls back whole").doesNotStartWith("FAILED");
        }
    }

    /** Starts a garbage collection through Harbor's API and waits for its end; its GCHistory. */
    JsonNode run(Map<String, Object> parameters) throws Exception {
        HttpResponse<String> started = api("POST", "/api/v2.0/system/gc/schedule", Map.of("schedule", Map.of("type", "Manual"),
                "parameters", parameters));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String location = started.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            String status = JSON.readTree(api("GET", "/api/v2.0/system/gc/" + id, null).body()).path("job_status").asText();
            return !status.equals("Pending") && !status.equals("Running");
        });
        return JSON.readTree(api("GET", "/api/v2.0/system/gc/" + id, null).body());
    }

    static void push(String tag, String reference) throws Exception {
        assertThat(Skopeo.run("copy", "--dest-tls-verify=false", "--dest-creds", ADMIN, "oci:" + layout + ":" + tag,
                "docker://" + berth.host() + "/" + reference)).doesNotStartWith("FAILED");
    }

    /** The digests (hex) of the config and layers of the image tagged {@code tag} in the layout. */
    static List<String> blobsOf(Path index, String tag) throws IOException {
        for (JsonNode m : JSON.readTree(index.toFile()).path("manifests")) {
            if (tag.equals(m.path("annotations").path("org.opencontainers.image.ref.name").asText())) {
                JsonNode manifest = JSON.readTree(layout.resolve("blobs/sha256/" + m.path("digest").asText().substring(7)).toFile());
                List<String> blobs = new ArrayList<>(List.of(manifest.path("config").path("digest").asText().substring(7)));
                manifest.path("layers").forEach(l -> blobs.add(l.path("digest").asText().substring(7)));
                return blobs;
            }
        }
        throw new IllegalArgumentException("no " + tag + " in " + index);
    }

    /** The hex digests of the blobs in the storage directory (uploads in progress left out). */
    static List<String> storedBlobs() throws IOException {
        Path root = berth.dataDir.resolve("storage");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(root::relativize).map(Path::toString)
                    .filter(p -> !p.startsWith("_uploads")).flatMap(p -> Stream.of(p.split("/"))).filter(s -> s.matches("[0-9a-f]{64}"))
                    .distinct().toList();
        }
    }

    HttpResponse<String> api(String method, String path, Object body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(berth.url() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(ADMIN.getBytes()))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
