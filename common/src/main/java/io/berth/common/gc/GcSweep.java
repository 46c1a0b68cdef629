package io.berth.common.gc;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * {@code POST /internal/gc/orphans/sweep}: the next page (at most {@code limit} ≤ 1000 stored objects, after the
 * storage path {@code after}; null: from the first) of the orphan sweep of {@code area} ({@value #BLOBS}: blob
 * content without a {@code blob} row; {@value #UPLOADS}: upload directories without an {@code upload} row), deleting
 * (a dry run: reporting) the orphans last modified before {@code cutoff}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GcSweep(long runId, Instant cutoff, boolean dryRun, String area, String after, int limit) {
    public static final String BLOBS = "blobs";
    public static final String UPLOADS = "uploads";
}
