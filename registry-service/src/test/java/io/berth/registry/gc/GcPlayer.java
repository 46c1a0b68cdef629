package io.berth.registry.gc;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * A transaction the test holds open while it plays garbage collection (locks rows, deletes them) or a push (holds a
 * {@code KEY SHARE}), so that a request can be made to meet it at a chosen point. {@link #awaitBlocking} waits until
 * another session waits for one of this transaction's locks ({@code pg_blocking_pids}): no sleeps.
 */
public final class GcPlayer implements AutoCloseable {
    private final DataSource dataSource;
    private final Connection c;
    private final int pid;

    public GcPlayer(DataSource dataSource) throws SQLException {
        this.dataSource = dataSource;
        c = dataSource.getConnection();
        c.setAutoCommit(false);
        try (ResultSet rs = c.createStatement().executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            pid = rs.getInt(1);
        }
    }

    /** Runs a statement in the held transaction; the number of rows it returned or changed. */
    public int sql(String sql, Object... params) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            if (st.execute()) {
                int n = 0;
                try (ResultSet rs = st.getResultSet()) {
                    while (rs.next()) {
                        n++;
                    }
                }
                return n;
            }
            return st.getUpdateCount();
        }
    }

    /** Waits until some other session waits for a lock this transaction holds. */
    public void awaitBlocking() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> blockedSessions() > 0);
    }

    private int blockedSessions() throws SQLException {
        // on a connection of its own: a transaction sees pg_stat_activity as it was at its first look
        try (Connection probe = dataSource.getConnection(); PreparedStatement st = probe.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))")) {
            st.setInt(1, pid);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    public void commit() throws SQLException {
        c.commit();
    }

    public void rollback() throws SQLException {
        c.rollback();
    }

    @Override
    public void close() throws SQLException {
        if (!c.isClosed()) {
            c.rollback();
            c.close();
        }
    }
}
