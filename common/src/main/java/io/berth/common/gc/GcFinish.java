package io.berth.common.gc;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code POST /internal/gc/finish}: the run is over (its dry-run marks are deleted). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GcFinish(long runId) {}
