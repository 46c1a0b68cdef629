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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Moves events from the outbox table to the Redis stream {@link RegistryEvent#STREAM}, oldest
 * first. Rows are locked with SKIP LOCKED, so replicas share the work; a row is marked relayed only
 * after Redis took it, so a Redis outage delays events and loses none (they may be delivered twice).
 * <p>
 * Relayed rows are kept for {@link #RETENTION}: when the stream is lost before consumers read it (Redis
 * restarted empty, was flushed, or came back from an older snapshot), the relay sees it, the stream
 * missing or its last id before the last one written here, and sends those events again. Consumers
 * deduplicate by event id. (Pull events go to the stream directly, and are not sent again.)
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;
    static final Duration RETENTION = Duration.ofHours(24);

    private final AgroalDataSource dataSource;
    private final EventStream stream;
    private final SchemaMigrator schema;
    private volatile boolean failing;
    /** The stream id of the last event this relay wrote, to see the stream go back in time. */
    private volatile String lastWritten;
    private long nextPurge;

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
            replayIfTheStreamWasLost();
            while (relayBatch() == BATCH) {
                // keep going while the outbox is full
            }
            purgeOld();
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

    /**
     * Sends again the events relayed within {@link #RETENTION} when the stream is gone (while events were relayed
     * to it) or went back before the last one this relay wrote.
     */
    void replayIfTheStreamWasLost() throws SQLException {
        String last = stream.lastGeneratedId();
        String written = lastWritten;
        boolean lost = last == null ? anyRelayed() : written != null && EventStream.before(last, written);
        if (!lost) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement replay = c.prepareStatement(
                "UPDATE registry.outbox SET relayed_at = NULL WHERE relayed_at IS NOT NULL")) {
            int n = replay.executeUpdate();
            lastWritten = null;
            LOG.warnf("the event stream %s was lost (Redis restarted empty, flushed or rolled back): sending its last %d events "
                    + "again", RegistryEvent.STREAM, n);
        }
    }

    private boolean anyRelayed() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement any = c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM registry.outbox WHERE relayed_at IS NOT NULL)"); ResultSet rs = any.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** Deletes relayed rows older than {@link #RETENTION}, once a minute. */
    private void purgeOld() throws SQLException {
        long now = System.nanoTime();
        if (now - nextPurge < 0) {
            return;
        }
        nextPurge = now + Duration.ofMinutes(1).toNanos();
        try (Connection c = dataSource.getConnection(); PreparedStatement purge = c.prepareStatement(
                "DELETE FROM registry.outbox WHERE relayed_at < now() - make_interval(secs => ?)")) {
            purge.setDouble(1, RETENTION.toSeconds());
            purge.executeUpdate();
        }
    }

    /** Relays one batch; returns how many events it moved. */
    int relayBatch() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT id, type, payload::text FROM registry.outbox WHERE relayed_at IS NULL ORDER BY id LIMIT " + BATCH
                            + " FOR UPDATE SKIP LOCKED")) {
                List<Long> ids = new ArrayList<>();
                List<EventStream.Entry> entries = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                        entries.add(new EventStream.Entry(rs.getString(2), rs.getString(3)));
                    }
                }
                String last = stream.append(entries);
                if (!ids.isEmpty()) {
                    try (PreparedStatement relayed = c.prepareStatement("UPDATE registry.outbox SET relayed_at = now() WHERE id = ANY(?)")) {
                        Array array = c.createArrayOf("bigint", ids.toArray());
                        relayed.setArray(1, array);
                        relayed.executeUpdate();
                    }
                }
                c.commit();
                if (last != null) {
                    lastWritten = last;
                }
                return ids.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
