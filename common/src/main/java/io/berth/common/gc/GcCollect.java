package io.berth.common.gc;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/** {@code POST /internal/gc/{manifests,links,blobs}/collect}: at most 100 candidates to lock, check again and delete (a dry run: mark). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GcCollect(long runId, Instant cutoff, boolean dryRun, List<GcItem> items) {}
