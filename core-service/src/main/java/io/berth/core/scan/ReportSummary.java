package io.berth.core.scan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Harbor's vulnerability summary of a report: the overall {@code severity} (the report's own, else the highest finding's,
 * {@code None} when there is none), the number of findings ({@code total}), of those with a fix ({@code fixable}) and of
 * each severity ({@code summary}, only the severities found).
 */
public record ReportSummary(String severity, int total, int fixable, Map<String, Integer> summary) {
    /** Harbor's severities, lowest first. */
    public static final List<String> SEVERITIES = List.of("None", "Unknown", "Negligible", "Low", "Medium", "High", "Critical");

    /** The summary of a report of the spec's HarborVulnerabilityReport shape. */
    public static ReportSummary of(JsonNode report) {
        Map<String, Integer> counts = new TreeMap<>();
        int total = 0;
        int fixable = 0;
        String highest = "None";
        for (JsonNode v : report.path("vulnerabilities")) {
            String severity = known(v.path("severity").asText("Unknown"));
            counts.merge(severity, 1, Integer::sum);
            total++;
            if (!v.path("fix_version").asText("").isBlank()) {
                fixable++;
            }
            if (SEVERITIES.indexOf(severity) > SEVERITIES.indexOf(highest)) {
                highest = severity;
            }
        }
        String stated = report.path("severity").asText("");
        return new ReportSummary(stated.isEmpty() ? highest : known(stated), total, fixable, counts);
    }

    /** {@code severity} as Harbor spells it ({@code HIGH} is High), or Unknown. */
    public static String known(String severity) {
        return SEVERITIES.stream().filter(s -> s.equalsIgnoreCase(severity.trim())).findFirst().orElse("Unknown");
    }
}
