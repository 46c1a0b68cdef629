package io.berth.registry.upload;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Upload session rows. A replica receiving a chunk claims the session (busy_until), so two
 * requests never append to one upload at once; the claim lapses if that replica dies.
 */
@ApplicationScoped
public class UploadSessions {
    private static final String COLUMNS = "id, repository, size, hash_state, driver_state, started_at";
    private static final Duration CLAIM = Duration.ofHours(1);

    private final Pool db;

    UploadSessions(Pool db) {
        this.db = db;
    }

    public Future<Void> create(UUID id, String repository) {
        return db.preparedQuery("INSERT INTO registry.upload (id, repository) VALUES ($1, $2)")
                .execute(Tuple.of(id, repository)).mapEmpty();
    }

    /** The session, or null if there is none of that id in that repository. */
    public Future<UploadSession> find(UUID id, String repository) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM registry.upload WHERE id = $1 AND repository = $2")
                .execute(Tuple.of(id, repository)).map(rows -> rows.iterator().hasNext() ? of(rows.iterator().next()) : null);
    }

    /** Claims the session for one request; null if unknown, {@link Busy} if another request holds it. */
    public Future<UploadSession> claim(UUID id, String repository) {
        return db.preparedQuery("UPDATE registry.upload SET busy_until = now() + make_interval(secs => $3) "
                        + "WHERE id = $1 AND repository = $2 AND (busy_until IS NULL OR busy_until < now()) RETURNING " + COLUMNS)
                .execute(Tuple.of(id, repository, (double) CLAIM.toSeconds()))
                .compose(rows -> {
                    if (rows.iterator().hasNext()) {
                        return Future.succeededFuture(of(rows.iterator().next()));
                    }
                    return find(id, repository).compose(s -> s == null ? Future.succeededFuture(null) : Future.failedFuture(new Busy()));
                });
    }

    /** Records a received chunk and releases the claim. */
    public Future<Void> advance(UUID id, long size, byte[] hashState, String driverState) {
        return db.preparedQuery("UPDATE registry.upload SET size = $2, hash_state = $3, driver_state = $4, "
                        + "updated_at = now(), busy_until = NULL WHERE id = $1")
                .execute(Tuple.of(id, size, hashState == null ? null : Buffer.buffer(hashState), driverState)).mapEmpty();
    }

    /** Releases the claim, leaving the session as it was. */
    public Future<Void> release(UUID id) {
        return db.preparedQuery("UPDATE registry.upload SET busy_until = NULL WHERE id = $1").execute(Tuple.of(id)).mapEmpty();
    }

    public Future<Boolean> delete(SqlClient client, UUID id) {
        return client.preparedQuery("DELETE FROM registry.upload WHERE id = $1").execute(Tuple.of(id)).map(r -> r.rowCount() > 0);
    }

    /** Deletes sessions untouched for {@code age} and not being written; returns them as they were. */
    public Future<List<UploadSession>> deleteStale(Duration age) {
        return db.preparedQuery("DELETE FROM registry.upload WHERE updated_at < now() - make_interval(secs => $1) "
                        + "AND (busy_until IS NULL OR busy_until < now()) RETURNING " + COLUMNS)
                .execute(Tuple.of((double) age.toSeconds()))
                .map(rows -> {
                    List<UploadSession> stale = new ArrayList<>();
                    for (Row row : rows) {
                        stale.add(of(row));
                    }
                    return stale;
                });
    }

    private static UploadSession of(Row row) {
        Buffer state = row.getBuffer("hash_state");
        return new UploadSession(row.getUUID("id"), row.getString("repository"), row.getLong("size"),
                state == null ? null : state.getBytes(), row.getString("driver_state"), row.getOffsetDateTime("started_at"));
    }

    /** Another request is writing to this upload right now. */
    public static class Busy extends RuntimeException {
        Busy() {
            super("upload is busy", null, false, false);
        }
    }
}
