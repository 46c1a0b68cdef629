package io.berth.registry.blob;

import io.berth.common.digest.Digest;
import io.berth.common.oci.RepositoryName;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Blob metadata: which blobs exist (with their size) and which repositories may read them. A blob
 * is readable in a repository only through a link, whatever other repositories hold.
 */
@ApplicationScoped
public class BlobLinks {

    /** Size of the blob if {@code repository} may read it, else null. */
    public Future<Long> linkedSize(SqlClient db, String repository, Digest digest) {
        return db.preparedQuery("SELECT b.size FROM registry.blob b "
                        + "JOIN registry.repository_blob rb ON rb.digest = b.digest "
                        + "JOIN registry.repository r ON r.id = rb.repository_id "
                        + "WHERE r.name = $1 AND b.digest = $2")
                .execute(Tuple.of(repository, digest.toString()))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong(0) : null);
    }

    /** Size of the blob if it is stored at all, else null. */
    public Future<Long> storedSize(SqlClient db, Digest digest) {
        return db.preparedQuery("SELECT size FROM registry.blob WHERE digest = $1").execute(Tuple.of(digest.toString()))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong(0) : null);
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
     * Records the blob (if new) and links it into the repository and its project's usage. Idempotent.
     * The usage row is locked even when it exists, so that an unlink deciding whether it was the
     * project's last link waits for this one (see {@link #unlink}).
     */
    public Future<Void> link(SqlClient tx, long repositoryId, String project, Digest digest, long size) {
        return tx.preparedQuery("INSERT INTO registry.blob (digest, size) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(digest.toString(), size))
                .compose(v -> tx.preparedQuery("INSERT INTO registry.repository_blob (repository_id, digest) VALUES ($1, $2) "
                        + "ON CONFLICT DO NOTHING").execute(Tuple.of(repositoryId, digest.toString())))
                .compose(v -> tx.preparedQuery("INSERT INTO registry.project_blob (project, digest, size) VALUES ($1, $2, $3) "
                        + "ON CONFLICT (project, digest) DO UPDATE SET size = registry.project_blob.size")
                        .execute(Tuple.of(project, digest.toString(), size)))
                .mapEmpty();
    }

    /**
     * Removes the repository's link to the blob, and the blob from its project's usage when no other
     * repository of the project links it; whether there was a link. The usage row is locked first, so
     * a concurrent link into the project is either seen by the last-link check or comes after it.
     */
    public Future<Boolean> unlink(Pool db, RepositoryName repository, Digest digest) {
        Tuple usage = Tuple.of(repository.project(), digest.toString());
        return db.withTransaction(tx -> tx.preparedQuery("SELECT 1 FROM registry.project_blob WHERE project = $1 AND digest = $2 "
                        + "FOR UPDATE").execute(usage)
                .compose(locked -> tx.preparedQuery("DELETE FROM registry.repository_blob rb USING registry.repository r "
                        + "WHERE rb.repository_id = r.id AND r.name = $1 AND rb.digest = $2")
                        .execute(Tuple.of(repository.value(), digest.toString())))
                .compose(unlinked -> unlinked.rowCount() == 0 ? Future.succeededFuture(false)
                        : tx.preparedQuery("DELETE FROM registry.project_blob pb WHERE pb.project = $1 AND pb.digest = $2 "
                                + "AND NOT EXISTS (SELECT 1 FROM registry.repository_blob rb "
                                + "JOIN registry.repository r ON r.id = rb.repository_id WHERE r.project = $1 AND rb.digest = $2)")
                                .execute(usage).map(true)));
    }
}
