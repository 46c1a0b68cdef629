package io.berth.registry.event;

import io.agroal.api.AgroalDataSource;
import io.berth.common.event.RegistryEvent;
import io.berth.service.db.SchemaMigrator;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Moves events from the outbox table to the Redis stream {@link RegistryEvent#STREAM}, oldest
 * first. Rows are locked with SKIP LOCKED, so replicas share the work; a row is deleted only after
 * Redis took it, so a Redis outage delays events and loses none (they may be delivered twice).
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;

    private final AgroalDataSource dataSource;
    private final EventStream stream;
    private final SchemaMigrator schema;
    private volatile boolean failing;

    OutboxRelay(AgroalDataSource dataSource, EventStream stream, SchemaMigrator schema) {
        this.dataSource = dataSource;
        this.stream = stream;
        this.schema = schema;
    }

    /** Whether the last attempt to reach Redis failed: events then wait in the outbox. */
    boolean failing() {
        return failing;
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relay() {
        if (!schema.done()) {
            return;
        }
        try {
            while (relayBatch() == BATCH) {
                // keep going while the outbox is full
            }
            if (failing) {
                LOG.info("event relay to Redis works again");
                failing = false;
            }
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                LOG.warnf("events wait in the outbox: %s", e.getMessage());
                failing = true;
            }
        }
    }

    /** Relays one batch; returns how many events it moved. */
    int relayBatch() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT id, type, payload::text FROM registry.outbox ORDER BY id LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED")) {
                List<Long> ids = new ArrayList<>();
                List<EventStream.Entry> entries = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                        entries.add(new EventStream.Entry(rs.getString(2), rs.getString(3)));
                    }
                }
                stream.append(entries);
                if (!ids.isEmpty()) {
                    try (PreparedStatement delete = c.prepareStatement("DELETE FROM registry.outbox WHERE id = ANY(?)")) {
                        Array array = c.createArrayOf("bigint", ids.toArray());
                        delete.setArray(1, array);
                        delete.executeUpdate();
                    }
                }
                c.commit();
                return ids.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
