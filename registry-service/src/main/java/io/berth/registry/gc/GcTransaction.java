package io.berth.registry.gc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * One GC transaction on its own JDBC connection. GC never waits for a push: its locks are {@code SKIP LOCKED}, with a
 * {@code lock_timeout} of 2 s as the backstop for the waits a statement cannot avoid (a foreign-key check). A lock
 * timeout or a deadlock makes the item busy (picked up by the next run); a foreign-key violation makes it in use.
 */
final class GcTransaction {
    static final String LOCK_TIMEOUT = "2s";

    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** What a failed transaction means for the items it held. */
    enum Outcome { BUSY, IN_USE, FAILED }

    private GcTransaction() {}

    /** Runs {@code work} in a transaction; commits unless {@code rollback}. */
    static <T> T run(DataSource dataSource, boolean rollback, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement st = c.createStatement()) {
                    st.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
                }
                T result = work.run(c);
                if (rollback) {
                    c.rollback();
                } else {
                    c.commit();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    static Outcome outcome(SQLException e) {
        String state = e.getSQLState();
        if ("55P03".equals(state) || "40P01".equals(state)) {
            return Outcome.BUSY;
        }
        return "23503".equals(state) ? Outcome.IN_USE : Outcome.FAILED;
    }
}
