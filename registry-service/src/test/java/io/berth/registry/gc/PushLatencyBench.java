package io.berth.registry.gc;

import io.berth.common.media.MediaTypes;
import io.berth.registry.testing.Blobs;
import io.berth.registry.testing.RegistryClient;
import io.berth.registry.testing.RegistryTestResource;
import io.berth.registry.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Not a test (surefire's default includes leave it out): the latency of the push requests whose transactions the GC
 * locks changed (a new blob's monolithic POST, the same blob again, a blob HEAD, a manifest PUT), p50 and p90 over
 * 3 × 300 sequential pushes after a warm-up, printed as {@code PUSHBENCH} lines. Run it on two commits to compare:
 * {@code mvn -pl jvm-opens/deployment,registry-service -am test-compile surefire:test@default-test -Dtest=PushLatencyBench}.
 * Tests never assert on wall-clock time; this only prints.
 */
@QuarkusTest
@QuarkusTestResource(RegistryTestResource.class)
class PushLatencyBench {
    @Test
    void measure() {
        String repo = "bench" + System.nanoTime() + "/app";
        RegistryClient client = new RegistryClient(repo, Tokens.pushPull(repo));
        run(client, 150, false);
        for (int i = 0; i < 3; i++) {
            run(client, 300, true);
        }
    }

    private void run(RegistryClient client, int n, boolean print) {
        List<Long> blob = new ArrayList<>(), manifest = new ArrayList<>(), head = new ArrayList<>(), again = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] layer = Blobs.random(4096, System.nanoTime());
            String digest = Blobs.sha256(layer);
            long t0 = System.nanoTime();
            client.request().queryParam("digest", digest).contentType("application/octet-stream").body(layer)
                    .post("/v2/" + client.repository() + "/blobs/uploads/").then().statusCode(201);
            long t1 = System.nanoTime();
            client.request().queryParam("digest", digest).contentType("application/octet-stream").body(layer)
                    .post("/v2/" + client.repository() + "/blobs/uploads/").then().statusCode(201);
            long t2 = System.nanoTime();
            client.request().head("/v2/" + client.repository() + "/blobs/" + digest).then().statusCode(200);
            long t3 = System.nanoTime();
            String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
                    + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + digest + "\",\"size\":4096},\"layers\":[{\"mediaType\":\""
                    + MediaTypes.OCI_LAYER + "\",\"digest\":\"" + digest + "\",\"size\":4096}]}";
            client.putManifest("t" + i, MediaTypes.OCI_MANIFEST, json).then().statusCode(201);
            long t4 = System.nanoTime();
            blob.add(t1 - t0);
            again.add(t2 - t1);
            head.add(t3 - t2);
            manifest.add(t4 - t3);
        }
        if (print) {
            System.out.printf("PUSHBENCH blob POST (new) %s | blob POST (existing) %s | blob HEAD %s | manifest PUT %s%n",
                    q(blob), q(again), q(head), q(manifest));
        }
    }

    private static String q(List<Long> nanos) {
        List<Long> s = new ArrayList<>(nanos);
        Collections.sort(s);
        return String.format("p50 %.2f ms p90 %.2f ms", s.get(s.size() / 2) / 1e6, s.get(s.size() * 9 / 10) / 1e6);
    }
}
