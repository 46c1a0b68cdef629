package io.berth.core.audit;

import io.agroal.api.AgroalDataSource;
import io.berth.common.event.RegistryEvent;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.json.JsonObject;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Turns registry events (push, pull, delete) into audit log lines. Replicas of core share the
 * consumer group {@code core-audit}: each event is handled by one of them, acknowledged once
 * written, and claimed by another replica if the one that read it died. Events carry an id, so a
 * redelivered one is written once.
 */
@ApplicationScoped
public class RegistryEventConsumer {
    private static final Logger LOG = Logger.getLogger(RegistryEventConsumer.class);
    static final String GROUP = "core-audit";

    private final RedisDataSource redis;
    private final AgroalDataSource db;
    private final String consumer = "core-" + ManagementFactory.getRuntimeMXBean().getName();
    private volatile boolean running = true;
    private Thread worker;

    RegistryEventConsumer(RedisDataSource redis, AgroalDataSource db) {
        this.redis = redis;
        this.db = db;
    }

    void start(@Observes @Priority(20) StartupEvent event) {
        redis.stream(String.class); // creates the Redis client here, not concurrently with Quarkus's own start-up
        worker = new Thread(this::run, "registry-event-consumer");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) {
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
                var stream = redis.stream(String.class);
                // first what this consumer (or a dead one) read but never acknowledged, then new events
                List<StreamMessage<String, String, String>> claimed = stream.xautoclaim(RegistryEvent.STREAM, GROUP, consumer,
                        Duration.ofMinutes(1), "0", 100).getMessages();
                handle(claimed);
                List<StreamMessage<String, String, String>> fresh = stream.xreadgroup(GROUP, consumer, RegistryEvent.STREAM, ">",
                        new XReadGroupArgs().count(200).block(Duration.ofSeconds(2)));
                handle(fresh);
                warned = false;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!warned) {
                    LOG.warnf("registry events wait in Redis: %s", e.getMessage());
                    warned = true;
                }
                sleep(2000);
            }
        }
    }

    private void ensureGroup() {
        try {
            redis.stream(String.class).xgroupCreate(RegistryEvent.STREAM, GROUP, "0", new XGroupCreateArgs().mkstream());
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("BUSYGROUP")) {
                throw e;
            }
        }
    }

    private void handle(List<StreamMessage<String, String, String>> messages) {
        if (messages == null || messages.isEmpty()) {
            return;
        }
        try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO core.audit_log (event_id, username, project, resource, resource_type, operation, op_time) "
                        + "VALUES (?, ?, ?, ?, 'artifact', ?, ?) ON CONFLICT (event_id) DO NOTHING")) {
            for (StreamMessage<String, String, String> m : messages) {
                String payload = m.payload().get("event");
                if (payload == null) {
                    continue;
                }
                JsonObject e = new JsonObject(payload);
                insert.setString(1, e.getString("id"));
                insert.setString(2, e.getString("actor", ""));
                insert.setString(3, e.getString("project"));
                insert.setString(4, resource(e));
                insert.setString(5, operation(e.getString("type")));
                insert.setTimestamp(6, Timestamp.from(Instant.parse(e.getString("occurredAt"))));
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot write audit log: " + e.getMessage(), e);
        }
        redis.stream(String.class).xack(RegistryEvent.STREAM, GROUP, messages.stream().map(StreamMessage::id).toArray(String[]::new));
    }

    /** {@code repository:tag} when a tag was involved, else {@code repository@digest}, as Harbor writes artifact resources. */
    private static String resource(JsonObject e) {
        var tags = e.getJsonArray("tags");
        return tags != null && !tags.isEmpty() ? e.getString("repository") + ":" + tags.getString(0)
                : e.getString("repository") + "@" + e.getString("digest");
    }

    private static String operation(String type) {
        return switch (type) {
            case "PUSH_ARTIFACT" -> "create";
            case "DELETE_ARTIFACT" -> "delete";
            default -> "pull";
        };
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
