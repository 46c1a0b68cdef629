package io.berth.registry.event;

import io.berth.common.event.RegistryEvent;
import io.berth.common.event.RegistryEventCodec;
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

    /**
     * Appends the entries in order; throws when Redis did not acknowledge them all (some may be in). The
     * stream id of the last one, or null if there were none.
     */
    String append(List<Entry> entries) {
        String last = null;
        for (int from = 0; from < entries.size(); from += ROUND_TRIP) {
            List<Request> requests = new ArrayList<>();
            for (Entry e : entries.subList(from, Math.min(entries.size(), from + ROUND_TRIP))) {
                requests.add(Request.cmd(Command.XADD).arg(RegistryEvent.STREAM).arg("MAXLEN").arg("~").arg(LENGTH).arg("*")
                        .arg("type").arg(e.type()).arg(RegistryEventCodec.FIELD).arg(e.json()));
            }
            var replies = redis.getReactive().getRedis().batch(requests).await().atMost(timeout);
            if (!replies.isEmpty()) {
                last = replies.get(replies.size() - 1).toString();
            }
        }
        return last;
    }

    /**
     * The id the stream last gave an entry ({@code XINFO STREAM}'s last-generated-id), or null when there is no
     * stream: Redis restarted empty or was flushed.
     */
    String lastGeneratedId() {
        try {
            var info = redis.getReactive().getRedis().send(Request.cmd(Command.XINFO).arg("STREAM").arg(RegistryEvent.STREAM))
                    .await().atMost(timeout);
            return info.get("last-generated-id").toString();
        } catch (RuntimeException e) {
            if (String.valueOf(e.getMessage()).contains("no such key")) {
                return null;
            }
            throw e;
        }
    }

    /** Whether stream id {@code a} comes before {@code b} ({@code <ms>-<seq>}). */
    static boolean before(String a, String b) {
        long[] x = parts(a);
        long[] y = parts(b);
        return x[0] < y[0] || x[0] == y[0] && x[1] < y[1];
    }

    private static long[] parts(String id) {
        int dash = id.indexOf('-');
        return new long[] {Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1))};
    }
}
