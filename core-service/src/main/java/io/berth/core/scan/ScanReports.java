package io.berth.core.scan;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The rows of {@code core.scan_report} (db/core V18): a report recorded when its scan is asked for, its execution set once
 * jobservice recorded it, the adapter's report stored once. Each change is one statement; the report itself is read only
 * where it is served.
 */
@ApplicationScoped
public class ScanReports {
    private static final String COLUMNS = "id, uuid, project_id, repository, digest, registration_uuid, scanner_name, scanner_vendor, "
            + "scanner_version, scan_type, mime_type, execution_id, severity, summary::text, start_time, end_time, report IS NOT NULL";

    private final AgroalDataSource db;

    ScanReports(AgroalDataSource db) {
        this.db = db;
    }

    /** A report as recorded; {@code summary} is its JSON, {@code done} whether the adapter's report is stored. */
    public record Row(long id, String uuid, long projectId, String repository, String digest, String registrationUuid, String scannerName,
            String scannerVendor, String scannerVersion, String scanType, String mimeType, Long executionId, String severity, String summary,
            OffsetDateTime startTime, OffsetDateTime endTime, boolean done) {}

    /** What to record before asking jobservice. */
    public record NewReport(String uuid, long projectId, String repository, String digest, String registrationUuid, String scannerName,
            String scannerVendor, String scannerVersion, String scanType, String mimeType, String triggerKey) {}

    /** Records a report; empty if one with the same trigger key is recorded already (the event was handled). */
    public Optional<Row> insert(NewReport r) {
        String sql = "INSERT INTO core.scan_report (uuid, project_id, repository, digest, registration_uuid, scanner_name, scanner_vendor, "
                + "scanner_version, scan_type, mime_type, trigger_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (trigger_key) DO NOTHING RETURNING " + COLUMNS;
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, r.uuid());
            st.setLong(2, r.projectId());
            st.setString(3, r.repository());
            st.setString(4, r.digest());
            st.setString(5, r.registrationUuid());
            st.setString(6, r.scannerName());
            st.setString(7, r.scannerVendor() == null ? "" : r.scannerVendor());
            st.setString(8, r.scannerVersion() == null ? "" : r.scannerVersion());
            st.setString(9, r.scanType());
            st.setString(10, r.mimeType());
            st.setString(11, r.triggerKey());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the scan report: " + e.getMessage(), e);
        }
    }

    public void setExecution(String uuid, long executionId) {
        update("UPDATE core.scan_report SET execution_id = ? WHERE uuid = ?", st -> {
            st.setLong(1, executionId);
            st.setString(2, uuid);
        });
    }

    public void delete(String uuid) {
        update("DELETE FROM core.scan_report WHERE uuid = ?", st -> st.setString(1, uuid));
    }

    /** Stores the adapter's report and its summary, once: false if there is no such report (true again for a second post). */
    public boolean store(String uuid, String report, ReportSummary summary, String summaryJson) {
        int[] changed = {0};
        update("UPDATE core.scan_report SET report = ?::jsonb, severity = ?, summary = ?::jsonb, end_time = now() WHERE uuid = ? AND report IS NULL",
                st -> {
                    st.setString(1, report);
                    st.setString(2, summary.severity());
                    st.setString(3, summaryJson);
                    st.setString(4, uuid);
                }, changed);
        return changed[0] == 1 || byUuid(uuid).isPresent();
    }

    public Optional<Row> byUuid(String uuid) {
        List<Row> rows = rows("SELECT " + COLUMNS + " FROM core.scan_report WHERE uuid = ?", st -> st.setString(1, uuid));
        return rows.stream().findFirst();
    }

    /** The reports of one SCAN or SCAN_ALL execution, by id. */
    public List<Row> ofExecution(long executionId) {
        return rows("SELECT " + COLUMNS + " FROM core.scan_report WHERE execution_id = ? ORDER BY id", st -> st.setLong(1, executionId));
    }

    /** The newest report of each of these digests per MIME type. */
    public List<Row> latest(Collection<String> digests) {
        if (digests.isEmpty()) {
            return List.of();
        }
        return rows("SELECT DISTINCT ON (digest, mime_type) " + COLUMNS + " FROM core.scan_report WHERE digest = ANY (?) "
                + "ORDER BY digest, mime_type, id DESC", st -> st.setArray(1, st.getConnection().createArrayOf("text", digests.toArray())));
    }

    /** The stored report's JSON, or null. */
    public String report(String uuid) {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("SELECT report::text FROM core.scan_report WHERE uuid = ?")) {
            st.setString(1, uuid);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read scan report " + uuid + ": " + e.getMessage(), e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement st) throws SQLException;
    }

    private void update(String sql, Binder binder, int... changed) {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            binder.bind(st);
            int n = st.executeUpdate();
            if (changed.length > 0) {
                changed[0] = n;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change the scan reports: " + e.getMessage(), e);
        }
    }

    private List<Row> rows(String sql, Binder binder) {
        List<Row> rows = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            binder.bind(st);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the scan reports: " + e.getMessage(), e);
        }
        return rows;
    }

    private static Row row(ResultSet rs) throws SQLException {
        long execution = rs.getLong(12);
        return new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.wasNull() ? null : execution, rs.getString(13),
                rs.getString(14), rs.getObject(15, OffsetDateTime.class), rs.getObject(16, OffsetDateTime.class), rs.getBoolean(17));
    }
}
