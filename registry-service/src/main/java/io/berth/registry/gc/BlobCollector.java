package io.berth.registry.gc;

import io.agroal.api.AgroalDataSource;
import io.berth.common.digest.Digest;
import io.berth.common.gc.GcCollect;
import io.berth.common.gc.GcCollected;
import io.berth.common.gc.GcDeleted;
import io.berth.common.gc.GcItem;
import io.berth.registry.storage.BlobPaths;
import io.berth.registry.storage.StorageDriver;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Phase B: deletes blobs that nothing refers to, bytes first. One transaction per batch: the blob rows are locked
 * ({@code FOR UPDATE SKIP LOCKED}: an upload completing the digest holds its row, and is skipped), checked again in a
 * new statement (no link, no manifest reference, no project usage), then the bytes are deleted while the rows are
 * still locked, and only then the rows. An upload of the same digest waiting for a row finds it gone and places its
 * own bytes; one that comes later inserts a new row. Bytes that could not be deleted keep their row, for the next run.
 */
@ApplicationScoped
public class BlobCollector {
    private final AgroalDataSource dataSource;
    private final StorageDriver storage;

    BlobCollector(AgroalDataSource dataSource, StorageDriver storage) {
        this.dataSource = dataSource;
        this.storage = storage;
    }

    public GcCollected collect(GcCollect request) {
        GcTally tally = new GcTally();
        List<GcItem> items = GcLimits.items(request);
        if (items.isEmpty()) {
            return tally.answer();
        }
        try {
            Map<String, Long> deleted = GcTransaction.run(dataSource, request.dryRun(), c -> collect(c, request, items, tally));
            deleted.forEach((digest, size) -> {
                tally.deleted.add(new GcDeleted("B", null, digest, List.of(), size));
                tally.bytes += size;
            });
        } catch (SQLException e) {
            tally.busy = 0;
            tally.inUse = 0;
            tally.failures.clear();
            GcTransaction.Outcome outcome = GcTransaction.outcome(e);
            items.forEach(i -> tally.count(outcome, "blob " + i.digest(), e));
        }
        return tally.answer();
    }

    private Map<String, Long> collect(Connection c, GcCollect request, List<GcItem> items, GcTally tally) throws SQLException {
        Map<String, Long> locked = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT digest, size FROM registry.blob WHERE digest = ANY(?) AND created_at < ? "
                + "ORDER BY digest FOR UPDATE SKIP LOCKED")) {
            st.setArray(1, c.createArrayOf("text", items.stream().map(GcItem::digest).toArray(String[]::new)));
            st.setTimestamp(2, Timestamp.from(request.cutoff()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    locked.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        tally.busy += items.size() - locked.size(); // held by an upload, or gone
        Set<String> inUse = new HashSet<>();
        try (PreparedStatement st = c.prepareStatement("SELECT d FROM unnest(?::text[]) AS d "
                + "WHERE EXISTS (SELECT 1 FROM registry.repository_blob rb WHERE rb.digest = d "
                + "      AND NOT EXISTS (SELECT 1 FROM registry.gc_mark k WHERE k.run_id = ? AND k.kind = 'L' "
                + "                      AND k.repository_id = rb.repository_id AND k.digest = rb.digest)) "
                + "OR EXISTS (SELECT 1 FROM registry.manifest_blob mb WHERE mb.blob_digest = d "
                + "      AND NOT EXISTS (SELECT 1 FROM registry.gc_mark k WHERE k.run_id = ? AND k.kind = 'M' "
                + "                      AND k.repository_id = mb.repository_id AND k.digest = mb.manifest_digest)) "
                + "OR (NOT ? AND EXISTS (SELECT 1 FROM registry.project_blob pb WHERE pb.digest = d))")) {
            st.setArray(1, c.createArrayOf("text", locked.keySet().toArray(String[]::new)));
            st.setLong(2, request.runId());
            st.setLong(3, request.runId());
            st.setBoolean(4, request.dryRun());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    inUse.add(rs.getString(1));
                }
            }
        }
        tally.inUse += inUse.size();
        inUse.forEach(locked::remove);
        if (request.dryRun() || locked.isEmpty()) {
            return locked;
        }
        List<String> paths = new ArrayList<>();
        Map<String, String> digestOfPath = new LinkedHashMap<>();
        for (String digest : locked.keySet()) {
            String path = BlobPaths.blob(Digest.parse(digest));
            paths.add(path);
            digestOfPath.put(path, digest);
        }
        for (String failed : storage.deleteBlobs(paths)) {
            String digest = digestOfPath.get(failed);
            locked.remove(digest);
            tally.failures.add("blob " + digest + ": its bytes could not be deleted from " + storage.name() + " storage");
        }
        try (PreparedStatement st = c.prepareStatement("DELETE FROM registry.blob WHERE digest = ANY(?)")) {
            st.setArray(1, c.createArrayOf("text", locked.keySet().toArray(String[]::new)));
            st.executeUpdate();
        }
        return locked;
    }
}
