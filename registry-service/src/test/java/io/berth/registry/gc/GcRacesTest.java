package io.berth.registry.gc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.berth.common.media.MediaTypes;
import io.berth.registry.storage.StorageDriver;
import io.berth.registry.testing.Blobs;
import io.berth.registry.testing.RegistryClient;
import io.berth.registry.testing.RegistryTestResource;
import io.berth.registry.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Pushes and GC at once, with time_window 0 (everything not in use is garbage at once) and delete_untagged: threads
 * upload layers from a small shared pool (monolithic, chunked, streamed PUT), mount them across repositories, push
 * image manifests, indexes and referrers under tags of their own, push untagged manifests and delete tags, while
 * another thread runs full GC cycles. A push may be refused (time_window 0 re-opens the HEAD-then-PUT window; the
 * client retries), but never answered 5xx, and afterwards every tag acknowledged and not deleted pulls back with every
 * digest verified, and the invariants between rows and bytes hold. A longer soak: bench/gc-soak.sh.
 */
@QuarkusTest
@QuarkusTestResource(RegistryTestResource.class)
class GcRacesTest {
    static final int PUSHERS = Integer.getInteger("gc.races.pushers", 6);
    static final int ROUNDS = Integer.getInteger("gc.races.rounds", 40);

    @Inject
    AgroalDataSource dataSource;
    @Inject
    StorageDriver storage;
    @Inject
    ObjectMapper json;

    private final String project = "gcraces" + Long.toHexString(System.nanoTime());
    private final List<String> repos = List.of(project + "/a", project + "/b", project + "/c");
    private final String token = Tokens.pushPull(repos.toArray(String[]::new));
    private final List<String> layers = new ArrayList<>();
    private final Queue<String> serverErrors = new ConcurrentLinkedQueue<>();
    private final AtomicInteger refused = new AtomicInteger();

    record Pushed(String repo, String tag, String digest) {}

    @Test
    void everyAcknowledgedTagSurvivesGcCyclesRunningAmongPushes() throws Exception {
        for (int i = 0; i < 10; i++) {
            layers.add("shared layer " + i + " of " + project + " " + "x".repeat(2000 * i));
        }
        List<Pushed> acknowledged = new CopyOnWriteArrayList<>();
        AtomicBoolean pushing = new AtomicBoolean(true);
        AtomicInteger cycles = new AtomicInteger();
        List<String> gcFailures = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(PUSHERS + 1);
        Future<?> gc = pool.submit(() -> {
            GcClient client = new GcClient(json);
            while (pushing.get()) {
                gcFailures.addAll(client.run(0, true, false).failures());
                cycles.incrementAndGet();
            }
            return null;
        });
        List<Future<?>> pushers = new ArrayList<>();
        for (int t = 0; t < PUSHERS; t++) {
            int thread = t;
            pushers.add(pool.submit(() -> {
                push(thread, acknowledged);
                return null;
            }));
        }
        for (Future<?> p : pushers) {
            p.get();
        }
        pushing.set(false);
        gc.get();
        new GcClient(json).run(0, true, false);
        pool.shutdown();

        System.out.printf("GcRacesTest: %d pushers x %d rounds, %d GC cycles, %d tags acknowledged, %d pushes refused and retried%n",
                PUSHERS, ROUNDS, cycles.get(), acknowledged.size(), refused.get());
        assertThat(serverErrors).isEmpty();
        assertThat(gcFailures).isEmpty();
        assertThat(cycles.get()).as("GC cycles run among the pushes").isGreaterThan(1);
        assertThat(acknowledged).hasSizeGreaterThan(PUSHERS);
        for (Pushed p : acknowledged) {
            verifyPull(p);
        }
        assertThat(GcInvariants.violations(dataSource, storage, project)).isEmpty();
    }

    private void push(int thread, List<Pushed> acknowledged) throws Exception {
        Random random = new Random(thread);
        List<Pushed> mine = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String repo = repos.get(random.nextInt(repos.size()));
            RegistryClient client = new RegistryClient(repo, token);
            int op = random.nextInt(10);
            if (op < 5) {
                pushImage(client, random, "t" + thread + "-" + round, acknowledged, mine);
            } else if (op == 5) {
                pushImage(client, random, null, acknowledged, mine); // untagged: garbage for the next cycle
            } else if (op == 6 && !mine.isEmpty()) {
                Pushed child = mine.get(random.nextInt(mine.size()));
                String body = client.request().get("/v2/" + child.repo() + "/manifests/" + child.digest()).asString();
                String index = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
                        + RegistryClient.descriptorOf(MediaTypes.OCI_MANIFEST, body) + "]}";
                RegistryClient owner = new RegistryClient(child.repo(), token);
                acknowledge(owner, "i" + thread + "-" + round, MediaTypes.OCI_INDEX, index, acknowledged, null);
            } else if (op == 7 && !mine.isEmpty()) {
                Pushed subject = mine.get(random.nextInt(mine.size()));
                RegistryClient owner = new RegistryClient(subject.repo(), token);
                String body = owner.request().get("/v2/" + subject.repo() + "/manifests/" + subject.digest()).asString();
                for (int attempt = 0; attempt < 5; attempt++) {
                    String referrer = manifest(owner, random, "{}", "application/vnd.example.sig",
                            RegistryClient.descriptorOf(MediaTypes.OCI_MANIFEST, body));
                    if (check(owner.putManifest(Blobs.sha256(referrer), MediaTypes.OCI_MANIFEST, referrer)) == 201) {
                        break;
                    }
                }
            } else if (op == 8 && !mine.isEmpty()) {
                Pushed gone = mine.remove(random.nextInt(mine.size()));
                acknowledged.remove(gone);
                check(new RegistryClient(gone.repo(), token).request().delete("/v2/" + gone.repo() + "/manifests/" + gone.tag()));
            } else {
                String layer = layers.get(random.nextInt(layers.size()));
                String from = repos.get(random.nextInt(repos.size()));
                check(client.request().queryParam("mount", Blobs.sha256(layer)).queryParam("from", from)
                        .post("/v2/" + repo + "/blobs/uploads/"));
            }
        }
    }

    private void pushImage(RegistryClient client, Random random, String tag, List<Pushed> acknowledged, List<Pushed> mine) {
        for (int attempt = 0; attempt < 5; attempt++) {
            String json = manifest(client, random, "{\"n\":" + random.nextInt(1000) + "}", null, null);
            String reference = tag != null ? tag : Blobs.sha256(json);
            int status = check(client.putManifest(reference, MediaTypes.OCI_MANIFEST, json));
            if (status == 201) {
                if (tag != null) {
                    Pushed p = new Pushed(client.repository(), tag, Blobs.sha256(json));
                    acknowledged.add(p);
                    mine.add(p);
                }
                return;
            }
            assertThat(status).as("a refused push is MANIFEST_BLOB_UNKNOWN").isEqualTo(400);
            refused.incrementAndGet();
        }
    }

    private void acknowledge(RegistryClient client, String tag, String mediaType, String body, List<Pushed> acknowledged,
            List<Pushed> mine) {
        if (check(client.putManifest(tag, mediaType, body)) == 201) {
            acknowledged.add(new Pushed(client.repository(), tag, Blobs.sha256(body)));
        }
    }

    /** Uploads a config and two layers of the pool in a random way (or mounts them), and returns a manifest of them. */
    private String manifest(RegistryClient client, Random random, String config, String artifactType, String subject) {
        List<String> chosen = List.of(layers.get(random.nextInt(layers.size())), layers.get(random.nextInt(layers.size())));
        StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\"");
        if (artifactType != null) {
            json.append(",\"artifactType\":\"").append(artifactType).append('"');
        }
        json.append(",\"config\":").append(upload(client, random, config, artifactType != null ? MediaTypes.OCI_EMPTY : MediaTypes.OCI_CONFIG));
        json.append(",\"layers\":[").append(upload(client, random, chosen.get(0), MediaTypes.OCI_LAYER)).append(',')
                .append(upload(client, random, chosen.get(1), MediaTypes.OCI_LAYER)).append(']');
        if (subject != null) {
            json.append(",\"subject\":").append(subject);
        }
        return json.append('}').toString();
    }

    private String upload(RegistryClient client, Random random, String content, String mediaType) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String digest = Blobs.sha256(bytes);
        String uploads = "/v2/" + client.repository() + "/blobs/uploads/";
        switch (random.nextInt(4)) {
            case 0 -> check(client.request().queryParam("digest", digest).contentType("application/octet-stream").body(bytes).post(uploads));
            case 1 -> {
                String location = client.request().post(uploads).header("Location");
                check(client.request().header("Content-Range", "0-" + (bytes.length - 1)).contentType("application/octet-stream")
                        .body(bytes).patch(location));
                check(client.request().queryParam("digest", digest).put(location));
            }
            case 2 -> {
                String location = client.request().post(uploads).header("Location");
                check(client.request().queryParam("digest", digest).contentType("application/octet-stream").body(bytes).put(location));
            }
            default -> {
                Response mount = client.request().queryParam("mount", digest).post(uploads);
                if (check(mount) == 202) {
                    check(client.request().queryParam("digest", digest).contentType("application/octet-stream").body(bytes)
                            .put(mount.header("Location")));
                }
            }
        }
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + bytes.length + "}";
    }

    private int check(Response response) {
        if (response.statusCode() >= 500) {
            serverErrors.add(response.statusCode() + " " + response.asString());
        }
        return response.statusCode();
    }

    private void verifyPull(Pushed p) throws Exception {
        RegistryClient client = new RegistryClient(p.repo(), token);
        Response manifest = client.request().header("Accept", MediaTypes.OCI_MANIFEST + "," + MediaTypes.OCI_INDEX)
                .get("/v2/" + p.repo() + "/manifests/" + p.tag());
        assertThat(manifest.statusCode()).as(p.toString()).isEqualTo(200);
        assertThat(Blobs.sha256(manifest.asByteArray())).as(p.toString()).isEqualTo(p.digest());
        verifyContent(client, p.repo(), json.readTree(manifest.asByteArray()));
    }

    private void verifyContent(RegistryClient client, String repo, JsonNode manifest) throws Exception {
        List<JsonNode> blobs = new ArrayList<>();
        if (manifest.has("config")) {
            blobs.add(manifest.get("config"));
        }
        manifest.path("layers").forEach(blobs::add);
        for (JsonNode blob : blobs) {
            String digest = blob.get("digest").asText();
            byte[] content = client.request().get("/v2/" + repo + "/blobs/" + digest).then().statusCode(200).extract().asByteArray();
            assertThat(Blobs.sha256(content)).as(repo + " blob " + digest).isEqualTo(digest);
        }
        for (JsonNode child : manifest.path("manifests")) {
            String digest = child.get("digest").asText();
            byte[] content = client.request().get("/v2/" + repo + "/manifests/" + digest).then().statusCode(200).extract().asByteArray();
            assertThat(Blobs.sha256(content)).isEqualTo(digest);
            verifyContent(client, repo, json.readTree(content));
        }
    }
}
