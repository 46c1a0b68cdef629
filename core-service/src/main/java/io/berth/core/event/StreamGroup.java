package io.berth.core.event;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * A consumer group on a Redis event stream: replicas of core share the group, each event is handled by one of them and
 * acknowledged once handled; what a consumer read but never acknowledged (it died) is claimed by another after a
 * minute. Handlers must therefore tolerate an event twice. {@link RegistryEventGroups} starts and stops every group.
 * <p>
 * An entry whose {@code type} field names a type the group does not want ({@link #wanted}) is acknowledged with its
 * batch without its body being parsed: on a busy registry most entries are pulls, which most groups ignore.
 *
 * @param <E> the events of the stream, decoded from its entries' {@code event} field
 */
public abstract class StreamGroup<E> {
    private static final Logger LOG = Logger.getLogger(StreamGroup.class);
    /** Entries read at once: a busy registry writes thousands of pull events a second. */
    static final int BATCH = 1000;

    private final RedisDataSource redis;
    private final String stream;
    private final String group;
    private final String firstEvent;
    private final String consumer = "core-" + ManagementFactory.getRuntimeMXBean().getName();
    private volatile boolean running = true;
    private Thread worker;

    /**
     * @param fromNow when the group is first created, start with the events that come after (for a
     *     consumer with nothing to do about the past); afterwards it goes on where it stopped
     */
    protected StreamGroup(RedisDataSource redis, String stream, String group, boolean fromNow) {
        this.redis = redis;
        this.stream = stream;
        this.group = group;
        this.firstEvent = fromNow ? "$" : "0";
    }

    /** The event an entry's {@code event} field holds; {@link IllegalArgumentException} if it is not one. */
    protected abstract E decode(String payload);

    /** Handles a batch of events; throwing leaves them unacknowledged, to be handled again. */
    protected abstract void handle(List<E> events);

    /**
     * Which entries of the next batch to decode and handle, by their {@code type} field (entries without one are
     * always handled); asked once per batch. All of them unless a group says otherwise.
     */
    protected Predicate<String> wanted() {
        return type -> true;
    }

    void startReading() {
        redis.stream(String.class); // creates the Redis client here, not concurrently with Quarkus's own start-up
        worker = new Thread(this::run, "events-" + group);
        worker.setDaemon(true);
        worker.start();
    }

    void stopReading() {
        running = false;
        if (worker != null) {
            worker.interrupt();
        }
    }

    private void run() {
        boolean warned = false;
        while (running) {
            try {
                ensureGroup();
                var streams = redis.stream(String.class);
                // first what this consumer (or a dead one) read but never acknowledged, then new events
                handleAndAck(streams.xautoclaim(stream, group, consumer, Duration.ofMinutes(1), "0", 100).getMessages());
                handleAndAck(streams.xreadgroup(group, consumer, stream, ">",
                        new XReadGroupArgs().count(BATCH).block(Duration.ofSeconds(2))));
                warned = false;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!warned) {
                    LOG.warnf("events of %s for %s wait in Redis: %s", stream, group, e.getMessage());
                    warned = true;
                }
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void ensureGroup() {
        try {
            redis.stream(String.class).xgroupCreate(stream, group, firstEvent, new XGroupCreateArgs().mkstream());
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("BUSYGROUP")) {
                throw e;
            }
        }
    }

    private void handleAndAck(List<StreamMessage<String, String, String>> messages) {
        if (messages == null || messages.isEmpty()) {
            return;
        }
        List<E> events = new ArrayList<>();
        Predicate<String> wanted = wanted();
        for (StreamMessage<String, String, String> m : messages) {
            String payload = m.payload().get("event");
            String type = m.payload().get("type");
            if (payload == null || type != null && !wanted.test(type)) {
                continue;
            }
            try {
                events.add(decode(payload));
            } catch (IllegalArgumentException e) {
                // acknowledged with the batch: an entry no consumer can read would otherwise come back forever
                LOG.warnf("skipping stream entry %s of %s: %s", m.id(), stream, e.getMessage());
            }
        }
        handle(events);
        redis.stream(String.class).xack(stream, group, messages.stream().map(StreamMessage::id).toArray(String[]::new));
    }
}
