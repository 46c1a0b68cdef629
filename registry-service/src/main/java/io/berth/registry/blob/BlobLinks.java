package io.berth.registry.blob;

import io.berth.common.digest.Digest;
import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import io.berth.common.oci.RepositoryName;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Blob metadata: which blobs exist (with their size) and which repositories may read them. A blob
 * is readable in a repository only through a link, whatever other repositories hold.
 */
@ApplicationScoped
public class BlobLinks {
    private static final int LOCK_BLOB_ATTEMPTS = 3;

    /**
     * Size of the blob if {@code repository} may read it, else null. A link last confirmed before {@code staleBefore}
     * is confirmed now (its {@code linked_at} set), so that garbage collection spares it for a grace period: a client
     * that checked the blob may push a manifest referencing it. A link that went meanwhile reads as null. A blob a
     * scrub quarantined fails with {@link Quarantined} (BLOB_UNKNOWN, saying why): its bytes are not served.
     */
    public Future<Long> readable(SqlClient db, String repository, Digest digest, Duration staleAfter) {
        return db.preparedQuery("SELECT b.size, rb.repository_id, rb.linked_at < now() - $3::float8 * interval '1 millisecond', "
                        + "b.quarantined_at, b.quarantine_reason FROM registry.blob b "
                        + "JOIN registry.repository_blob rb ON rb.digest = b.digest "
                        + "JOIN registry.repository r ON r.id = rb.repository_id "
                        + "WHERE r.name = $1 AND b.digest = $2")
                .execute(Tuple.of(repository, digest.toString(), millis(staleAfter)))
                .compose(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Future.succeededFuture(null);
                    }
                    Row row = rows.iterator().next();
                    if (row.getValue(3) != null) {
                        return Future.failedFuture(new Quarantined(digest, row.getOffsetDateTime(3), row.getString(4)));
                    }
                    long size = row.getLong(0);
                    if (!row.getBoolean(2)) {
                        return Future.succeededFuture(size);
                    }
                    return db.preparedQuery("UPDATE registry.repository_blob SET linked_at = now() WHERE repository_id = $1 AND digest = $2")
                            .execute(Tuple.of(row.getLong(1), digest.toString()))
                            .map(updated -> updated.rowCount() == 0 ? null : size);
                });
    }

    /**
     * A pull of a quarantined blob: {@code BLOB_UNKNOWN} (404, so that a pushing client's {@code HEAD} uploads it again,
     * which repairs it), with a message that says why and what to do.
     */
    public static final class Quarantined extends OciException {
        Quarantined(Digest digest, java.time.OffsetDateTime since, String reason) {
            super(OciErrorCode.BLOB_UNKNOWN, "blob " + digest + " is quarantined: its stored bytes do not match its digest ("
                    + reason + "); push the blob again to repair it", java.util.Map.of("digest", digest.toString(),
                    "quarantined_at", String.valueOf(since), "reason", String.valueOf(reason)));
        }
    }

    /** A duration as the milliseconds the queries here multiply {@code interval '1 millisecond'} by. */
    public static double millis(Duration d) {
        return (double) d.toMillis();
    }

    /**
     * Size of the blob if {@code repository} may read it, else null, with the link locked ({@code FOR KEY SHARE})
     * until the transaction ends: garbage collection cannot delete it, or the blob, while a mount copies it. A
     * quarantined blob reads as null: it is not mounted (the client uploads it instead, which repairs it).
     */
    public Future<Long> lockHolder(SqlClient tx, String repository, Digest digest) {
        return tx.preparedQuery("SELECT b.size FROM registry.repository_blob rb "
                        + "JOIN registry.repository r ON r.id = rb.repository_id JOIN registry.blob b ON b.digest = rb.digest "
                        + "WHERE r.name = $1 AND rb.digest = $2 AND b.quarantined_at IS NULL FOR KEY SHARE OF rb")
                .execute(Tuple.of(repository, digest.toString()))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong(0) : null);
    }

    /**
     * Size of the blob from the first of {@code holders} that still links it, that link locked until the transaction
     * ends (so garbage collection keeps it, and the blob, while the mount links it); null if none does.
     */
    public Future<Long> lockFirstHolder(SqlClient tx, Iterator<String> holders, Digest digest) {
        if (!holders.hasNext()) {
            return Future.succeededFuture(null);
        }
        return lockHolder(tx, holders.next(), digest)
                .compose(size -> size != null ? Future.succeededFuture(size) : lockFirstHolder(tx, holders, digest));
    }

    /**
     * Locks the blob's row until the transaction ends, inserting it if there is none: its bytes may then be checked
     * and placed without garbage collection deleting them meanwhile (GC deletes bytes only with the row locked
     * {@code FOR UPDATE}, and skips locked rows). A row GC deleted while this waited is inserted afresh. Whether the
     * blob is quarantined (its stored bytes are wrong: the caller replaces them, then {@link #clearQuarantine}).
     */
    public Future<Boolean> lockBlob(SqlClient tx, Digest digest, long size) {
        return lockBlob(tx, digest, size, 1);
    }

    private Future<Boolean> lockBlob(SqlClient tx, Digest digest, long size, int attempt) {
        Tuple key = Tuple.of(digest.toString());
        return tx.preparedQuery("INSERT INTO registry.blob (digest, size) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1")
                .execute(Tuple.of(digest.toString(), size))
                .compose(inserted -> inserted.rowCount() > 0 ? Future.succeededFuture(Boolean.FALSE)
                        : tx.preparedQuery("SELECT quarantined_at IS NOT NULL FROM registry.blob WHERE digest = $1 FOR KEY SHARE").execute(key)
                                .map(locked -> locked.rowCount() > 0 ? locked.iterator().next().getBoolean(0) : null))
                .compose(quarantined -> {
                    if (quarantined != null) {
                        return Future.succeededFuture(quarantined);
                    }
                    if (attempt == LOCK_BLOB_ATTEMPTS) {
                        return Future.failedFuture(new IllegalStateException("blob " + digest + " kept being deleted while it was stored"));
                    }
                    return lockBlob(tx, digest, size, attempt + 1);
                });
    }

    /** Ends the quarantine of a blob whose verified bytes the transaction (holding its row, {@link #lockBlob}) just stored again. */
    public Future<Void> clearQuarantine(SqlClient tx, Digest digest) {
        return tx.preparedQuery("UPDATE registry.blob SET quarantined_at = NULL, quarantine_reason = NULL WHERE digest = $1")
                .execute(Tuple.of(digest.toString())).mapEmpty();
    }

    /**
     * Records a blob whose bytes an upload placed in a transaction that was then rolled back (a push its project's quota
     * refused), unless the row is there: linked nowhere, it is garbage that GC deletes, bytes and row, after its grace period.
     */
    public Future<Void> keepUnlinked(SqlClient tx, Digest digest, long size) {
        return tx.preparedQuery("INSERT INTO registry.blob (digest, size) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(digest.toString(), size)).mapEmpty();
    }

    /** Some repositories that hold the blob (for mounting it into another the caller may read from). */
    public Future<List<String>> holders(SqlClient db, Digest digest, int limit) {
        return db.preparedQuery("SELECT r.name FROM registry.repository_blob rb "
                        + "JOIN registry.repository r ON r.id = rb.repository_id WHERE rb.digest = $1 LIMIT $2")
                .execute(Tuple.of(digest.toString(), limit))
                .map(rows -> {
                    List<String> names = new ArrayList<>();
                    for (Row row : rows) {
                        names.add(row.getString(0));
                    }
                    return names;
                });
    }

    /**
     * Links a blob whose row the transaction holds ({@link #lockBlob}, or through a locked source link,
     * {@link #lockHolder}) into the repository and its project's usage. Idempotent. An existing link is locked and its
     * {@code linked_at} refreshed, so that garbage collection spares it for a grace period; the usage row is locked
     * even when it exists, so that an unlink deciding whether it was the project's last link waits for this one
     * (see {@link #unlink}). The bytes this adds to the project's usage: {@code size} if the project did not count the
     * blob yet, else 0 (what a quota charges, {@link io.berth.registry.quota.Quotas}).
     */
    public Future<Long> linkRepository(SqlClient tx, long repositoryId, String project, Digest digest, long size) {
        return tx.preparedQuery("INSERT INTO registry.repository_blob (repository_id, digest) VALUES ($1, $2) "
                        + "ON CONFLICT (repository_id, digest) DO UPDATE SET linked_at = now()")
                .execute(Tuple.of(repositoryId, digest.toString()))
                // xmax = 0: the row is this statement's insert, not an existing row it updated
                .compose(v -> tx.preparedQuery("INSERT INTO registry.project_blob (project, digest, size) VALUES ($1, $2, $3) "
                        + "ON CONFLICT (project, digest) DO UPDATE SET size = registry.project_blob.size RETURNING xmax = 0")
                        .execute(Tuple.of(project, digest.toString(), size)))
                .map(rows -> rows.iterator().next().getBoolean(0) ? size : 0L);
    }

    /**
     * Removes the repository's link to the blob, and the blob from its project's usage when no other
     * repository of the project links it; whether there was a link. Locks in the global order (link, then usage,
     * docs/gc.md): the link is deleted first, then the usage row locked, so that a concurrent link into the project
     * has either committed (and the last-link check, a statement after the lock, sees it) or comes after this.
     */
    public Future<Boolean> unlink(Pool db, RepositoryName repository, Digest digest) {
        Tuple usage = Tuple.of(repository.project(), digest.toString());
        return db.withTransaction(tx -> tx.preparedQuery("DELETE FROM registry.repository_blob rb USING registry.repository r "
                        + "WHERE rb.repository_id = r.id AND r.name = $1 AND rb.digest = $2")
                .execute(Tuple.of(repository.value(), digest.toString()))
                .compose(unlinked -> unlinked.rowCount() == 0 ? Future.succeededFuture(false)
                        : tx.preparedQuery("SELECT 1 FROM registry.project_blob WHERE project = $1 AND digest = $2 FOR UPDATE")
                                .execute(usage)
                                .compose(locked -> tx.preparedQuery("DELETE FROM registry.project_blob pb WHERE pb.project = $1 "
                                        + "AND pb.digest = $2 AND NOT EXISTS (SELECT 1 FROM registry.repository_blob rb "
                                        + "JOIN registry.repository r ON r.id = rb.repository_id WHERE r.project = $1 AND rb.digest = $2)")
                                        .execute(usage))
                                .map(true)));
    }
}
