package io.berth.common.scan;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What a {@code SCAN} task posts to core's internal scan API ({@code POST /internal/scan/reports}, token audience
 * {@link io.berth.common.token.Audiences#CORE_SCAN}) when the adapter gave its report: the report core recorded
 * ({@code reportId}), the report's MIME type and its JSON as the adapter wrote it. Storing it twice (a task tried again
 * after a crash) stores it once.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FinishedScan(String reportId, String mimeType, String report) {

    public static final String PATH = "/internal/scan/";
}
