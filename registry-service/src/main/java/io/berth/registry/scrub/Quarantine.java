package io.berth.registry.scrub;

import io.agroal.api.AgroalDataSource;
import io.berth.common.digest.Digest;
import io.berth.common.event.RegistryEvent;
import io.berth.common.scrub.ScrubFinding;
import io.berth.registry.event.Outbox;
import io.berth.registry.storage.StorageDriver;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Quarantines a blob a scrub found wrong, in one transaction: its row locked {@code FOR UPDATE SKIP LOCKED} (an upload
 * of the digest holds it {@code FOR KEY SHARE} while it places fresh bytes: then the blob is busy, left for the next
 * run), its bytes checked again under the lock (an upload that repaired it since the first read is not undone), then
 * marked, and one {@code BLOB_QUARANTINED} event per repository that links it written to the outbox. The lock keeps
 * uploads and links of that digest waiting for the second read only, which happens only for a blob found wrong.
 */
@ApplicationScoped
public class Quarantine {
    /** What marking found: the finding (null if the blob is right after all, or gone), or busy. */
    record Outcome(ScrubFinding finding, boolean busy) {}

    private final AgroalDataSource dataSource;
    private final StorageDriver storage;
    private final Outbox outbox;

    Quarantine(AgroalDataSource dataSource, StorageDriver storage, Outbox outbox) {
        this.dataSource = dataSource;
        this.storage = storage;
        this.outbox = outbox;
    }

    Outcome mark(long runId, Digest digest) throws SQLException, IOException, InterruptedException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Outcome outcome = mark(c, runId, digest);
                c.commit();
                return outcome;
            } catch (SQLException | IOException | InterruptedException | RuntimeException e) {
                c.rollback();
                if (e instanceof SQLException sql && ("55P03".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState()))) {
                    return new Outcome(null, true);
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private Outcome mark(Connection c, long runId, Digest digest) throws SQLException, IOException, InterruptedException {
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL lock_timeout = '2s'");
        }
        Long size = null;
        boolean exists;
        try (PreparedStatement st = c.prepareStatement("SELECT size FROM registry.blob WHERE digest = ? AND quarantined_at IS NULL "
                + "FOR UPDATE SKIP LOCKED")) {
            st.setString(1, digest.toString());
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    size = rs.getLong(1);
                }
            }
        }
        if (size == null) {
            try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM registry.blob WHERE digest = ? AND quarantined_at IS NULL")) {
                st.setString(1, digest.toString());
                try (ResultSet rs = st.executeQuery()) {
                    exists = rs.next();
                }
            }
            return new Outcome(null, exists); // held by a push: busy; gone or quarantined already: nothing to do
        }
        BlobCheck.Result again = BlobCheck.check(storage, digest, size, null);
        if (again.problem() == null) {
            return new Outcome(null, false);
        }
        String reason = again.problem() + " (scrub " + runId + ")";
        try (PreparedStatement st = c.prepareStatement("UPDATE registry.blob SET quarantined_at = now(), quarantine_reason = ? WHERE digest = ?")) {
            st.setString(1, reason);
            st.setString(2, digest.toString());
            st.executeUpdate();
        }
        List<String[]> holders = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT r.name, r.project FROM registry.repository_blob rb "
                + "JOIN registry.repository r ON r.id = rb.repository_id WHERE rb.digest = ? ORDER BY r.name")) {
            st.setString(1, digest.toString());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    holders.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        if (holders.isEmpty()) {
            holders.add(new String[] {"", null});
        }
        Instant now = Instant.now();
        List<String> repositories = new ArrayList<>();
        for (String[] holder : holders) {
            outbox.add(c, new RegistryEvent(UUID.randomUUID().toString(), RegistryEvent.Type.BLOB_QUARANTINED, holder[0], holder[1],
                    digest.toString(), List.of(), null, size, "scrub", now, "scrub-" + runId));
            if (!holder[0].isEmpty()) {
                repositories.add(holder[0]);
            }
        }
        return new Outcome(new ScrubFinding(digest.toString(), size, reason, repositories), false);
    }
}
