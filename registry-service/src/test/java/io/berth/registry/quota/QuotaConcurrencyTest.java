package io.berth.registry.quota;

import static io.berth.registry.quota.QuotaEnforcementTest.count;
import static io.berth.registry.quota.QuotaEnforcementTest.events;
import static io.berth.registry.quota.QuotaEnforcementTest.project;
import static io.berth.registry.quota.QuotaEnforcementTest.recount;
import static io.berth.registry.quota.QuotaEnforcementTest.used;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.common.event.RegistryEvent;
import io.berth.common.media.MediaTypes;
import io.berth.registry.testing.Blobs;
import io.berth.registry.testing.RegistryClient;
import io.berth.registry.testing.RegistryTestResource;
import io.berth.registry.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Quotas under concurrency: pushes racing for a project's last bytes never take it above its hard limit, and exactly
 * the pushes that fit succeed; pushes, mounts and deletes running together leave the usage equal to a recount from
 * scratch, and each crossing or refusal is one event.
 */
@QuarkusTest
@QuarkusTestResource(RegistryTestResource.class)
class QuotaConcurrencyTest {
    @Test
    void pushesRacingForTheLastBytesNeverExceedTheLimitAndExactlyThoseThatFitSucceed() throws Exception {
        String project = project("raceq", 10_500);
        String repo = project + "/app";
        RegistryClient client = new RegistryClient(repo);
        int pushers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(pushers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < pushers; i++) {
                byte[] blob = Blobs.random(1000, 100 + i);
                boolean chunked = i % 2 == 0;
                answers.add(pool.submit(() -> {
                    start.await();
                    String digest = Blobs.sha256(blob);
                    if (!chunked) {
                        return client.request().queryParam("digest", digest).contentType("application/octet-stream").body(blob)
                                .post("/v2/" + repo + "/blobs/uploads/").statusCode();
                    }
                    String location = client.request().post("/v2/" + repo + "/blobs/uploads/").then().statusCode(202).extract()
                            .header("Location");
                    client.request().contentType("application/octet-stream").body(blob).patch(location).then().statusCode(202);
                    return client.request().queryParam("digest", digest).put(location).statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
            assertThat(statuses).filteredOn(s -> s == 201).as("exactly the pushes that fit").hasSize(10);
            assertThat(statuses).filteredOn(s -> s == 403).hasSize(6);
        } finally {
            pool.shutdownNow();
        }
        assertThat(used(project)).isEqualTo(10_000).isEqualTo(recount(project));
        assertThat(events(project, RegistryEvent.Type.QUOTA_EXCEED)).isEqualTo(6);
        assertThat(events(project, RegistryEvent.Type.QUOTA_WARNING)).as("85 % is crossed once").isOne();
    }

    @Test
    void aHundredConcurrentPushesMountsAndDeletesLeaveTheUsageOfARecount() throws Exception {
        String project = project("churnq", 30_000);
        String first = project + "/one";
        String second = project + "/two";
        String token = Tokens.pushPull(first, second);
        RegistryClient one = new RegistryClient(first, token);
        RegistryClient two = new RegistryClient(second, token);
        List<byte[]> shared = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            shared.add(Blobs.random(4000, 200 + i));
        }
        Queue<String[]> pushed = new ConcurrentLinkedQueue<>(); // repository, manifest digest
        Queue<Integer> statuses = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int n = 0; n < 100; n++) {
                int i = n;
                RegistryClient client = i % 2 == 0 ? one : two;
                RegistryClient other = i % 2 == 0 ? two : one;
                byte[] layer = shared.get(i % shared.size());
                String digest = Blobs.sha256(layer);
                work.add(pool.submit(() -> {
                    switch (i % 5) {
                        case 0, 1 -> { // an image: a config of its own, a shared layer, a small layer of its own
                            statuses.add(upload(client, layer));
                            String config = "{\"os\":\"linux\",\"n\":" + i + "}";
                            String own = "own layer " + i;
                            statuses.add(upload(client, config.getBytes(StandardCharsets.UTF_8)));
                            statuses.add(upload(client, own.getBytes(StandardCharsets.UTF_8)));
                            String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":"
                                    + descriptor(MediaTypes.OCI_CONFIG, config.getBytes(StandardCharsets.UTF_8)) + ",\"layers\":["
                                    + descriptor(MediaTypes.OCI_LAYER, layer) + ","
                                    + descriptor(MediaTypes.OCI_LAYER, own.getBytes(StandardCharsets.UTF_8)) + "]}";
                            int status = client.putManifest("t" + i, MediaTypes.OCI_MANIFEST, json).statusCode();
                            statuses.add(status);
                            if (status == 201) {
                                pushed.add(new String[] {client.repository(), Blobs.sha256(json)});
                            }
                        }
                        case 2 -> statuses.add(client.request().queryParam("mount", digest).queryParam("from", other.repository())
                                .post("/v2/" + client.repository() + "/blobs/uploads/").statusCode());
                        case 3 -> {
                            String[] victim = pushed.poll();
                            if (victim != null) {
                                statuses.add(RegistryClient.request(token).delete("/v2/" + victim[0] + "/manifests/" + victim[1]).statusCode());
                            }
                        }
                        default -> statuses.add(client.request().delete("/v2/" + client.repository() + "/blobs/" + digest).statusCode());
                    }
                    return null;
                }));
            }
            for (Future<?> w : work) {
                w.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        // 201 pushed, 202 mount fell back to an upload or deleted, 400 a manifest whose layer a delete unlinked, 403 refused, 404 gone
        assertThat(statuses).allMatch(s -> s == 201 || s == 202 || s == 400 || s == 403 || s == 404, "only expected answers: " + statuses);
        assertThat(statuses).as("the limit was reached").contains(403);
        assertThat(used(project)).isEqualTo(recount(project)).isLessThanOrEqualTo(30_000);
        assertThat(count("SELECT count(*) FROM registry.project_blob pb WHERE pb.project = ? AND NOT EXISTS (SELECT 1 "
                + "FROM registry.repository_blob rb JOIN registry.repository r ON r.id = rb.repository_id "
                + "WHERE r.project = pb.project AND rb.digest = pb.digest)", project)).as("usage rows without a link").isZero();
    }

    private static int upload(RegistryClient client, byte[] content) {
        return client.request().queryParam("digest", Blobs.sha256(content)).contentType("application/octet-stream").body(content)
                .post("/v2/" + client.repository() + "/blobs/uploads/").statusCode();
    }

    private static String descriptor(String mediaType, byte[] content) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + Blobs.sha256(content) + "\",\"size\":" + content.length + "}";
    }
}
