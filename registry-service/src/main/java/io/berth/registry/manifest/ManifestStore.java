package io.berth.registry.manifest;

import io.berth.common.digest.Digest;
import io.berth.common.media.MediaTypes;
import io.berth.registry.policy.PullPolicies;
import io.berth.registry.signature.ContentTrust;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Manifest rows, their references (blobs, child manifests) and tags. Every lookup is one indexed query. */
@ApplicationScoped
public class ManifestStore {
    private static final String BY_DIGEST = "WHERE r.name = $1 AND m.digest = $2";
    private static final String BY_TAG = "JOIN registry.tag t ON t.repository_id = m.repository_id AND t.manifest_digest = m.digest "
            + "WHERE r.name = $1 AND t.name = $2";

    private final PullPolicies policies;
    private final ContentTrust trust;

    ManifestStore(PullPolicies policies, ContentTrust trust) {
        this.policies = policies;
        this.trust = trust;
    }

    /**
     * The manifest columns, whether it is due for confirmation ({@code confirming}: {@code $3} is the age in milliseconds),
     * the refusal of its pull by a project policy ({@link PullPolicies}) and, for a pull ({@code pull}), the kind of
     * signature it lacks under its project's content trust policy ({@link ContentTrust}), all read in the same query.
     */
    private String select(boolean present, boolean confirming, boolean pull) {
        return "SELECT m.repository_id, m.digest, m.media_type, m.content, m.subject_digest, m.total_size, "
                + (confirming ? "m.touched_at < now() - $3::float8 * interval '1 millisecond'" : "false") + ", "
                + policies.refusalColumn(present) + ", " + (pull ? trust.column() : "NULL::text")
                + " FROM registry.manifest m JOIN registry.repository r ON r.id = m.repository_id " + policies.joins(present);
    }

    private static StoredManifest stored(Row row) {
        return new StoredManifest(row.getLong(0), row.getString(1), row.getString(2), row.getBuffer(3).getBytes(), row.getString(4),
                row.getLong(5), row.getString(7), row.getString(8));
    }

    private static StoredManifest first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? stored(rows.iterator().next()) : null;
    }

    /** The manifest a tag or digest names in a repository, or null (without the refusals of a pull). */
    public Future<StoredManifest> find(SqlClient db, String repository, String reference, boolean byDigest) {
        return db.preparedQuery(select(false, false, false) + (byDigest ? BY_DIGEST : BY_TAG))
                .execute(Tuple.of(repository, reference)).map(ManifestStore::first);
    }

    /**
     * The manifest a tag names, as a pull (GET or HEAD) sees it: with its refusal by a project policy and the kind of
     * signature it lacks under content trust ({@link StoredManifest#unsigned()}), in the same query.
     */
    public Future<StoredManifest> findForPull(SqlClient db, String repository, String tag) {
        return policies.present(db).compose(present -> db.preparedQuery(select(present, false, true) + BY_TAG)
                .execute(Tuple.of(repository, tag)).map(ManifestStore::first))
                .recover(e -> trust.viewMissing(e) ? findForPull(db, repository, tag) : Future.failedFuture(e));
    }

    /**
     * The manifest a digest names in a repository, or null, as a GET or HEAD uses it (with its refusals, as
     * {@link #findForPull}): when it was last pushed or confirmed before {@code confirmAfter} ago, it is confirmed now (its
     * {@code touched_at} set), so that garbage collection of untagged manifests spares it for a grace period. One that
     * went meanwhile reads as null.
     */
    public Future<StoredManifest> findConfirming(SqlClient db, String repository, String digest, Duration confirmAfter) {
        return policies.present(db).compose(present -> db.preparedQuery(select(present, true, true) + BY_DIGEST)
                .execute(Tuple.of(repository, digest, (double) confirmAfter.toMillis())).compose(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Future.succeededFuture(null);
                    }
                    Row row = rows.iterator().next();
                    StoredManifest found = stored(row);
                    if (!row.getBoolean(6)) {
                        return Future.succeededFuture(found);
                    }
                    return db.preparedQuery("UPDATE registry.manifest SET touched_at = now() WHERE repository_id = $1 AND digest = $2")
                            .execute(Tuple.of(found.repositoryId(), digest)).map(updated -> updated.rowCount() == 0 ? null : found);
                }))
                .recover(e -> trust.viewMissing(e) ? findConfirming(db, repository, digest, confirmAfter) : Future.failedFuture(e));
    }

    /**
     * The manifest a tag or digest names, as {@link #find}, with the row a delete removes (the tag, or the
     * manifest) locked until the transaction ends; null if there is none.
     */
    public Future<StoredManifest> lockForDelete(SqlClient tx, String repository, String reference, boolean byDigest) {
        String sql = byDigest
                ? "SELECT m.digest FROM registry.manifest m JOIN registry.repository r ON r.id = m.repository_id "
                        + "WHERE r.name = $1 AND m.digest = $2 FOR UPDATE OF m"
                : "SELECT t.manifest_digest FROM registry.tag t JOIN registry.repository r ON r.id = t.repository_id "
                        + "WHERE r.name = $1 AND t.name = $2 FOR UPDATE OF t";
        return tx.preparedQuery(sql).execute(Tuple.of(repository, reference)).compose(rows -> rows.iterator().hasNext()
                ? find(tx, repository, rows.iterator().next().getString(0), true) : Future.succeededFuture(null));
    }

    /**
     * Size of each of {@code digests} linked into the repository (those not linked are absent), each link locked
     * ({@code FOR KEY SHARE}) until the transaction ends: garbage collection cannot delete a link a manifest being
     * recorded relies on.
     */
    public Future<Map<String, Long>> linkedBlobSizes(SqlClient tx, long repositoryId, List<String> digests) {
        return tx.preparedQuery("SELECT rb.digest, b.size FROM registry.repository_blob rb JOIN registry.blob b ON b.digest = rb.digest "
                        + "WHERE rb.repository_id = $1 AND rb.digest = ANY($2) ORDER BY rb.digest FOR KEY SHARE OF rb")
                .execute(Tuple.tuple().addLong(repositoryId).addArrayOfString(digests.toArray(String[]::new))).map(ManifestStore::sizes);
    }

    /**
     * Total size of each of {@code digests} that is a manifest of the repository, each locked against
     * deletion until the transaction ends: an index's children must still be there when it is recorded.
     */
    public Future<Map<String, Long>> manifestSizes(SqlClient tx, long repositoryId, List<String> digests) {
        return tx.preparedQuery("SELECT digest, total_size FROM registry.manifest WHERE repository_id = $1 AND digest = ANY($2) "
                        + "FOR KEY SHARE")
                .execute(Tuple.tuple().addLong(repositoryId).addArrayOfString(digests.toArray(String[]::new))).map(ManifestStore::sizes);
    }

    /** Locks a referrer's subject, if it is there, against deletion until the transaction ends. */
    public Future<Void> lockSubject(SqlClient tx, long repositoryId, String subject) {
        return tx.preparedQuery("SELECT 1 FROM registry.manifest WHERE repository_id = $1 AND digest = $2 FOR KEY SHARE")
                .execute(Tuple.of(repositoryId, subject)).mapEmpty();
    }

    private static Map<String, Long> sizes(RowSet<Row> rows) {
        Map<String, Long> sizes = new HashMap<>();
        rows.forEach(r -> sizes.put(r.getString(0), r.getLong(1)));
        return sizes;
    }

    /** What {@link #save} did: whether the manifest row is new (its bytes count in the project's usage now), and the tags it left. */
    public record Saved(boolean created, Set<String> kept) {}

    /**
     * Records a manifest and its references (idempotent for identical content), and points {@code tags} at it,
     * except the tags of {@code immutable} that point at another manifest already: those are left as they are
     * and returned (the caller refuses the push). Decided by the upsert itself, so a concurrent push of the same
     * new tag cannot slip in between a check and the write.
     */
    public Future<Saved> save(SqlClient tx, long repositoryId, Digest digest, ParsedManifest parsed, byte[] content,
            long totalSize, List<String> tags, Set<String> immutable) {
        String d = digest.toString();
        Future<RowSet<Row>> inserted = tx.preparedQuery("INSERT INTO registry.manifest (repository_id, digest, media_type, artifact_type, content, "
                        + "total_size, subject_digest, annotations) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
                        // An existing row is locked, not skipped: a DELETE of it committing before the references and
                        // tag below are written would leave them pointing at nothing. A re-push counts as a use: garbage
                        // collection of untagged manifests spares it for a grace period.
                        + "ON CONFLICT (repository_id, digest) DO UPDATE SET touched_at = now() RETURNING xmax = 0")
                .execute(Tuple.from(new Object[] {repositoryId, d, parsed.mediaType(), parsed.effectiveArtifactType(),
                        Buffer.buffer(content), totalSize, parsed.subject() == null ? null : parsed.subject().digest().toString(),
                        parsed.annotationsJson() == null ? null : new JsonObject(parsed.annotationsJson())}));
        Future<?> saved = inserted;
        List<Tuple> blobs = new ArrayList<>();
        parsed.blobs().stream().map(b -> b.digest().toString()).distinct().forEach(b -> blobs.add(Tuple.of(repositoryId, d, b)));
        if (!blobs.isEmpty()) {
            saved = saved.compose(v -> tx.preparedQuery("INSERT INTO registry.manifest_blob (repository_id, manifest_digest, blob_digest) "
                    + "VALUES ($1, $2, $3) ON CONFLICT DO NOTHING").executeBatch(blobs));
        }
        List<Tuple> children = new ArrayList<>();
        parsed.manifests().stream().map(m -> m.digest().toString()).distinct().forEach(c -> children.add(Tuple.of(repositoryId, d, c)));
        if (!children.isEmpty()) {
            // the children the repository holds: all of them (checked) but in a proxy cache's partial index
            saved = saved.compose(v -> tx.preparedQuery("INSERT INTO registry.manifest_child (repository_id, parent_digest, child_digest) "
                    + "SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM registry.manifest WHERE repository_id = $1 AND digest = $3) "
                    + "ON CONFLICT DO NOTHING").executeBatch(children));
        }
        if (tags.isEmpty()) {
            return saved.map(v -> new Saved(created(inserted), Set.of()));
        }
        // in name order, so that two pushes of the same tags lock their rows in the same order, never crosswise
        List<Tuple> rows = tags.stream().sorted().map(tag -> Tuple.of(repositoryId, tag, d, immutable.contains(tag))).toList();
        return saved.compose(v -> tx.preparedQuery("INSERT INTO registry.tag (repository_id, name, manifest_digest) VALUES ($1, $2, $3) "
                        + "ON CONFLICT (repository_id, name) DO UPDATE SET manifest_digest = EXCLUDED.manifest_digest, updated_at = now() "
                        + "WHERE registry.tag.manifest_digest = EXCLUDED.manifest_digest OR NOT $4 RETURNING name")
                .executeBatch(rows)).map(result -> {
                    Set<String> written = new HashSet<>();
                    for (RowSet<Row> rs = result; rs != null; rs = rs.next()) {
                        rs.forEach(r -> written.add(r.getString(0)));
                    }
                    Set<String> kept = new TreeSet<>(tags);
                    kept.removeAll(written);
                    return new Saved(created(inserted), kept);
                });
    }

    /**
     * Links a manifest a proxy cache just recorded to the indexes of its repository recorded before it that list it
     * (a proxy cache records an index with the children it holds, {@link ManifestService#cache}).
     */
    public Future<Void> linkToIndexes(SqlClient db, String repository, String child) {
        return db.preparedQuery("INSERT INTO registry.manifest_child (repository_id, parent_digest, child_digest) "
                        + "SELECT p.repository_id, p.digest, c.digest FROM registry.repository r "
                        + "JOIN registry.manifest c ON c.repository_id = r.id AND c.digest = $2 "
                        + "JOIN registry.manifest p ON p.repository_id = r.id AND p.media_type = ANY($3) "
                        + "AND position(convert_to($2, 'UTF8') in p.content) > 0 "
                        + "WHERE r.name = $1 ON CONFLICT DO NOTHING")
                .execute(Tuple.of(repository, child, new String[] {MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST_LIST})).mapEmpty();
    }

    /** Whether the manifest upsert (completed) inserted its row rather than finding one. */
    private static boolean created(Future<RowSet<Row>> inserted) {
        return inserted.result().iterator().next().getBoolean(0);
    }

    /** Tags pointing at a manifest. */
    public Future<List<String>> tagsOf(SqlClient db, long repositoryId, String digest) {
        return db.preparedQuery("SELECT name FROM registry.tag WHERE repository_id = $1 AND manifest_digest = $2 ORDER BY name")
                .execute(Tuple.of(repositoryId, digest)).map(rows -> {
                    List<String> tags = new ArrayList<>();
                    rows.forEach(r -> tags.add(r.getString(0)));
                    return tags;
                });
    }

    /** Deletes a manifest (its tags and references go with it); whether it existed. Fails with SQL state 23503 while an index lists it. */
    public Future<Boolean> delete(SqlClient tx, long repositoryId, String digest) {
        return tx.preparedQuery("DELETE FROM registry.manifest WHERE repository_id = $1 AND digest = $2")
                .execute(Tuple.of(repositoryId, digest)).map(r -> r.rowCount() > 0);
    }

    /** Deletes manifests (their tags and references go with them). Fails with SQL state 23503 while an index lists one. */
    public Future<Void> deleteAll(SqlClient tx, long repositoryId, List<String> digests) {
        return tx.preparedQuery("DELETE FROM registry.manifest WHERE repository_id = $1 AND digest = ANY($2)")
                .execute(Tuple.tuple().addLong(repositoryId).addArrayOfString(digests.toArray(String[]::new))).mapEmpty();
    }

    public Future<Boolean> deleteTag(SqlClient tx, long repositoryId, String tag) {
        return tx.preparedQuery("DELETE FROM registry.tag WHERE repository_id = $1 AND name = $2")
                .execute(Tuple.of(repositoryId, tag)).map(r -> r.rowCount() > 0);
    }
}
