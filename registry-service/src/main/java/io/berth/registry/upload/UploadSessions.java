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
 * Upload session rows. A request writing to an upload claims it: a lease of {@link #LEASE} (busy_until)
 * and a fencing token (claim), renewed every {@link #RENEW} while the request runs, so two requests never
 * append to one upload at once. A replica that dies lets its lease lapse within {@link #LEASE}; the next
 * request then takes the upload over from the size recorded. Only the holder of the current token may
 * record a chunk or release the upload: a writer frozen past its lease finds its token gone and records
 * nothing (the bytes it may still have written past the recorded size are overwritten by the next chunk,
 * and a blob is only ever stored once its digest matched).
 */
@ApplicationScoped
public class UploadSessions {
    private static final String COLUMNS = "id, repository, size, hash_state, driver_state, started_at, claim";
    static final Duration LEASE = Duration.ofSeconds(15);
    static final Duration RENEW = Duration.ofSeconds(5);

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

    /**
     * Claims the session for one request, with a new fencing token; null if unknown, {@link Busy} (with the
     * seconds its lease has left) if another request holds it.
     */
    public Future<UploadSession> claim(UUID id, String repository) {
        // taken_over: the claim replaces one never released (its holder crashed or froze); SET reads the old row
        return db.preparedQuery("UPDATE registry.upload SET busy_until = now() + make_interval(secs => $3), "
                        + "taken_over = taken_over OR claim IS NOT NULL, claim = gen_random_uuid() "
                        + "WHERE id = $1 AND repository = $2 AND (busy_until IS NULL OR busy_until < now()) RETURNING " + COLUMNS)
                .execute(Tuple.of(id, repository, (double) LEASE.toSeconds()))
                .compose(rows -> {
                    if (rows.iterator().hasNext()) {
                        return Future.succeededFuture(of(rows.iterator().next()));
                    }
                    return db.preparedQuery("SELECT ceil(extract(epoch FROM busy_until - now())) FROM registry.upload "
                                    + "WHERE id = $1 AND repository = $2")
                            .execute(Tuple.of(id, repository)).compose(left -> {
                                if (!left.iterator().hasNext()) {
                                    return Future.succeededFuture(null);
                                }
                                Object seconds = left.iterator().next().getValue(0);
                                long retry = seconds instanceof Number n ? Math.max(1, n.longValue()) : 1;
                                return Future.failedFuture(new Busy(retry));
                            });
                });
    }

    /** Extends a claim by {@link #LEASE}; false if the request no longer holds it (it lapsed and another took the upload). */
    public Future<Boolean> renew(UploadSession session) {
        return db.preparedQuery("UPDATE registry.upload SET busy_until = now() + make_interval(secs => $3) WHERE id = $1 AND claim = $2")
                .execute(Tuple.of(session.id(), session.claim(), (double) LEASE.toSeconds())).map(r -> r.rowCount() > 0);
    }

    /**
     * Locks the upload row until the transaction ends, if this request still holds its claim (else
     * {@link LeaseLost}): nobody can take the upload over while it is completed. Whether it was ever
     * taken over from a writer that never released it. A session the request made itself (no claim) is not locked.
     */
    public Future<Boolean> lockClaim(SqlClient tx, UploadSession session) {
        if (session.claim() == null) {
            return Future.succeededFuture(false);
        }
        return tx.preparedQuery("SELECT claim, taken_over FROM registry.upload WHERE id = $1 FOR UPDATE").execute(Tuple.of(session.id()))
                .compose(rows -> {
                    Row row = rows.iterator().hasNext() ? rows.iterator().next() : null;
                    return row != null && session.claim().equals(row.getUUID("claim")) ? Future.succeededFuture(row.getBoolean("taken_over"))
                            : Future.failedFuture(new LeaseLost());
                });
    }

    /** Records a received chunk and releases the claim; {@link LeaseLost} if the request no longer holds it. */
    public Future<Void> advance(UploadSession session, long size, byte[] hashState, String driverState) {
        return db.preparedQuery("UPDATE registry.upload SET size = $2, hash_state = $3, driver_state = $4, "
                        + "updated_at = now(), busy_until = NULL, claim = NULL WHERE id = $1 AND claim = $5")
                .execute(Tuple.of(session.id(), size, hashState == null ? null : Buffer.buffer(hashState), driverState, session.claim()))
                .compose(r -> r.rowCount() > 0 ? Future.succeededFuture() : Future.failedFuture(new LeaseLost()));
    }

    /** Releases the claim, leaving the session as it was (nothing, if the request no longer holds it). */
    public Future<Void> release(UploadSession session) {
        return db.preparedQuery("UPDATE registry.upload SET busy_until = NULL, claim = NULL WHERE id = $1 AND claim = $2")
                .execute(Tuple.of(session.id(), session.claim())).mapEmpty();
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
                state == null ? null : state.getBytes(), row.getString("driver_state"), row.getOffsetDateTime("started_at"),
                row.getUUID("claim"));
    }

    /** Another request is writing to this upload right now; its lease ends in {@link #retryAfterSeconds()} at most. */
    public static class Busy extends RuntimeException {
        private final long retryAfterSeconds;

        Busy(long retryAfterSeconds) {
            super("upload is busy", null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** This request's lease on the upload lapsed and another request took it over. */
    public static class LeaseLost extends RuntimeException {
        LeaseLost() {
            super("upload taken over by another request after this one's lease lapsed", null, false, false);
        }
    }
}
