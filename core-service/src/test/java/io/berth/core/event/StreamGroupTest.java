package io.berth.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.core.testing.CoreTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    static Request entry(String stream, String type, String event) {
        return Request.cmd(Command.XADD).arg(stream).arg("*").arg("type").arg(type).arg("event").arg(event);
    }

    @Test
    void entriesOfOtherTypesAreAcknowledgedWithoutBeingDecoded() {
        String stream = "berth:test:" + UUID.randomUUID();
        var streams = redis.stream(String.class);
        List<Request> entries = new ArrayList<>(); // in one round trip, as registry-service writes them
        entries.add(entry(stream, "PUSH", "{\"n\":1}"));
        for (int i = 0; i < 1_200; i++) { // more than one batch of unwanted entries, one unreadable
            entries.add(entry(stream, "PULL", i == 7 ? "not json at all" : "{\"pull\":" + i + "}"));
        }
        entries.add(Request.cmd(Command.XADD).arg(stream).arg("*").arg("event").arg("{\"n\":2}")); // no type field: handled
        entries.add(entry(stream, "PUSH", "{\"n\":3}"));
        redis.getReactive().getRedis().batch(entries).await().atMost(Duration.ofSeconds(30));
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
