package io.berth.registry.gc;

import io.agroal.api.AgroalDataSource;
import io.berth.common.event.RegistryEvent;
import io.berth.common.gc.GcCollect;
import io.berth.common.gc.GcCollected;
import io.berth.common.gc.GcDeleted;
import io.berth.common.gc.GcItem;
import io.berth.registry.event.Outbox;
import io.berth.registry.tag.ImmutableTags;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Phase M: deletes untagged manifests that no index lists and whose subject is gone, each with its accessories (its
 * referrers, tagged or not, and what cosign's tag scheme names after it, {@code sha256-<hex>.sig}), one transaction per root. Lock first ({@code FOR UPDATE SKIP LOCKED}), check again in a
 * new statement, lock the referrers level by level before reading the next (a referrer push locks its subject
 * {@code FOR KEY SHARE}, so nothing attaches to a locked level), delete, and write a {@code DELETE_ARTIFACT} event per
 * manifest (actor {@code gc}) in the same transaction. Links and blobs are left to phases L and B.
 */
@ApplicationScoped
public class ManifestCollector {
    static final String ACTOR = "gc";
    private final AgroalDataSource dataSource;
    private final Outbox outbox;
    private final ImmutableTags immutableTags;

    ManifestCollector(AgroalDataSource dataSource, Outbox outbox, ImmutableTags immutableTags) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.immutableTags = immutableTags;
    }

    /** Why a root was left alone. */
    private static final class Skip extends RuntimeException {
        final GcTransaction.Outcome outcome;

        Skip(GcTransaction.Outcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }

    private record Member(String digest, String mediaType, long size, List<String> tags) {}

    public GcCollected collect(GcCollect request) {
        GcTally tally = new GcTally();
        for (GcItem root : GcLimits.items(request)) {
            try {
                List<Member> members = GcTransaction.run(dataSource, request.dryRun(), c -> collect(c, request, root));
                if (request.dryRun()) {
                    GcMarks.mark(dataSource, request.runId(), 'M',
                            members.stream().map(m -> new GcMarks.Mark(root.repositoryId(), m.digest())).toList());
                }
                members.forEach(m -> tally.deleted.add(new GcDeleted("M", root.repository(), m.digest(), m.tags(), m.size())));
            } catch (Skip skip) {
                if (skip.outcome != null) {
                    tally.count(skip.outcome, root.digest(), skip);
                }
            } catch (SQLException e) {
                tally.count(GcTransaction.outcome(e), "manifest " + root.repository() + "@" + root.digest(), e);
            }
        }
        return tally.answer();
    }

    private List<Member> collect(Connection c, GcCollect request, GcItem root) throws SQLException {
        long repo = root.repositoryId();
        if (lock(c, repo, List.of(root.digest())).isEmpty()) {
            throw new Skip(exists(c, repo, root.digest()) ? GcTransaction.Outcome.BUSY : null);
        }
        if (!stillGarbage(c, request, root)) {
            throw new Skip(GcTransaction.Outcome.IN_USE);
        }
        List<String> all = new ArrayList<>(List.of(root.digest()));
        List<String> level = List.of(root.digest());
        while (!level.isEmpty()) {
            // referrers, and the accessories cosign's tag scheme names after a member (sha256-<hex>.sig, .att, .sbom)
            List<String> found = strings(c, "SELECT m.digest FROM registry.manifest m, (SELECT ?::bigint AS repo, ?::text[] AS level, "
                    + "?::text[] AS seen) p WHERE m.repository_id = p.repo AND NOT m.digest = ANY(p.seen) AND (m.subject_digest = ANY(p.level) "
                    + "OR m.digest IN (SELECT t.manifest_digest FROM registry.tag t, unnest(p.level) s, unnest(ARRAY['.sig', '.att', '.sbom']) x "
                    + "WHERE t.repository_id = p.repo AND t.name = replace(s, ':', '-') || x))", repo, level, all);
            Map<String, Instant> locked = lock(c, repo, found);
            if (locked.size() < found.size()) {
                throw new Skip(GcTransaction.Outcome.BUSY);
            }
            if (locked.values().stream().anyMatch(touched -> !touched.isBefore(request.cutoff()))) {
                throw new Skip(GcTransaction.Outcome.IN_USE); // a young accessory spares its subject
            }
            all.addAll(found);
            level = found;
        }
        Map<String, List<String>> tags = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT manifest_digest, name FROM registry.tag WHERE repository_id = ? "
                + "AND manifest_digest = ANY(?) ORDER BY name")) {
            st.setLong(1, repo);
            st.setArray(2, c.createArrayOf("text", all.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    tags.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        // a tagged accessory goes with its subject, but never a tag an immutable rule protects
        if (immutableTags.protecting(c, root.project(), root.repository(), tags.values().stream().flatMap(List::stream).toList()) != null) {
            throw new Skip(GcTransaction.Outcome.IN_USE);
        }
        List<Member> members = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT digest, media_type, total_size FROM registry.manifest "
                + "WHERE repository_id = ? AND digest = ANY(?) ORDER BY digest")) {
            st.setLong(1, repo);
            st.setArray(2, c.createArrayOf("text", all.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    members.add(new Member(rs.getString(1), rs.getString(2), rs.getLong(3), tags.getOrDefault(rs.getString(1), List.of())));
                }
            }
        }
        try (PreparedStatement st = c.prepareStatement("DELETE FROM registry.manifest WHERE repository_id = ? AND digest = ANY(?)")) {
            st.setLong(1, repo);
            st.setArray(2, c.createArrayOf("text", all.toArray()));
            st.executeUpdate(); // 23503 while an index still lists a member: in use
        }
        for (Member m : members) {
            outbox.add(c, new RegistryEvent(UUID.randomUUID().toString(), RegistryEvent.Type.DELETE_ARTIFACT, root.repository(),
                    root.project(), m.digest(), m.tags(), m.mediaType(), m.size(), ACTOR, Instant.now(), "gc-" + request.runId()));
        }
        return members;
    }

    /** Locks those of {@code digests} nobody else holds; their {@code touched_at}. */
    private static Map<String, Instant> lock(Connection c, long repo, List<String> digests) throws SQLException {
        Map<String, Instant> locked = new LinkedHashMap<>();
        if (digests.isEmpty()) {
            return locked;
        }
        try (PreparedStatement st = c.prepareStatement("SELECT digest, touched_at FROM registry.manifest WHERE repository_id = ? "
                + "AND digest = ANY(?) ORDER BY digest FOR UPDATE SKIP LOCKED")) {
            st.setLong(1, repo);
            st.setArray(2, c.createArrayOf("text", digests.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    locked.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }
            }
        }
        return locked;
    }

    /** The candidate query's conditions, again, in a statement that runs after the lock (a fresh snapshot). */
    private static boolean stillGarbage(Connection c, GcCollect request, GcItem root) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                SELECT 1 FROM registry.manifest m
                WHERE m.repository_id = ? AND m.digest = ? AND m.touched_at < ?
                  AND NOT EXISTS (SELECT 1 FROM registry.tag t WHERE t.repository_id = m.repository_id AND t.manifest_digest = m.digest)
                  AND NOT EXISTS (SELECT 1 FROM registry.manifest_child ch WHERE ch.repository_id = m.repository_id
                                  AND ch.child_digest = m.digest
                                  AND NOT EXISTS (SELECT 1 FROM registry.gc_mark k WHERE k.run_id = ? AND k.kind = 'M'
                                                  AND k.repository_id = ch.repository_id AND k.digest = ch.parent_digest))
                  AND (m.subject_digest IS NULL OR NOT EXISTS (
                          SELECT 1 FROM registry.manifest s WHERE s.repository_id = m.repository_id AND s.digest = m.subject_digest
                            AND NOT EXISTS (SELECT 1 FROM registry.gc_mark k WHERE k.run_id = ? AND k.kind = 'M'
                                            AND k.repository_id = s.repository_id AND k.digest = s.digest)))""")) {
            st.setLong(1, root.repositoryId());
            st.setString(2, root.digest());
            st.setTimestamp(3, Timestamp.from(request.cutoff()));
            st.setLong(4, request.runId());
            st.setLong(5, request.runId());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean exists(Connection c, long repo, String digest) throws SQLException {
        return !strings(c, "SELECT digest FROM registry.manifest WHERE repository_id = ? AND digest = ANY(?) AND NOT digest = ANY(?)",
                repo, List.of(digest), List.of()).isEmpty();
    }

    private static List<String> strings(Connection c, String sql, long repo, List<String> in, List<String> notIn) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, repo);
            Array a = c.createArrayOf("text", in.toArray());
            st.setArray(2, a);
            st.setArray(3, c.createArrayOf("text", notIn.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
