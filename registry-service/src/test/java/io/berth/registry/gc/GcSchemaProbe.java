package io.berth.registry.gc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** The plans of the package-private candidate queries, for the schema test. */
public final class GcSchemaProbe {
    private GcSchemaProbe() {}

    public static String manifestCandidatesPlan(Connection c) throws SQLException {
        return explain(c, GcQueries.MANIFEST_CANDIDATES, 1L, 0L, "", now(), 100);
    }

    public static String linkCandidatesPlan(Connection c) throws SQLException {
        return explain(c, GcQueries.LINK_CANDIDATES, 1L, 0L, "", now(), 100);
    }

    public static String blobCandidatesPlan(Connection c) throws SQLException {
        return explain(c, GcQueries.BLOB_CANDIDATES, 1L, "", now(), false, 100);
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }

    private static String explain(Connection c, String sql, Object... params) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (PreparedStatement st = c.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
        }
        return plan.toString();
    }
}
