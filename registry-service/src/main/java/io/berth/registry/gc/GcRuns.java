package io.berth.registry.gc;

import io.agroal.api.AgroalDataSource;
import io.berth.common.config.RegistryConfig;
import io.berth.common.gc.GcFinish;
import io.berth.common.gc.GcStart;
import io.berth.common.gc.GcStarted;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/** The start and end of a GC run: its cutoff, computed once by PostgreSQL, and the clean-up of its dry-run marks. */
@ApplicationScoped
public class GcRuns {
    private final AgroalDataSource dataSource;
    private final Duration grace;

    GcRuns(AgroalDataSource dataSource, RegistryConfig registry) {
        this.dataSource = dataSource;
        this.grace = registry.gcGrace();
    }

    public GcStarted start(GcStart start) throws SQLException {
        if (start.timeWindowHours() != null && start.timeWindowHours() < 0) {
            throw new IllegalArgumentException("time_window_hours must be 0 or more");
        }
        Duration window = start.timeWindowHours() == null ? grace : Duration.ofHours(start.timeWindowHours());
        try (Connection c = dataSource.getConnection()) {
            GcMarks.forget(c, start.runId());
            try (PreparedStatement st = c.prepareStatement("SELECT now() - ?::float8 * interval '1 millisecond'")) {
                st.setDouble(1, window.toMillis());
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return new GcStarted(rs.getTimestamp(1).toInstant(), window.toSeconds());
                }
            }
        }
    }

    public void finish(GcFinish finish) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            GcMarks.forget(c, finish.runId());
        }
    }
}
