package io.berth.service.db;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * What a failed database call means for the request that made it: PostgreSQL out of reach (down,
 * restarting, failing over, out of connections: answer 503 and let the client retry), a transaction
 * that lost a conflict (retry at once), or anything else (a bug of ours: 500). Read from the SQLSTATE
 * when PostgreSQL answered, from the exception type when the connection itself failed: {@link #classify}
 * for the reactive client's failures (registry-service), {@link #unavailableInJdbc} for JDBC's (core-service
 * and jobservice, through {@code HarborExceptionMapper}).
 */
public final class DatabaseErrors {
    private static final java.util.regex.Pattern LOST = java.util.regex.Pattern.compile(
            "(?i)connection (is not active|refused|reset|closed)|current status: CLOSED|pool (is )?closed|max wait queue size");

    private DatabaseErrors() {}

    public enum Kind {
        /** PostgreSQL cannot be reached or cannot serve: 08 connection, 53 resources, 57 operator intervention (shutdown), or a broken socket. */
        UNAVAILABLE,
        /** Serialization failure or deadlock (class 40): the same request may succeed if sent again. */
        CONFLICT,
        /** Neither: a violated constraint, a bad statement, or not a database failure at all. */
        OTHER
    }

    public static Kind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && pg.getSqlState() != null) {
                String state = pg.getSqlState();
                if (state.startsWith("40")) {
                    return Kind.CONFLICT;
                }
                return unavailableState(state) ? Kind.UNAVAILABLE : Kind.OTHER;
            }
            if (t instanceof ClosedConnectionException || t instanceof ConnectException || t instanceof TimeoutException
                    || t instanceof IOException || t instanceof io.vertx.core.http.ConnectionPoolTooBusyException) {
                return Kind.UNAVAILABLE; // netty's "Connection reset by peer", refused connections, a pool that timed out
            }
            // the client's own words for a connection it lost or never had ("Connection is not active now, current
            // status: CLOSED", "Connection refused", "Pool closed"), thrown as VertxException or NoStackTraceThrowable
            if (t.getClass().getName().startsWith("io.vertx.") && t.getMessage() != null && LOST.matcher(t.getMessage()).find()) {
                return Kind.UNAVAILABLE;
            }
        }
        return Kind.OTHER;
    }

    /**
     * PostgreSQL out of reach (stopped, restarting, failing over, out of connections) as JDBC reports it, however
     * Hibernate, Agroal, Narayana or the driver wrap it: an SQLSTATE of class 08 (connection), 53 (resources) or 57
     * (operator intervention: "terminating connection due to administrator command"), or a connection exception
     * without one, among the causes or the suppressed exceptions (a commit that failed is Narayana's
     * RollbackException with the driver's exception suppressed in an XAException). The request may succeed once
     * the database answers again: 503, not a 500 that reads as a bug. Any such exception counts, wherever it is:
     * unlike {@link #classify}, which the first PostgreSQL answer among the causes decides.
     */
    public static boolean unavailableInJdbc(Throwable failure) {
        return unavailableInJdbc(failure, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static boolean unavailableInJdbc(Throwable t, Set<Throwable> seen) {
        if (t == null || !seen.add(t) || seen.size() > 100) {
            return false;
        }
        if (t instanceof SQLException sql) {
            if (sql.getSQLState() != null && unavailableState(sql.getSQLState())) {
                return true;
            }
            if (sql instanceof SQLTransientConnectionException || sql instanceof SQLNonTransientConnectionException) {
                return true;
            }
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (unavailableInJdbc(suppressed, seen)) {
                return true;
            }
        }
        return unavailableInJdbc(t.getCause(), seen);
    }

    private static boolean unavailableState(String sqlState) {
        return sqlState.startsWith("08") || sqlState.startsWith("53") || sqlState.startsWith("57");
    }
}
