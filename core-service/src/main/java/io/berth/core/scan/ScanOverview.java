package io.berth.core.scan;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Harbor's NativeReportSummary, one entry of an artifact's {@code scan_overview} (keyed by report MIME type): the report,
 * its status ({@code Pending}, {@code Running}, {@code Success}, {@code Error}, {@code Stopped}), and once done its severity,
 * counts and how long it took.
 */
public record ScanOverview(String reportId, String scanStatus, String severity, Long duration, Summary summary, OffsetDateTime startTime,
        OffsetDateTime endTime, int completePercent, Scanner scanner) {

    /** Harbor's VulnerabilitySummary. */
    public record Summary(int total, int fixable, Map<String, Integer> summary) {}

    /** Harbor's Scanner of a report. */
    public record Scanner(String name, String vendor, String version) {}

    static ScanOverview of(ScanReports.Row row, String status, ReportSummary summary, OffsetDateTime end) {
        boolean done = "Success".equals(status);
        return new ScanOverview(row.uuid(), status, done ? summary.severity() : null,
                end == null ? null : Duration.between(row.startTime(), end).toSeconds(),
                done ? new Summary(summary.total(), summary.fixable(), summary.summary()) : null, row.startTime(), end,
                done ? 100 : 0, new Scanner(row.scannerName(), row.scannerVendor(), row.scannerVersion()));
    }
}
