package io.berth.jobs.dispatch;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Redis stream of each job kind ({@code berth:jobs:<KIND>}), read by the consumer group
 * {@code jobservice}: it only says which task is due. A message is acknowledged as soon as its
 * task is claimed in the database, which is what owns the task from then on.
 */
@ApplicationScoped
public class TaskQueue {
    static final String GROUP = "jobservice";
    static final long MAX_LENGTH = 100_000;

    private final StreamCommands<String, String, String> streams;

    TaskQueue(RedisDataSource redis) {
        this.streams = redis.stream(String.class, String.class, String.class);
    }

    static String stream(String kind) {
        return "berth:jobs:" + kind;
    }

    public void publish(String kind, long taskId) {
        // messages are acknowledged at once and the database keeps the truth: the stream needs no long memory
        streams.xadd(stream(kind), new XAddArgs().maxlen(MAX_LENGTH).nearlyExactTrimming(), Map.of("task", Long.toString(taskId)));
    }

    /** Creates the stream and its group if missing (after a Redis flush, too). */
    public void ensureGroup(String kind) {
        try {
            streams.xgroupCreate(stream(kind), GROUP, "0", new io.quarkus.redis.datasource.stream.XGroupCreateArgs().mkstream());
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("BUSYGROUP")) {
                throw e;
            }
        }
    }

    public record Message(String id, long taskId) {}

    /** The next message for {@code consumer}, waiting up to {@code block}. */
    public Optional<Message> next(String kind, String consumer, Duration block) {
        List<StreamMessage<String, String, String>> messages;
        try {
            messages = streams.xreadgroup(GROUP, consumer, stream(kind), ">", new XReadGroupArgs().count(1).block(block));
        } catch (RuntimeException e) {
            if (e.getMessage() != null && e.getMessage().contains("NOGROUP")) {
                ensureGroup(kind);
                return Optional.empty();
            }
            throw e;
        }
        if (messages == null || messages.isEmpty()) {
            return Optional.empty();
        }
        StreamMessage<String, String, String> m = messages.get(0);
        return Optional.of(new Message(m.id(), Long.parseLong(m.payload().get("task"))));
    }

    public void ack(String kind, String messageId) {
        streams.xack(stream(kind), GROUP, messageId);
    }
}
