package io.berth.common.gc;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code POST /internal/gc/start}: a run begins; {@code timeWindowHours} overrides {@code registry.gc_grace} (null: the configured grace). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GcStart(long runId, Integer timeWindowHours, boolean dryRun) {}
