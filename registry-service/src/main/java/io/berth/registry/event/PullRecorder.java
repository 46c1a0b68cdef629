package io.berth.registry.event;

import io.agroal.api.AgroalDataSource;
import io.berth.common.event.RegistryEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Pull events and pull statistics, written in batches once a second rather than one transaction
 * per manifest GET: the hottest request a registry serves stays a single read. The price: a crash
 * loses at most the last second of pull events (pushes and deletes are transactional).
 * <p>
 * Pull events go straight to the Redis stream, not through the outbox: they change no metadata, so
 * there is no transaction for them to share, and an insert and a delete per pull is churn that
 * PostgreSQL must vacuum (where autovacuum lagged, 3 GB of dead outbox rows after one benchmark,
 * and twice the database CPU per pull). While Redis does not answer they wait in the outbox.
 */
@ApplicationScoped
public class PullRecorder {
    private static final Logger LOG = Logger.getLogger(PullRecorder.class);
    private static final int MAX_PENDING = 200_000;
    private static final int BATCH = 5_000;

    private record Pull(RegistryEvent event, long repositoryId) {}

    private record ManifestKey(long repositoryId, String digest) {}

    private final ConcurrentLinkedQueue<Pull> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AgroalDataSource dataSource;
    private final Outbox outbox;
    private final EventStream stream;
    private final OutboxRelay relay;

    PullRecorder(AgroalDataSource dataSource, Outbox outbox, EventStream stream, OutboxRelay relay) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.stream = stream;
        this.relay = relay;
    }

    public void record(RegistryEvent event, long repositoryId) {
        if (count.incrementAndGet() > MAX_PENDING) {
            count.decrementAndGet();
            return; // the database is far behind; statistics are best-effort, pulls are not slowed down
        }
        pending.add(new Pull(event, repositoryId));
    }

    /** Writes what is pending, in batches; what arrives meanwhile waits for the next second. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flush() {
        for (int left = count.get(); left > 0;) {
            List<Pull> batch = new ArrayList<>();
            for (Pull p; batch.size() < BATCH && (p = pending.poll()) != null;) {
                batch.add(p);
            }
            if (batch.isEmpty()) {
                return;
            }
            count.addAndGet(-batch.size());
            left -= batch.size();
            write(batch);
        }
    }

    private void write(List<Pull> batch) {
        List<EventStream.Entry> entries = new ArrayList<>(batch.size());
        for (Pull p : batch) {
            entries.add(new EventStream.Entry(p.event().type().name(), outbox.serialize(p.event())));
        }
        boolean streamed = streamed(entries);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement stats = c.prepareStatement("UPDATE registry.manifest SET pull_count = pull_count + ?, "
                    + "pulled_at = greatest(coalesce(pulled_at, ?), ?) WHERE repository_id = ? AND digest = ?")) {
                if (!streamed) {
                    outbox.addAll(c, entries);
                }
                Map<ManifestKey, List<Pull>> byManifest = new HashMap<>();
                for (Pull p : batch) {
                    byManifest.computeIfAbsent(new ManifestKey(p.repositoryId(), p.event().digest()), k -> new ArrayList<>()).add(p);
                }
                for (var e : byManifest.entrySet()) {
                    Timestamp last = Timestamp.from(e.getValue().get(e.getValue().size() - 1).event().occurredAt());
                    stats.setLong(1, e.getValue().size());
                    stats.setTimestamp(2, last);
                    stats.setTimestamp(3, last);
                    stats.setLong(4, e.getKey().repositoryId());
                    stats.setString(5, e.getKey().digest());
                    stats.addBatch();
                }
                stats.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            LOG.warnf("could not record %d pulls%s: %s", batch.size(), streamed ? " (their events are on the stream)" : "",
                    e.getMessage());
        }
    }

    /** Whether Redis took the events; not tried while the relay finds Redis failing. */
    private boolean streamed(List<EventStream.Entry> entries) {
        if (relay.failing()) {
            return false;
        }
        try {
            stream.append(entries);
            return true;
        } catch (RuntimeException e) {
            // Some may be in the stream already and will come again from the outbox; events carry ids.
            LOG.debugf("pull events go through the outbox: %s", e.getMessage());
            return false;
        }
    }
}
