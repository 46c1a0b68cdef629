package io.berth.registry.gc;

import io.agroal.api.AgroalDataSource;
import io.berth.common.digest.Digest;
import io.berth.common.gc.GcSweep;
import io.berth.common.gc.GcSwept;
import io.berth.common.gc.GcSwept.Orphan;
import io.berth.registry.storage.BlobPaths;
import io.berth.registry.storage.StorageDriver;
import io.berth.registry.storage.StoredObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The orphan sweep (docs/gc.md): stored objects that no row accounts for, left by a crash between placing bytes and
 * committing their row, or by a failed clean-up. It pages through a storage listing ({@link StorageDriver#listObjects},
 * never the whole listing at once) and keeps everything last modified after the run's cutoff.
 *
 * <p>Blob content ({@code blobs/<alg>/<xx>/<hex>/data}) is an orphan when it has no {@code blob} row. The sweep claims
 * each candidate digest the way an upload does, by inserting its row ({@code INSERT … ON CONFLICT DO NOTHING}) in a
 * transaction that it always rolls back: a row that exists, or an upload's uncommitted insert (waited for, then seen),
 * means the bytes are someone's and stay; a row inserted by the sweep means no upload holds the digest, and any upload
 * that comes waits on that row until the bytes are deleted, then finds none and places its own. Upload data
 * ({@code _uploads/<id>/…}) is an orphan when there is no {@code upload} row with that id (sessions are created before
 * their first byte, and an id never comes back).
 */
@ApplicationScoped
public class OrphanSweeper {
    private static final Logger LOG = Logger.getLogger(OrphanSweeper.class);
    /** The least grace a sweep accepts: modification times come from the storage's clock, the cutoff from PostgreSQL's. */
    static final Duration MIN_GRACE = Duration.ofHours(1);
    static final int MAX_PAGE = 1000;
    private static final int CLAIM_BATCH = 100;

    private final AgroalDataSource dataSource;
    private final StorageDriver storage;

    OrphanSweeper(AgroalDataSource dataSource, StorageDriver storage) {
        this.dataSource = dataSource;
        this.storage = storage;
    }

    public GcSwept sweep(GcSweep request) throws SQLException {
        String prefix = prefix(request);
        checkGrace(request);
        List<StoredObject> page = storage.listObjects(prefix, request.after(), request.limit());
        String next = page.size() < request.limit() ? null : page.get(page.size() - 1).path();
        Tally tally = new Tally();
        List<StoredObject> old = new ArrayList<>();
        for (StoredObject o : page) {
            if (o.modified().isBefore(request.cutoff())) {
                old.add(o);
            } else {
                tally.young++;
            }
        }
        if (GcSweep.BLOBS.equals(request.area())) {
            sweepBlobs(request, old, tally);
        } else {
            sweepUploads(request, old, tally);
        }
        if (!tally.deleted.isEmpty() || !tally.failures.isEmpty()) {
            LOG.infof("gc run %d: orphan sweep of %s %s %d object(s), %d bytes, %d failure(s)", request.runId(), prefix,
                    request.dryRun() ? "would delete" : "deleted", tally.deleted.size(), tally.bytes, tally.failures.size());
        }
        return new GcSwept(page.size(), tally.deleted, tally.young, tally.busy, tally.failures, tally.bytes, next);
    }

    private static String prefix(GcSweep request) {
        if (request.cutoff() == null || request.limit() < 1 || request.limit() > MAX_PAGE) {
            throw new IllegalArgumentException("cutoff is required and limit must be between 1 and " + MAX_PAGE);
        }
        String prefix = switch (String.valueOf(request.area())) {
            case GcSweep.BLOBS -> "blobs";
            case GcSweep.UPLOADS -> BlobPaths.UPLOADS;
            default -> throw new IllegalArgumentException("area must be " + GcSweep.BLOBS + " or " + GcSweep.UPLOADS + ", not " + request.area());
        };
        if (request.after() != null && !request.after().startsWith(prefix + "/")) {
            throw new IllegalArgumentException("after must be a path under " + prefix + "/, not " + request.after());
        }
        return prefix;
    }

    /** Refuses a cutoff closer to now than {@link #MIN_GRACE}, by PostgreSQL's clock (the one that computed it). */
    private void checkGrace(GcSweep request) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT ?::timestamptz <= now() - ?::float8 * interval '1 second'")) {
            st.setTimestamp(1, Timestamp.from(request.cutoff()));
            st.setDouble(2, MIN_GRACE.toSeconds());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new IllegalArgumentException("the orphan sweep needs a grace period of at least " + MIN_GRACE.toHours()
                            + " hour (time_window 1 or more): objects are judged by the storage's modification times");
                }
            }
        }
    }

    private void sweepBlobs(GcSweep request, List<StoredObject> old, Tally tally) {
        Map<String, StoredObject> byDigest = new LinkedHashMap<>();
        for (StoredObject o : old) {
            Digest digest = digestOf(o.path());
            if (digest != null) {
                byDigest.put(digest.toString(), o); // anything else under blobs/ is not Berth's layout: left alone
            }
        }
        List<String> digests = new ArrayList<>(byDigest.keySet());
        digests.sort(null); // the order two sweeps claim rows in
        for (int from = 0; from < digests.size(); from += CLAIM_BATCH) {
            List<String> batch = digests.subList(from, Math.min(digests.size(), from + CLAIM_BATCH));
            try {
                GcTransaction.run(dataSource, true, c -> claimAndDelete(c, request.dryRun(), batch, byDigest, tally));
            } catch (SQLException e) {
                if (GcTransaction.outcome(e) == GcTransaction.Outcome.BUSY) {
                    tally.busy += batch.size();
                } else {
                    tally.failures.add("orphan blobs " + batch.get(0) + "…: " + e.getMessage());
                }
            }
        }
    }

    /** In a transaction that is rolled back: the rows it could insert are digests no one holds; their bytes go. */
    private Void claimAndDelete(Connection c, boolean dryRun, List<String> batch, Map<String, StoredObject> byDigest, Tally tally)
            throws SQLException {
        List<String> claimed = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("INSERT INTO registry.blob (digest, size) "
                + "SELECT d, s FROM unnest(?::text[], ?::bigint[]) AS u(d, s) ORDER BY d ON CONFLICT DO NOTHING RETURNING digest")) {
            st.setArray(1, c.createArrayOf("text", batch.toArray(String[]::new)));
            st.setArray(2, c.createArrayOf("bigint", batch.stream().map(d -> byDigest.get(d).size()).toArray(Long[]::new)));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    claimed.add(rs.getString(1));
                }
            }
        }
        List<String> paths = claimed.stream().map(d -> byDigest.get(d).path()).toList();
        Set<String> failed = new HashSet<>(dryRun ? List.of() : storage.deleteBlobs(paths));
        for (String digest : claimed) {
            StoredObject o = byDigest.get(digest);
            if (failed.contains(o.path())) {
                tally.failures.add("orphan " + o.path() + ": could not be deleted from " + storage.name() + " storage");
            } else {
                tally.deleted(o, digest);
            }
        }
        return null;
    }

    private void sweepUploads(GcSweep request, List<StoredObject> old, Tally tally) throws SQLException {
        Map<StoredObject, UUID> sessionOf = new LinkedHashMap<>();
        for (StoredObject o : old) {
            String[] parts = o.path().split("/");
            try {
                sessionOf.put(o, UUID.fromString(parts[1]));
            } catch (RuntimeException notASession) {
                // not Berth's layout: left alone
            }
        }
        Set<UUID> live = new HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT id FROM registry.upload WHERE id = ANY(?::uuid[])")) {
            st.setArray(1, c.createArrayOf("text", sessionOf.values().stream().map(UUID::toString).distinct().toArray(String[]::new)));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    live.add(rs.getObject(1, UUID.class));
                }
            }
        }
        sessionOf.forEach((o, session) -> {
            if (live.contains(session)) {
                return;
            }
            try {
                if (!request.dryRun()) {
                    storage.delete(o.path());
                }
                tally.deleted(o, null);
            } catch (RuntimeException e) {
                tally.failures.add("orphan " + o.path() + ": " + e.getMessage());
            }
        });
    }

    /** The digest whose content path is {@code path}, or null if it is not one. */
    static Digest digestOf(String path) {
        String[] parts = path.split("/");
        if (parts.length != 5 || !parts[4].equals("data")) {
            return null;
        }
        try {
            Digest digest = Digest.parse(parts[1] + ":" + parts[3]);
            return BlobPaths.blob(digest).equals(path) ? digest : null;
        } catch (RuntimeException notADigest) {
            return null;
        }
    }

    private static final class Tally {
        final List<Orphan> deleted = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        int young;
        int busy;
        long bytes;

        void deleted(StoredObject o, String digest) {
            deleted.add(new Orphan(o.path(), digest, o.size()));
            bytes += o.size();
        }
    }
}
