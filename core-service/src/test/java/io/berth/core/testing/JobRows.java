package io.berth.core.testing;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** jobservice's rows as core tests write them, for what core reads from its views: a run of a housekeeping job, with its one task. */
public final class JobRows {
    private JobRows() {}

    /** A manual execution of {@code kind} (ended now unless {@code Running}) with one task of {@code params}; its id. */
    public static long execution(AgroalDataSource db, String kind, String status, String taskStatus, String params, String report, String log)
            throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "WITH e AS (INSERT INTO jobs.execution (vendor_type, vendor_id, trigger, status, end_time) VALUES (?, 0, "
                        + "'MANUAL', ?, CASE WHEN ? = 'Running' THEN NULL ELSE now() END) RETURNING id) "
                        + "INSERT INTO jobs.task (execution_id, kind, params, status, report, log) SELECT id, ?, ?::jsonb, ?, ?::jsonb, ? FROM e "
                        + "RETURNING execution_id")) {
            st.setString(1, kind);
            st.setString(2, status);
            st.setString(3, status);
            st.setString(4, kind);
            st.setString(5, params);
            st.setString(6, taskStatus);
            st.setString(7, report);
            st.setString(8, log);
            ResultSet rs = st.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }
}
