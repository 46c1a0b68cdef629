package io.berth.registry.proxy;

import io.berth.common.digest.Digest;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The lease of a blob being fetched from an upstream ({@code registry.proxy_fetch}, db/registry V13), shared by every
 * replica through PostgreSQL: one holder fetches, the others wait until the row is gone. The holder renews it every
 * {@link #RENEW}; one not renewed for {@link #TERM} (its holder died) is taken over.
 */
@ApplicationScoped
public class FetchLease {
    static final Duration TERM = Duration.ofSeconds(30);
    static final Duration RENEW = Duration.ofSeconds(10);

    private final Pool db;

    FetchLease(Pool db) {
        this.db = db;
    }

    /** Whether {@code holder} now holds the lease of {@code digest}: nobody held it, or the holder's term ran out. */
    Future<Boolean> take(Digest digest, String holder) {
        return db.preparedQuery("INSERT INTO registry.proxy_fetch (digest, holder, expires_at) VALUES ($1, $2, now() + $3 * interval '1 second') "
                        + "ON CONFLICT (digest) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at "
                        + "WHERE registry.proxy_fetch.expires_at < now() RETURNING holder")
                .execute(Tuple.of(digest.toString(), holder, TERM.toSeconds())).map(rows -> rows.rowCount() == 1);
    }

    Future<Void> renew(Digest digest, String holder) {
        return db.preparedQuery("UPDATE registry.proxy_fetch SET expires_at = now() + $3 * interval '1 second' WHERE digest = $1 AND holder = $2")
                .execute(Tuple.of(digest.toString(), holder, TERM.toSeconds())).mapEmpty();
    }

    Future<Void> release(Digest digest, String holder) {
        return db.preparedQuery("DELETE FROM registry.proxy_fetch WHERE digest = $1 AND holder = $2")
                .execute(Tuple.of(digest.toString(), holder)).mapEmpty();
    }

    /** Whether someone holds the lease of {@code digest} within its term. */
    Future<Boolean> held(Digest digest) {
        return db.preparedQuery("SELECT 1 FROM registry.proxy_fetch WHERE digest = $1 AND expires_at >= now()")
                .execute(Tuple.of(digest.toString())).map(rows -> rows.rowCount() > 0);
    }
}
