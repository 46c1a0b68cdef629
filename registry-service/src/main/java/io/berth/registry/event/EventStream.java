package io.berth.registry.event;

import io.berth.common.event.RegistryEvent;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Appends events to the Redis stream {@link RegistryEvent#STREAM}, hundreds in one round trip
 * (pipelined), trimmed to about its last {@value #LENGTH} entries.
 */
@ApplicationScoped
public class EventStream {
    static final long LENGTH = 1_000_000;
    /** Commands per round trip: each waits for its reply in the client, which holds 2,048 at most. */
    private static final int ROUND_TRIP = 500;

    /** An event as it goes into the stream: its type and its JSON. */
    record Entry(String type, String json) {}

    private final RedisDataSource redis;
    private final Duration timeout;

    EventStream(RedisDataSource redis, @ConfigProperty(name = "quarkus.redis.timeout", defaultValue = "10s") Duration timeout) {
        this.redis = redis;
        this.timeout = timeout;
    }

    /** Appends the entries in order; throws when Redis did not acknowledge them all (some may be in). */
    void append(List<Entry> entries) {
        for (int from = 0; from < entries.size(); from += ROUND_TRIP) {
            List<Request> requests = new ArrayList<>();
            for (Entry e : entries.subList(from, Math.min(entries.size(), from + ROUND_TRIP))) {
                requests.add(Request.cmd(Command.XADD).arg(RegistryEvent.STREAM).arg("MAXLEN").arg("~").arg(LENGTH).arg("*")
                        .arg("type").arg(e.type()).arg("event").arg(e.json()));
            }
            redis.getReactive().getRedis().batch(requests).await().atMost(timeout);
        }
    }
}
