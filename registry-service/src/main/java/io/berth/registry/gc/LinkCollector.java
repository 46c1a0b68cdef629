package io.berth.registry.gc;

import io.agroal.api.AgroalDataSource;
import io.berth.common.gc.GcCollect;
import io.berth.common.gc.GcCollected;
import io.berth.common.gc.GcDeleted;
import io.berth.common.gc.GcItem;
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
 * Phase L: deletes links ({@code repository_blob}) that no manifest of their repository references, and the project
 * usage rows that go with a project's last link; one transaction per batch. Links are locked first
 * ({@code FOR UPDATE SKIP LOCKED}: a manifest PUT or mount holding one {@code FOR KEY SHARE} makes it busy), then
 * checked again in a new statement; usage rows are locked the same way, and a link whose usage row a push holds is
 * left for the next run.
 */
@ApplicationScoped
public class LinkCollector {
    private final AgroalDataSource dataSource;

    LinkCollector(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    private record Link(long repositoryId, String digest, String project) {
        String usage() {
            return project + "\n" + digest;
        }
    }

    public GcCollected collect(GcCollect request) {
        GcTally tally = new GcTally();
        List<GcItem> items = GcLimits.items(request);
        if (items.isEmpty()) {
            return tally.answer();
        }
        try {
            List<Link> deleted = GcTransaction.run(dataSource, request.dryRun(), c -> collect(c, request, items, tally));
            if (request.dryRun()) {
                GcMarks.mark(dataSource, request.runId(), 'L',
                        deleted.stream().map(l -> new GcMarks.Mark(l.repositoryId(), l.digest())).toList());
            }
            Map<String, GcItem> byKey = new LinkedHashMap<>();
            items.forEach(i -> byKey.put(i.repositoryId() + "@" + i.digest(), i));
            for (Link l : deleted) {
                GcItem item = byKey.get(l.repositoryId() + "@" + l.digest());
                tally.deleted.add(new GcDeleted("L", item.repository(), l.digest(), List.of(), item.size()));
            }
        } catch (SQLException e) {
            tally.busy = 0;
            tally.inUse = 0;
            GcTransaction.Outcome outcome = GcTransaction.outcome(e);
            for (GcItem i : items) {
                tally.count(outcome, "link " + i.repository() + "@" + i.digest(), e);
            }
        }
        return tally.answer();
    }

    private List<Link> collect(Connection c, GcCollect request, List<GcItem> items, GcTally tally) throws SQLException {
        Long[] repos = items.stream().map(GcItem::repositoryId).toArray(Long[]::new);
        String[] digests = items.stream().map(GcItem::digest).toArray(String[]::new);
        List<Link> locked = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT rb.repository_id, rb.digest, r.project FROM registry.repository_blob rb "
                + "JOIN registry.repository r ON r.id = rb.repository_id "
                + "WHERE (rb.repository_id, rb.digest) IN (SELECT * FROM unnest(?::bigint[], ?::text[])) AND rb.linked_at < ? "
                + "ORDER BY rb.repository_id, rb.digest FOR UPDATE OF rb SKIP LOCKED")) {
            st.setArray(1, c.createArrayOf("bigint", repos));
            st.setArray(2, c.createArrayOf("text", digests));
            st.setTimestamp(3, Timestamp.from(request.cutoff()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    locked.add(new Link(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        tally.busy += items.size() - locked.size(); // held by a push, refreshed, or gone
        Set<String> inUse = new HashSet<>();
        try (PreparedStatement st = c.prepareStatement("SELECT x.r, x.d FROM unnest(?::bigint[], ?::text[]) AS x(r, d) "
                + "WHERE EXISTS (SELECT 1 FROM registry.manifest_blob mb WHERE mb.blob_digest = x.d AND mb.repository_id = x.r "
                + "AND NOT EXISTS (SELECT 1 FROM registry.gc_mark k WHERE k.run_id = ? AND k.kind = 'M' "
                + "AND k.repository_id = mb.repository_id AND k.digest = mb.manifest_digest))")) {
            st.setArray(1, c.createArrayOf("bigint", locked.stream().map(Link::repositoryId).toArray(Long[]::new)));
            st.setArray(2, c.createArrayOf("text", locked.stream().map(Link::digest).toArray(String[]::new)));
            st.setLong(3, request.runId());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    inUse.add(rs.getLong(1) + "@" + rs.getString(2));
                }
            }
        }
        tally.inUse += inUse.size();
        List<Link> links = locked.stream().filter(l -> !inUse.contains(l.repositoryId() + "@" + l.digest())).toList();
        String[] projects = links.stream().map(Link::project).toArray(String[]::new);
        String[] linkDigests = links.stream().map(Link::digest).toArray(String[]::new);
        Set<String> existing = usage(c, projects, linkDigests, false);
        Set<String> lockedUsage = usage(c, projects, linkDigests, true);
        List<Link> free = new ArrayList<>();
        for (Link l : links) {
            if (existing.contains(l.usage()) && !lockedUsage.contains(l.usage())) {
                tally.busy++; // a link() or unlink() of the project holds its usage row
            } else {
                free.add(l);
            }
        }
        try (PreparedStatement st = c.prepareStatement("DELETE FROM registry.repository_blob "
                + "WHERE (repository_id, digest) IN (SELECT * FROM unnest(?::bigint[], ?::text[]))")) {
            st.setArray(1, c.createArrayOf("bigint", free.stream().map(Link::repositoryId).toArray(Long[]::new)));
            st.setArray(2, c.createArrayOf("text", free.stream().map(Link::digest).toArray(String[]::new)));
            st.executeUpdate();
        }
        // no wait here (the usage rows are locked already), so this statement's snapshot sees every committed link
        try (PreparedStatement st = c.prepareStatement("DELETE FROM registry.project_blob pb "
                + "WHERE (pb.project, pb.digest) IN (SELECT * FROM unnest(?::text[], ?::text[])) "
                + "AND NOT EXISTS (SELECT 1 FROM registry.repository_blob rb JOIN registry.repository r ON r.id = rb.repository_id "
                + "WHERE r.project = pb.project AND rb.digest = pb.digest)")) {
            st.setArray(1, c.createArrayOf("text", free.stream().map(Link::project).toArray(String[]::new)));
            st.setArray(2, c.createArrayOf("text", free.stream().map(Link::digest).toArray(String[]::new)));
            st.executeUpdate();
        }
        return free;
    }

    /** The usage rows of those (project, digest) pairs that exist: all of them, or only those this transaction could lock. */
    private static Set<String> usage(Connection c, String[] projects, String[] digests, boolean lock) throws SQLException {
        Set<String> rows = new HashSet<>();
        try (PreparedStatement st = c.prepareStatement("SELECT project, digest FROM registry.project_blob "
                + "WHERE (project, digest) IN (SELECT * FROM unnest(?::text[], ?::text[])) ORDER BY project, digest"
                + (lock ? " FOR UPDATE SKIP LOCKED" : ""))) {
            st.setArray(1, c.createArrayOf("text", projects));
            st.setArray(2, c.createArrayOf("text", digests));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "\n" + rs.getString(2));
                }
            }
        }
        return rows;
    }
}
