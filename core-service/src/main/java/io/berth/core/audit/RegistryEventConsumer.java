package io.berth.core.audit;

import io.agroal.api.AgroalDataSource;
import io.berth.core.event.RegistryEventGroup;
import io.quarkus.redis.datasource.RedisDataSource;
import io.berth.common.event.RegistryEvent;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Turns registry events (push, pull, delete) into audit log lines, in the consumer group
 * {@code core-audit}. Events carry an id, so a redelivered one is written once. Quota events
 * ({@code QUOTA_WARNING}, {@code QUOTA_EXCEED}) and a scrub's quarantine are not operations on an artifact: as in
 * Harbor, they are not audited (they are for notifications).
 */
@Singleton
public class RegistryEventConsumer extends RegistryEventGroup {
    private final AgroalDataSource db;

    RegistryEventConsumer(RedisDataSource redis, AgroalDataSource db) {
        super(redis, "core-audit");
        this.db = db;
    }

    @Override
    protected void handle(List<RegistryEvent> events) {
        try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO core.audit_log (event_id, username, project, resource, resource_type, operation, op_time) "
                        + "VALUES (?, ?, ?, ?, 'artifact', ?, ?) ON CONFLICT (event_id) DO NOTHING")) {
            for (RegistryEvent e : events) {
                String operation = operation(e.type());
                if (operation == null) {
                    continue;
                }
                insert.setString(1, e.id());
                insert.setString(2, e.actor() == null ? "" : e.actor());
                insert.setString(3, e.project());
                insert.setString(4, resource(e));
                insert.setString(5, operation);
                insert.setTimestamp(6, Timestamp.from(e.occurredAt() == null ? Instant.now() : e.occurredAt()));
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot write audit log: " + e.getMessage(), e);
        }
    }

    /** {@code repository:tag} when a tag was involved, else {@code repository@digest}, as Harbor writes artifact resources. */
    private static String resource(RegistryEvent e) {
        return e.tags() != null && !e.tags().isEmpty() ? e.repository() + ":" + e.tags().get(0) : e.repository() + "@" + e.digest();
    }

    /** Harbor's audit operation of an event; null for one that is not an artifact operation (a scrub's quarantine). */
    private static String operation(RegistryEvent.Type type) {
        return switch (type) {
            case PUSH_ARTIFACT -> "create";
            case DELETE_ARTIFACT -> "delete";
            case PULL_ARTIFACT -> "pull";
            case QUOTA_WARNING, QUOTA_EXCEED, BLOB_QUARANTINED, TAG_RETENTION -> null;
        };
    }
}
