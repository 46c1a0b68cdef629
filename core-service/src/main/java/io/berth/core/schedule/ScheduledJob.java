package io.berth.core.schedule;

import java.util.Map;

/**
 * A housekeeping job that runs by hand or on a schedule through Harbor's {@code /system/<job>/schedule} API — the
 * plug-in point of {@link Schedules} and {@link ScheduleTicker}. Garbage collection ({@code GcService}) and the
 * audit-log purge ({@code PurgeService}) implement it.
 *
 * <p>To give another job kind (e.g. {@code SCRUB}) a schedule: make the feature's {@code @ApplicationScoped}
 * service implement this interface (CDI finds it; nothing to register), and let its resource's
 * {@code GET/POST/PUT .../schedule} call {@link Schedules#get}, {@link Schedules#create} and
 * {@link Schedules#update} with that service. Its row in table {@code schedule} is keyed by {@link #kind()}; the
 * ticker fires it once per cron slot across core replicas and calls {@link #start} with trigger {@code SCHEDULE}.
 */
public interface ScheduledJob {

    /** The job kind: the key of its schedule row, and jobservice's vendor type (e.g. {@code GARBAGE_COLLECTION}). */
    String kind();

    /** What the job is called in messages and logs (e.g. "garbage collection"). */
    String title();

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
}
