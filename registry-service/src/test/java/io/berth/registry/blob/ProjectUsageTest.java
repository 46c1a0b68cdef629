package io.berth.registry.blob;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.registry.testing.Blobs;
import io.berth.registry.testing.RegistryClient;
import io.berth.registry.testing.RegistryTestResource;
import io.berth.registry.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A project's usage (what quotas sum) counts each blob its repositories link once, and only while
 * one of them links it: it follows links and unlinks, also when they race.
 */
@QuarkusTest
@QuarkusTestResource(RegistryTestResource.class)
class ProjectUsageTest {
    @Inject
    Pool db;

    private final String project = "usage" + UUID.randomUUID().toString().substring(0, 8);
    private final String first = project + "/one";
    private final String second = project + "/two";
    private final RegistryClient client = new RegistryClient(first, Tokens.bearer(Map.of(first, "pull,push,delete", second, "pull,push,delete")));
    private final RegistryClient other = new RegistryClient(second, Tokens.bearer(Map.of(first, "pull,push,delete", second, "pull,push,delete")));

    @Test
    void aBlobCountsOnceWhileAnyRepositoryOfTheProjectLinksIt() {
        byte[] layer = Blobs.random(100_000, 1);
        String digest = client.pushBlob(layer);
        other.request().queryParam("mount", digest).queryParam("from", first).post("/v2/" + second + "/blobs/uploads/").then().statusCode(201);
        assertThat(usage()).isEqualTo(100_000);
        client.request().delete("/v2/" + first + "/blobs/" + digest).then().statusCode(202);
        assertThat(usage()).as("still linked in the other repository").isEqualTo(100_000);
        other.request().delete("/v2/" + second + "/blobs/" + digest).then().statusCode(202);
        assertThat(usage()).as("linked nowhere in the project").isZero();
        other.request().delete("/v2/" + second + "/blobs/" + digest).then().statusCode(404);
        client.pushBlob(layer);
        assertThat(usage()).isEqualTo(100_000);
    }

    @Test
    void unlinksRacingLinksLeaveTheUsageOfWhatIsLinked() {
        byte[] layer = Blobs.random(50_000, 2);
        String digest = client.pushBlob(layer);
        for (int round = 0; round < 20; round++) {
            // the blob moves from one repository to the other: one link goes as the other comes
            RegistryClient from = round % 2 == 0 ? client : other;
            RegistryClient to = round % 2 == 0 ? other : client;
            CompletableFuture<Integer> unlink = CompletableFuture.supplyAsync(() ->
                    from.request().delete("/v2/" + from.repository() + "/blobs/" + digest).statusCode());
            CompletableFuture<Integer> link = CompletableFuture.supplyAsync(() -> to.request().queryParam("mount", digest)
                    .queryParam("from", from.repository()).post("/v2/" + to.repository() + "/blobs/uploads/").statusCode());
            assertThat(unlink.join()).isEqualTo(202);
            assertThat(link.join()).isIn(201, 202);
            if (link.join() == 202) {
                to.pushBlob(layer); // the mount came after the unlink: upload it instead
            }
            assertThat(usage()).as("round " + round).isEqualTo(truth()).isEqualTo(50_000);
        }
    }

    private long usage() {
        return single("SELECT coalesce(sum(size), 0) FROM registry.project_blob WHERE project = $1");
    }

    private long truth() {
        return single("SELECT coalesce(sum(b.size), 0) FROM registry.blob b WHERE b.digest IN (SELECT rb.digest "
                + "FROM registry.repository_blob rb JOIN registry.repository r ON r.id = rb.repository_id WHERE r.project = $1)");
    }

    private long single(String sql) {
        List<Long> values = new ArrayList<>();
        db.preparedQuery(sql).execute(Tuple.of(project)).toCompletionStage().toCompletableFuture().join()
                .forEach(row -> values.add(row.getLong(0)));
        return values.get(0);
    }
}
