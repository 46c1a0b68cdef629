package io.berth.common.gc;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/** {@code POST /internal/gc/{manifests,links,blobs}/candidates}: the page after {@code after} (null: the first), at most {@code limit} (≤ 1000). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GcPageRequest(long runId, Instant cutoff, boolean dryRun, GcKey after, int limit) {}
