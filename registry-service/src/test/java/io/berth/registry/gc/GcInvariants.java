package io.berth.registry.gc;

import io.berth.registry.storage.StorageDriver;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * What must hold between the registry's rows and bytes, whatever GC and pushes did (restricted to one project, as
 * other test classes may share the database): each violation as a line.
 */
final class GcInvariants {
    private GcInvariants() {}

    static List<String> violations(DataSource dataSource, StorageDriver storage, String project) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            out.addAll(lines(c, "SELECT 'manifest ' || r.name || '@' || mb.manifest_digest || ' references ' || mb.blob_digest "
                    + "|| ' without a link' FROM registry.manifest_blob mb JOIN registry.repository r ON r.id = mb.repository_id "
                    + "WHERE r.project = ? AND NOT EXISTS (SELECT 1 FROM registry.repository_blob rb "
                    + "WHERE rb.repository_id = mb.repository_id AND rb.digest = mb.blob_digest)", project));
            out.addAll(lines(c, "SELECT 'usage of ' || pb.digest || ' without a link in the project' FROM registry.project_blob pb "
                    + "WHERE pb.project = ? AND NOT EXISTS (SELECT 1 FROM registry.repository_blob rb "
                    + "JOIN registry.repository r ON r.id = rb.repository_id WHERE r.project = pb.project AND rb.digest = pb.digest)", project));
            out.addAll(lines(c, "SELECT 'link ' || r.name || '@' || rb.digest || ' without usage' FROM registry.repository_blob rb "
                    + "JOIN registry.repository r ON r.id = rb.repository_id WHERE r.project = ? AND NOT EXISTS "
                    + "(SELECT 1 FROM registry.project_blob pb WHERE pb.project = r.project AND pb.digest = rb.digest)", project));
            for (String digest : lines(c, "SELECT DISTINCT rb.digest FROM registry.repository_blob rb "
                    + "JOIN registry.repository r ON r.id = rb.repository_id WHERE r.project = ?", project)) {
                if (!storage.exists(PushLocksTest.blobPath(digest))) {
                    out.add("linked blob " + digest + " has no bytes");
                }
            }
        }
        return out;
    }

    private static List<String> lines(Connection c, String sql, String project) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, project);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
