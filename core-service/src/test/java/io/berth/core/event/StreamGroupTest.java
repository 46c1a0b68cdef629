package io.berth.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.core.testing.CoreTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** What a consumer group reads of its stream (the real Redis): the entries of the types it wants, each acknowledged. */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class StreamGroupTest {
    @Inject
    RedisDataSource redis;

    /** A group that wants {@code PUSH} entries, and records what it decoded and handled. */
    static class PushGroup extends StreamGroup<String> {
        final List<String> decoded = new CopyOnWriteArrayList<>();
        final List<String> handled = new CopyOnWriteArrayList<>();

        PushGroup(RedisDataSource redis, String stream) {
            super(redis, stream, "test", false);
        }

        @Override
        protected String decode(String payload) {
            decoded.add(payload);
            if (!payload.startsWith("{")) {
                throw new IllegalArgumentException("not an event: " + payload);
            }
            return payload;
        }

        @Override
        protected void handle(List<String> events) {
            handled.addAll(events);
        }

        @Override
        protected Predicate<String> wanted() {
            return "PUSH"::equals;
        }
    }

    @Test
    void entriesOfOtherTypesAreAcknowledgedWithoutBeingDecoded() {
        String stream = "berth:test:" + UUID.randomUUID();
        var streams = redis.stream(String.class);
        streams.xadd(stream, Map.of("type", "PUSH", "event", "{\"n\":1}"));
        for (int i = 0; i < 2_500; i++) { // more than one batch of unwanted entries, one unreadable
            streams.xadd(stream, Map.of("type", "PULL", "event", i == 7 ? "not json at all" : "{\"pull\":" + i + "}"));
        }
        streams.xadd(stream, Map.of("event", "{\"n\":2}")); // no type field (older writers): always handled
        streams.xadd(stream, Map.of("type", "PUSH", "event", "{\"n\":3}"));
        PushGroup group = new PushGroup(redis, stream);
        group.startReading();
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(group.handled)
                    .containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}"));
            assertThat(group.decoded).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
            await().atMost(Duration.ofSeconds(10)).until(() -> streams.xpending(stream, "test").getPendingCount() == 0);
        } finally {
            group.stopReading();
            redis.key().del(stream);
        }
    }
}
