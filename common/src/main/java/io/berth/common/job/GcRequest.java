package io.berth.common.job;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What core sends jobservice to collect garbage ({@code POST /jobs/gc/executions}): Harbor's parameters
 * ({@code delete_untagged}, {@code workers} 1–5, {@code dry_run}) and Berth's {@code time_window} (hours of
 * grace; null: registry-service's {@code gc_grace}) and {@code sweep_orphans} (after the collection, delete stored
 * files or objects that have no row and are older than the grace; it needs a grace of at least
 * {@value #MIN_SWEEP_HOURS} hour). {@code scheduleId} is 0 for a manual run. Written by core, read by jobservice, in
 * snake case whatever either's JSON settings.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GcRequest(long scheduleId, String trigger, boolean deleteUntagged, int workers, boolean dryRun, Integer timeWindow,
        boolean sweepOrphans) {

    public static final String KIND = "GARBAGE_COLLECTION";
    public static final int MAX_WORKERS = 5;
    /** The least grace, in hours, an orphan sweep runs with: it judges objects by the storage's modification times. */
    public static final int MIN_SWEEP_HOURS = 1;

    /** The reason this request cannot run, or null when it can. */
    public String problem() {
        if (workers < 1 || workers > MAX_WORKERS) {
            return "workers must be between 1 and " + MAX_WORKERS + ", not " + workers;
        }
        if (timeWindow != null && timeWindow < 0) {
            return "time_window must be 0 or more hours, not " + timeWindow;
        }
        if (sweepOrphans && timeWindow != null && timeWindow < MIN_SWEEP_HOURS) {
            return "sweep_orphans needs a time_window of at least " + MIN_SWEEP_HOURS + " hour (files are judged by their age), not "
                    + timeWindow;
        }
        return null;
    }
}
