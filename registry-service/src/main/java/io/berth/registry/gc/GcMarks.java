package io.berth.registry.gc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * What a dry run would have deleted ({@code registry.gc_mark}, unlogged), so that its later phases count what earlier
 * ones freed. Written after the dry run's transaction rolled back; deleted by {@code finish}, or a day later.
 */
final class GcMarks {
    record Mark(long repositoryId, String digest) {}

    private GcMarks() {}

    static void mark(DataSource dataSource, long runId, char kind, List<Mark> marks) throws SQLException {
        if (marks.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO registry.gc_mark (run_id, kind, repository_id, digest) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (Mark m : marks) {
                st.setLong(1, runId);
                st.setString(2, String.valueOf(kind));
                st.setLong(3, m.repositoryId());
                st.setString(4, m.digest());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    static void forget(Connection c, long runId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM registry.gc_mark WHERE run_id = ? OR created_at < now() - interval '1 day'")) {
            st.setLong(1, runId);
            st.executeUpdate();
        }
    }
}
