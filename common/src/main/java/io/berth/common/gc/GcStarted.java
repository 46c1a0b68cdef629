package io.berth.common.gc;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/** The answer to {@link GcStart}: the run's cutoff, computed once by PostgreSQL ({@code now() - grace}); every candidate query and re-check of the run uses it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GcStarted(Instant cutoff, long graceSeconds) {}
