package io.berth.registry.gc;

import io.agroal.api.AgroalDataSource;
import io.berth.common.gc.GcItem;
import io.berth.common.gc.GcKey;
import io.berth.common.gc.GcPage;
import io.berth.common.gc.GcPageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** Pages of candidates for each phase ({@link GcQueries}); a candidate is only a proposal, collectors check again. */
@ApplicationScoped
public class GcCandidates {
    static final int MAX_PAGE = 1000;
    private final AgroalDataSource dataSource;

    GcCandidates(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public GcPage manifests(GcPageRequest page) throws SQLException {
        return repositoryPage(GcQueries.MANIFEST_CANDIDATES, page);
    }

    public GcPage links(GcPageRequest page) throws SQLException {
        return repositoryPage(GcQueries.LINK_CANDIDATES, page);
    }

    public GcPage blobs(GcPageRequest page) throws SQLException {
        int limit = limit(page);
        List<GcItem> items = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(GcQueries.BLOB_CANDIDATES)) {
            st.setLong(1, page.runId());
            st.setString(2, page.after() == null ? "" : page.after().digest());
            st.setTimestamp(3, Timestamp.from(page.cutoff()));
            st.setBoolean(4, page.dryRun());
            st.setInt(5, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    items.add(new GcItem(0, null, null, rs.getString(1), rs.getLong(2)));
                }
            }
        }
        return page(items, limit);
    }

    private GcPage repositoryPage(String sql, GcPageRequest page) throws SQLException {
        int limit = limit(page);
        List<GcItem> items = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, page.runId());
            st.setLong(2, page.after() == null ? 0 : page.after().repositoryId());
            st.setString(3, page.after() == null ? "" : page.after().digest());
            st.setTimestamp(4, Timestamp.from(page.cutoff()));
            st.setInt(5, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    items.add(new GcItem(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)));
                }
            }
        }
        return page(items, limit);
    }

    private static int limit(GcPageRequest page) {
        if (page.cutoff() == null || page.limit() < 1 || page.limit() > MAX_PAGE) {
            throw new IllegalArgumentException("cutoff is required and limit must be 1 to " + MAX_PAGE);
        }
        return page.limit();
    }

    private static GcPage page(List<GcItem> items, int limit) {
        GcItem last = items.isEmpty() ? null : items.get(items.size() - 1);
        return new GcPage(items, items.size() < limit ? null : new GcKey(last.repositoryId(), last.digest()));
    }
}
