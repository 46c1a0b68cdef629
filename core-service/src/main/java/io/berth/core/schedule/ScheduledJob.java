package io.berth.core.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A housekeeping job that runs by hand or on a schedule through Harbor's {@code /system/<job>} API — the plug-in
 * point of {@link Schedules}, {@link ScheduleTicker}, {@link JobRuns} and {@link ScheduledJobResource}. Garbage
 * collection ({@code gc.GcService}) and the audit-log purge ({@code purge.PurgeService}) implement it.
 *
 * <p>To give another job kind (e.g. {@code SCRUB}) its schedule and API:
 * <ol>
 * <li>make the feature's {@code @ApplicationScoped} service implement this interface: {@link #kind()} (jobservice's
 * vendor type), {@link #validate} (its parameters, each problem a 400), {@link #start} (ask jobservice for a run);
 * CDI finds it, nothing to register;</li>
 * <li>give it a resource: {@code @SysadminOnly @Path("/api/v2.0/system/<job>") class XResource extends
 * ScheduledJobResource}, whose constructor passes the service, {@link Schedules} and {@link JobRuns} on.</li>
 * </ol>
 * Its schedule is the row of table {@code schedule} keyed by {@link #kind()} (with no {@code ref}); a kind with a
 * schedule per policy (tag retention) keeps one row per policy ({@code ref} the policy's id) and says which policy in
 * the row's parameters. The ticker fires every row once per cron slot across core replicas and calls {@link #start}
 * with trigger {@code SCHEDULE}.
 */
public interface ScheduledJob {

    /** The job kind: the key of its schedule row, and jobservice's vendor type (e.g. {@code GARBAGE_COLLECTION}). */
    String kind();

    /** What the job is called in messages and logs (e.g. "garbage collection"). */
    String title();

    /**
     * Whether a run changes artifacts or blobs (garbage collection, tag retention, scrub's quarantine): its scheduled
     * slots are skipped while {@code read_only} is on, as pushes and deletes are refused. Default: it does.
     */
    default boolean writesArtifacts() {
        return true;
    }

    /**
     * The parameters checked, with their defaults filled in: what is stored with a schedule and what
     * {@link #start} gets. Anything wrong (an unknown key included) is a 400 {@code HarborException}.
     */
    Map<String, Object> validate(Map<String, Object> parameters);

    /**
     * Starts a run now with parameters {@link #validate} returned; the new execution's id. {@code trigger} is
     * {@code MANUAL} or {@code SCHEDULE}; {@code scheduleId} the firing schedule's id, 0 for a manual run. A 409
     * {@code HarborException} while a run is still going (a scheduled slot is then skipped).
     */
    long start(Map<String, Object> parameters, String trigger, long scheduleId);

    /**
     * A run's parameters as Harbor shows them in {@code job_parameters}, from the JSON its task was given (the
     * request core sent jobservice): by default every field but {@code schedule_id}, {@code trigger} and nulls.
     */
    default Map<String, Object> parameters(JsonNode taskParams) {
        Map<String, Object> shown = new LinkedHashMap<>();
        taskParams.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("schedule_id") && !f.getKey().equals("trigger") && !f.getValue().isNull()) {
                shown.put(f.getKey(), f.getValue());
            }
        });
        return shown;
    }
}
