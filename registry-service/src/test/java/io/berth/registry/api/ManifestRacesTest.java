package io.berth.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.common.media.MediaTypes;
import io.berth.registry.testing.Blobs;
import io.berth.registry.testing.RegistryClient;
import io.berth.registry.testing.RegistryTestResource;
import io.berth.registry.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Manifest pushes racing deletes of what they record or reference: each side either wins or is told
 * why it lost in the protocol's terms, never a 5xx, and what is left is consistent.
 */
@QuarkusTest
@QuarkusTestResource(RegistryTestResource.class)
class ManifestRacesTest {
    private static final int ROUNDS = 15;
    private final RegistryClient client = new RegistryClient(Blobs.repository("library"));
    private final String repo = client.repository();
    private final ExecutorService pool = Executors.newFixedThreadPool(9);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void pushesOfAManifestRacingItsDeletionEachSucceedOrComeAfterIt() throws Exception {
        String json = client.pushImage("base", "raced layer");
        String digest = Blobs.sha256(json);
        for (int round = 0; round < ROUNDS; round++) {
            client.putManifest("base", MediaTypes.OCI_MANIFEST, json).then().statusCode(201);
            List<Callable<Integer>> calls = new ArrayList<>();
            calls.add(() -> client.request().delete("/v2/" + repo + "/manifests/" + digest).statusCode());
            for (int i = 0; i < 8; i++) {
                String tag = "t" + round + "-" + i;
                calls.add(() -> client.putManifest(tag, MediaTypes.OCI_MANIFEST, json).statusCode());
            }
            List<Integer> statuses = together(calls);
            assertThat(statuses.get(0)).as("delete").isIn(202, 404);
            assertThat(statuses.subList(1, statuses.size())).as("pushes").containsOnly(201);
            for (int i = 0; i < 8; i++) {
                int tagged = client.request().get("/v2/" + repo + "/manifests/t" + round + "-" + i).statusCode();
                assertThat(tagged).as("a tag either points at the manifest or went with it").isIn(200, 404);
            }
        }
    }

    @Test
    void indexPushesRacingTheDeletionOfAChildEitherKeepTheChildOrAreRefused() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String kept = client.pushImage("kept" + round, "kept layer " + round);
            String doomed = client.pushImage("doomed" + round, "doomed layer " + round);
            String index = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
                    + RegistryClient.descriptorOf(MediaTypes.OCI_MANIFEST, kept) + ","
                    + RegistryClient.descriptorOf(MediaTypes.OCI_MANIFEST, doomed) + "]}";
            List<Callable<Integer>> calls = new ArrayList<>();
            calls.add(() -> client.request().delete("/v2/" + repo + "/manifests/" + Blobs.sha256(doomed)).statusCode());
            for (int i = 0; i < 6; i++) {
                String tag = "idx" + round + "-" + i;
                calls.add(() -> client.putManifest(tag, MediaTypes.OCI_INDEX, index).statusCode());
            }
            List<Integer> statuses = together(calls);
            List<Integer> pushes = statuses.subList(1, statuses.size());
            assertThat(statuses.get(0)).as("delete").isIn(202, 409);
            assertThat(pushes).as("pushes").allMatch(s -> s == 201 || s == 400);
            int child = client.request().get("/v2/" + repo + "/manifests/" + Blobs.sha256(doomed)).statusCode();
            if (pushes.contains(201)) {
                assertThat(statuses.get(0)).as("a recorded index keeps its child").isEqualTo(409);
                assertThat(child).isEqualTo(200);
            } else {
                assertThat(statuses.get(0)).isEqualTo(202);
                assertThat(child).isEqualTo(404);
            }
        }
    }

    @Test
    void ofConcurrentDeletesOfOneTagOrManifestOneSucceedsAndTheOthersFindNothing() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String json = client.pushImage("gone" + round, "deleted layer " + round);
            client.putManifest("also" + round, MediaTypes.OCI_MANIFEST, json).then().statusCode(201);
            for (String reference : List.of("gone" + round, Blobs.sha256(json))) {
                List<Callable<Integer>> calls = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    calls.add(() -> client.request().delete("/v2/" + repo + "/manifests/" + reference).statusCode());
                }
                List<Integer> statuses = together(calls);
                // each 202 wrote a delete event: one thing deleted, one event
                assertThat(statuses).as(reference).containsOnlyOnce(202).containsOnly(202, 404);
            }
        }
    }

    @Test
    void pushesMountingTheSameBlobsFromElsewhereDoNotDeadlock() throws Exception {
        // Two manifests share two layers that only another project's repository holds; each push mounts
        // them. In the order of a hash map, which differed with the manifests' sizes, two pushes locked
        // the layers' usage rows crosswise and PostgreSQL cancelled one of them.
        for (int round = 0; round < ROUNDS; round++) {
            String source = Blobs.repository("source");
            RegistryClient holder = new RegistryClient(source);
            List<String> shared = List.of("shared a " + round, "shared b " + round);
            String small = holder.imageManifest(MediaTypes.OCI_MANIFEST, "{\"round\":" + round + "}", shared, null, null);
            List<String> many = new ArrayList<>(shared);
            for (int i = 0; i < 30; i++) {
                many.add("own layer " + round + "-" + i);
            }
            String big = holder.imageManifest(MediaTypes.OCI_MANIFEST, "{\"big\":" + round + "}", many, null, null);
            List<Callable<Integer>> calls = new ArrayList<>();
            for (String json : List.of(small, big)) {
                String target = Blobs.repository("target");
                RegistryClient pusher = new RegistryClient(target, Tokens.bearer(Map.of(target, "pull,push", source, "pull")));
                calls.add(() -> pusher.putManifest("v1", MediaTypes.OCI_MANIFEST, json).statusCode());
            }
            assertThat(together(calls)).containsOnly(201);
        }
    }

    private List<Integer> together(List<Callable<Integer>> calls) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> running = new ArrayList<>();
        for (Callable<Integer> call : calls) {
            running.add(pool.submit(() -> {
                start.await();
                return call.call();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : running) {
            statuses.add(f.get());
        }
        return statuses;
    }
}
