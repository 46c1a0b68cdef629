package io.berth.core.audit;

import io.agroal.api.AgroalDataSource;
import io.berth.core.event.RegistryEventGroup;
import io.quarkus.redis.datasource.RedisDataSource;
import io.berth.common.event.RegistryEvent;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Turns registry events (push, pull, delete) into audit log lines, in the consumer group
 * {@code core-audit}: one multi-row INSERT per batch read from the stream (up to a thousand pulls in one statement),
 * not one per event. Events carry an id, so a redelivered one is written once. Quota events
 * ({@code QUOTA_WARNING}, {@code QUOTA_EXCEED}) and a scrub's quarantine are not operations on an artifact: as in
 * Harbor, they are not audited (they are for notifications), and their bodies are not even read.
 */
@Singleton
public class RegistryEventConsumer extends RegistryEventGroup {
    private static final String INSERT = "INSERT INTO core.audit_log (event_id, username, project, resource, resource_type, operation, "
            + "op_time) SELECT e, u, p, r, 'artifact', o, t::timestamptz FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], "
            + "?::text[], ?::text[]) AS line(e, u, p, r, o, t) ON CONFLICT (event_id) DO NOTHING";

    private final AgroalDataSource db;

    RegistryEventConsumer(RedisDataSource redis, AgroalDataSource db) {
        super(redis, "core-audit", false, EnumSet.of(RegistryEvent.Type.PUSH_ARTIFACT, RegistryEvent.Type.DELETE_ARTIFACT,
                RegistryEvent.Type.PULL_ARTIFACT));
        this.db = db;
    }

    @Override
    protected void handle(List<RegistryEvent> events) {
        List<String> ids = new ArrayList<>();
        List<String> users = new ArrayList<>();
        List<String> projects = new ArrayList<>();
        List<String> resources = new ArrayList<>();
        List<String> operations = new ArrayList<>();
        List<String> times = new ArrayList<>();
        for (RegistryEvent e : events) {
            String operation = operation(e.type());
            if (operation == null) {
                continue;
            }
            ids.add(e.id());
            users.add(e.actor() == null ? "" : e.actor());
            projects.add(e.project());
            resources.add(resource(e));
            operations.add(operation);
            times.add((e.occurredAt() == null ? Instant.now() : e.occurredAt()).toString()); // ISO-8601, UTC
        }
        if (ids.isEmpty()) {
            return;
        }
        try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            insert.setArray(1, c.createArrayOf("text", ids.toArray()));
            insert.setArray(2, c.createArrayOf("text", users.toArray()));
            insert.setArray(3, c.createArrayOf("text", projects.toArray()));
            insert.setArray(4, c.createArrayOf("text", resources.toArray()));
            insert.setArray(5, c.createArrayOf("text", operations.toArray()));
            insert.setArray(6, c.createArrayOf("text", times.toArray()));
            insert.executeUpdate();
        } catch (SQLException e) {
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
