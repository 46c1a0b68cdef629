package io.berth.registry.gc;

/**
 * The candidate queries of the three GC phases (docs/gc.md). Each pages in primary-key order (keyset) and only
 * proposes: every collector locks a candidate and checks it again before deleting anything. The {@code gc_mark}
 * clauses match nothing in a real run; in a dry run they make later phases treat what earlier ones marked as gone.
 */
final class GcQueries {
    private GcQueries() {}

    /**
     * Untagged manifests, listed by no index, whose subject (if any) is gone, untouched since the cutoff.
     * Parameters: run, after repository id, after digest, cutoff, limit.
     */
    static final String MANIFEST_CANDIDATES = """
            WITH p AS (SELECT ?::bigint AS run, ?::bigint AS after_repo, ?::text AS after_digest, ?::timestamptz AS cutoff)
            SELECT m.repository_id, r.name, r.project, m.digest, m.total_size
            FROM p, registry.manifest m JOIN registry.repository r ON r.id = m.repository_id
            WHERE (m.repository_id, m.digest) > (p.after_repo, p.after_digest)
              AND m.touched_at < p.cutoff
              AND NOT EXISTS (SELECT 1 FROM registry.tag t WHERE t.repository_id = m.repository_id AND t.manifest_digest = m.digest)
              AND NOT EXISTS (SELECT 1 FROM registry.manifest_child c
                              WHERE c.repository_id = m.repository_id AND c.child_digest = m.digest
                                AND NOT EXISTS (SELECT 1 FROM registry.gc_mark k WHERE k.run_id = p.run AND k.kind = 'M'
                                                AND k.repository_id = c.repository_id AND k.digest = c.parent_digest))
              AND (m.subject_digest IS NULL OR NOT EXISTS (
                      SELECT 1 FROM registry.manifest s WHERE s.repository_id = m.repository_id AND s.digest = m.subject_digest
                        AND NOT EXISTS (SELECT 1 FROM registry.gc_mark k WHERE k.run_id = p.run AND k.kind = 'M'
                                        AND k.repository_id = s.repository_id AND k.digest = s.digest)))
              AND NOT EXISTS (SELECT 1 FROM registry.gc_mark k WHERE k.run_id = p.run AND k.kind = 'M'
                              AND k.repository_id = m.repository_id AND k.digest = m.digest)
            ORDER BY m.repository_id, m.digest
            LIMIT ?""";

    /**
     * Links that no manifest of their repository references, not (re)linked since the cutoff.
     * Parameters: run, after repository id, after digest, cutoff, limit.
     */
    static final String LINK_CANDIDATES = """
            WITH p AS (SELECT ?::bigint AS run, ?::bigint AS after_repo, ?::text AS after_digest, ?::timestamptz AS cutoff)
            SELECT rb.repository_id, r.name, r.project, rb.digest, b.size
            FROM p, registry.repository_blob rb JOIN registry.repository r ON r.id = rb.repository_id
                 JOIN registry.blob b ON b.digest = rb.digest
            WHERE (rb.repository_id, rb.digest) > (p.after_repo, p.after_digest)
              AND rb.linked_at < p.cutoff
              AND NOT EXISTS (SELECT 1 FROM registry.manifest_blob mb
                              WHERE mb.blob_digest = rb.digest AND mb.repository_id = rb.repository_id
                                AND NOT EXISTS (SELECT 1 FROM registry.gc_mark k WHERE k.run_id = p.run AND k.kind = 'M'
                                                AND k.repository_id = mb.repository_id AND k.digest = mb.manifest_digest))
              AND NOT EXISTS (SELECT 1 FROM registry.gc_mark k WHERE k.run_id = p.run AND k.kind = 'L'
                              AND k.repository_id = rb.repository_id AND k.digest = rb.digest)
            ORDER BY rb.repository_id, rb.digest
            LIMIT ?""";

    /**
     * Blobs that no link, manifest or project usage refers to, stored before the cutoff.
     * Parameters: run, after digest, cutoff, dry run, limit. The {@code > after_digest} bounds inside the subqueries
     * say nothing new, but PostgreSQL does not carry an inequality across the join: without them a page planned as a
     * merge anti-join reads the referencing indexes from their first entry, so each page cost more than the last
     * (a page near the end of 1,000,000 blobs: 20 s, against 3 s with them, in bench/gc-bench.sh).
     */
    static final String BLOB_CANDIDATES = """
            WITH p AS (SELECT ?::bigint AS run, ?::text AS after_digest, ?::timestamptz AS cutoff, ?::boolean AS dry)
            SELECT b.digest, b.size
            FROM p, registry.blob b
            WHERE b.digest > p.after_digest AND b.created_at < p.cutoff
              AND NOT EXISTS (SELECT 1 FROM registry.repository_blob rb WHERE rb.digest = b.digest AND rb.digest > p.after_digest
                              AND NOT EXISTS (SELECT 1 FROM registry.gc_mark k WHERE k.run_id = p.run AND k.kind = 'L'
                                              AND k.repository_id = rb.repository_id AND k.digest = rb.digest))
              AND NOT EXISTS (SELECT 1 FROM registry.manifest_blob mb WHERE mb.blob_digest = b.digest AND mb.blob_digest > p.after_digest
                              AND NOT EXISTS (SELECT 1 FROM registry.gc_mark k WHERE k.run_id = p.run AND k.kind = 'M'
                                              AND k.repository_id = mb.repository_id AND k.digest = mb.manifest_digest))
              AND (p.dry OR NOT EXISTS (SELECT 1 FROM registry.project_blob pb WHERE pb.digest = b.digest AND pb.digest > p.after_digest))
            ORDER BY b.digest
            LIMIT ?""";
}
