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
 */
@ApplicationScoped
public class PullRecorder {
    private static final Logger LOG = Logger.getLogger(PullRecorder.class);
    private static final int MAX_PENDING = 200_000;

    private record Pull(RegistryEvent event, long repositoryId) {}

    private record ManifestKey(long repositoryId, String digest) {}

    private final ConcurrentLinkedQueue<Pull> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AgroalDataSource dataSource;
    private final Outbox outbox;

    PullRecorder(AgroalDataSource dataSource, Outbox outbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
    }

    public void record(RegistryEvent event, long repositoryId) {
        if (count.incrementAndGet() > MAX_PENDING) {
            count.decrementAndGet();
            return; // the database is far behind; statistics are best-effort, pulls are not slowed down
        }
        pending.add(new Pull(event, repositoryId));
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flush() {
        List<Pull> batch = new ArrayList<>();
        for (Pull p; batch.size() < 5_000 && (p = pending.poll()) != null;) {
            batch.add(p);
        }
        if (batch.isEmpty()) {
            return;
        }
        count.addAndGet(-batch.size());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement events = c.prepareStatement("INSERT INTO registry.outbox (type, payload) VALUES (?, ?::jsonb)");
                    PreparedStatement stats = c.prepareStatement("UPDATE registry.manifest SET pull_count = pull_count + ?, "
                            + "pulled_at = greatest(coalesce(pulled_at, ?), ?) WHERE repository_id = ? AND digest = ?")) {
                Map<ManifestKey, List<Pull>> byManifest = new HashMap<>();
                for (Pull p : batch) {
                    events.setString(1, p.event().type().name());
                    events.setString(2, outbox.serialize(p.event()));
                    events.addBatch();
                    byManifest.computeIfAbsent(new ManifestKey(p.repositoryId(), p.event().digest()), k -> new ArrayList<>()).add(p);
                }
                events.executeBatch();
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
            LOG.warnf("could not record %d pull events: %s", batch.size(), e.getMessage());
        }
    }
}
