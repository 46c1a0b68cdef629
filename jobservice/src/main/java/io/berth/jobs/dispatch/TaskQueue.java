package io.berth.jobs.dispatch;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);

    private final RedisDataSource redis;
    private final StreamCommands<String, String, String> streams;

    TaskQueue(RedisDataSource redis) {
        this.redis = redis;
        this.streams = redis.stream(String.class, String.class, String.class);
    }

    static String stream(String kind) {
        return "berth:jobs:" + kind;
    }

    /** Puts these due tasks on their kinds' streams, in one round trip. */
    public void publish(List<TaskStore.Due> due) {
        if (due.isEmpty()) {
            return;
        }
        // messages are read without acknowledgement (NOACK) and the database keeps the truth: the stream needs no long memory
        List<Request> requests = new ArrayList<>();
        for (TaskStore.Due d : due) {
            requests.add(Request.cmd(Command.XADD).arg(stream(d.kind())).arg("MAXLEN").arg("~").arg(MAX_LENGTH).arg("*")
                    .arg("task").arg(Long.toString(d.id())));
        }
        redis.getReactive().getRedis().batch(requests).await().atMost(PUBLISH_TIMEOUT);
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

    /**
     * The next message for {@code consumer}, waiting up to {@code block}; read without acknowledgement (NOACK: no
     * pending entry to ack). A message lost on its way (a worker killed before claiming its task) costs a delay only:
     * the task is still Pending in the database and is dispatched again after the visibility timeout.
     */
    public Optional<Message> next(String kind, String consumer, Duration block) {
        List<StreamMessage<String, String, String>> messages;
        try {
            messages = streams.xreadgroup(GROUP, consumer, stream(kind), ">", new XReadGroupArgs().count(1).block(block).noack());
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

}
