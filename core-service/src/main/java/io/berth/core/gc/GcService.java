package io.berth.core.gc;

import io.berth.common.error.HarborException;
import io.berth.common.job.GcRequest;
import io.berth.core.jobs.Jobservice;
import io.berth.core.schedule.Parameters;
import io.berth.core.schedule.ScheduledJob;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Harbor's garbage collection as a {@link ScheduledJob}: runs started now or on a schedule (jobservice runs them, one
 * at a time; registry-service decides and deletes); their history, logs, reports and stop are {@code JobRuns}'.
 * Parameters are Harbor's ({@code delete_untagged}, {@code workers} 1–5, {@code dry_run}) and Berth's
 * {@code time_window} (hours of grace) and {@code sweep_orphans} (not with a time window under an hour); any other key
 * is refused.
 */
@ApplicationScoped
public class GcService implements ScheduledJob {
    private static final Set<String> KEYS = Set.of("delete_untagged", "workers", "dry_run", "time_window", "sweep_orphans");

    private final Jobservice jobservice;

    GcService(Jobservice jobservice) {
        this.jobservice = jobservice;
    }

    @Override
    public String kind() {
        return GcRequest.KIND;
    }

    @Override
    public String title() {
        return "garbage collection";
    }

    /** Starts a collection now with parameters {@link #validate} returned; the new execution's id (409 while one runs). */
    @Override
    public long start(Map<String, Object> p, String trigger, long scheduleId) {
        return jobservice.collectGarbage(new GcRequest(scheduleId, trigger, (Boolean) p.get("delete_untagged"), (Integer) p.get("workers"),
                (Boolean) p.get("dry_run"), (Integer) p.get("time_window"), (Boolean) p.get("sweep_orphans")));
    }

    /** The parameters, each checked and given its default: a map of the five keys. */
    @Override
    public Map<String, Object> validate(Map<String, Object> parameters) {
        Map<String, Object> given = Parameters.known(parameters, KEYS, "garbage-collection");
        Map<String, Object> valid = new LinkedHashMap<>();
        valid.put("delete_untagged", Parameters.bool(given, "delete_untagged"));
        valid.put("dry_run", Parameters.bool(given, "dry_run"));
        Integer workers = Parameters.integer(given, "workers");
        valid.put("workers", workers == null ? 1 : workers);
        valid.put("time_window", Parameters.integer(given, "time_window"));
        valid.put("sweep_orphans", Parameters.bool(given, "sweep_orphans"));
        String problem = new GcRequest(0, null, false, (Integer) valid.get("workers"), false, (Integer) valid.get("time_window"),
                (Boolean) valid.get("sweep_orphans")).problem();
        if (problem != null) {
            throw HarborException.badRequest(problem);
        }
        return valid;
    }
}
