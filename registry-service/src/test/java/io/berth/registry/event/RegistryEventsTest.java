package io.berth.registry.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.common.event.RegistryEvent;
import io.berth.registry.testing.Blobs;
import io.berth.registry.testing.RegistryClient;
import io.berth.registry.testing.RegistryTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Push, pull and delete each reach the Redis stream as an event (pushes and deletes through the outbox). */
@QuarkusTest
@QuarkusTestResource(RegistryTestResource.class)
class RegistryEventsTest {
    @Inject
    RedisDataSource redis;

    @Inject
    PullRecorder pulls;

    private final RegistryClient client = new RegistryClient(Blobs.repository("events"));

    private List<JsonObject> eventsOf(String repository) {
        List<StreamMessage<String, String, String>> messages = redis.stream(String.class)
                .xrevrange(RegistryEvent.STREAM, StreamRange.of("+", "-"), 5000);
        return messages.stream().map(m -> new JsonObject(m.payload().get("event")))
                .filter(e -> repository.equals(e.getString("repository"))).toList();
    }

    @Test
    void pushPullAndDeleteAreRelayedWithTheirDetails() {
        String json = client.pushImage("v1", "event layer");
        String digest = Blobs.sha256(json);
        client.request().get("/v2/" + client.repository() + "/manifests/v1").then().statusCode(200);
        client.request().head("/v2/" + client.repository() + "/manifests/v1").then().statusCode(200);
        client.request().delete("/v2/" + client.repository() + "/manifests/" + digest).then().statusCode(202);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<JsonObject> events = eventsOf(client.repository());
            assertThat(events).extracting(e -> e.getString("type"))
                    .containsExactlyInAnyOrder("PUSH_ARTIFACT", "PULL_ARTIFACT", "DELETE_ARTIFACT");
            for (JsonObject e : events) {
                assertThat(e.getString("digest")).isEqualTo(digest);
                assertThat(e.getString("project")).isEqualTo("events");
                assertThat(e.getString("actor")).isEqualTo("tester");
                assertThat(e.getString("mediaType")).isEqualTo("application/vnd.oci.image.manifest.v1+json");
                assertThat(e.getString("requestId")).isNotBlank();
                assertThat(e.getLong("size")).isGreaterThan(json.length());
            }
            JsonObject push = events.stream().filter(e -> e.getString("type").equals("PUSH_ARTIFACT")).findFirst().orElseThrow();
            assertThat(push.getJsonArray("tags").getList()).containsExactly("v1");
            JsonObject delete = events.stream().filter(e -> e.getString("type").equals("DELETE_ARTIFACT")).findFirst().orElseThrow();
            assertThat(delete.getJsonArray("tags").getList()).containsExactly("v1");
        });
    }

    @Test
    void aBurstOfPullsReachesTheStreamInSecondsAndWhole() {
        // Pull events used to go through the outbox, at most 5,000 a second: a registry pulled from
        // faster fell behind, and once 200,000 were waiting it dropped the rest.
        String repository = Blobs.repository("burst");
        int count = 30_000;
        for (int i = 0; i < count; i++) {
            pulls.record(new RegistryEvent(java.util.UUID.randomUUID().toString(), RegistryEvent.Type.PULL_ARTIFACT,
                    repository, "burst", "sha256:" + "e".repeat(64), List.of("v1"), "application/vnd.oci.image.manifest.v1+json",
                    1, "tester", java.time.Instant.now(), repository + "#" + i), -1);
        }
        // Recorded in order and appended in order: the last one in means every one before it is in.
        String last = "\"requestId\":\"" + repository + "#" + (count - 1) + "\"";
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250)).until(() ->
                redis.stream(String.class).xrevrange(RegistryEvent.STREAM, StreamRange.of("+", "-"), 100).stream()
                        .anyMatch(m -> m.payload().get("event").contains(last)));
        String mine = "\"repository\":\"" + repository + "\"";
        assertThat(redis.stream(String.class).xrevrange(RegistryEvent.STREAM, StreamRange.of("+", "-"), count + 1000).stream()
                .filter(m -> m.payload().get("event").contains(mine)).count()).isEqualTo(count);
    }

    @Test
    void eventsRelayedToAStreamThatIsLostAreSentAgain() {
        // as when Redis restarts empty or is flushed before core read them (the stream key gone)
        RegistryClient lost = new RegistryClient(Blobs.repository("events"));
        lost.pushImage("v1", "layer of a lost event");
        await().atMost(Duration.ofSeconds(15)).until(() -> eventsOf(lost.repository()).size() == 1);
        String id = eventsOf(lost.repository()).get(0).getString("id");
        redis.key().del(RegistryEvent.STREAM);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(eventsOf(lost.repository())).extracting(e -> e.getString("id")).containsExactly(id));
    }

    @Test
    void streamIdsCompareByTimeThenSequence() {
        assertThat(EventStream.before("1700000000000-5", "1700000000001-0")).isTrue();
        assertThat(EventStream.before("1700000000000-5", "1700000000000-12")).isTrue();
        assertThat(EventStream.before("1700000000000-12", "1700000000000-5")).isFalse();
        assertThat(EventStream.before("9-0", "9-0")).isFalse();
    }
}
