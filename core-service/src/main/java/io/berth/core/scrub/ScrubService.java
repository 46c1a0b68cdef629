package io.berth.core.scrub;

import io.berth.common.error.HarborException;
import io.berth.common.job.ScrubRequest;
import io.berth.core.jobs.Jobservice;
import io.berth.core.schedule.Parameters;
import io.berth.core.schedule.ScheduledJob;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;

/**
 * Scrubs of the stored blobs (docs/scrub.md) as a {@link ScheduledJob}: started now or on a schedule (core's one
 * schedule mechanism), run by jobservice one at a time while registry-service reads and quarantines; their history,
 * logs and stop are {@link io.berth.core.schedule.JobRuns}'. The one parameter is {@code rate_limit} (MB/s, positive;
 * default {@value ScrubRequest#DEFAULT_RATE_LIMIT}); any other key is refused.
 */
@ApplicationScoped
public class ScrubService implements ScheduledJob {
    static final Set<String> KEYS = Set.of("rate_limit");

    private final Jobservice jobservice;

    ScrubService(Jobservice jobservice) {
        this.jobservice = jobservice;
    }

    @Override
    public String kind() {
        return ScrubRequest.KIND;
    }

    @Override
    public String title() {
        return "scrub";
    }

    /** {@code {"rate_limit": <MB/s>}}, the default filled in; 400 for an unknown key or a rate that is not a positive number. */
    @Override
    public Map<String, Object> validate(Map<String, Object> parameters) {
        Object rate = Parameters.known(parameters, KEYS, title()).get("rate_limit");
        if (rate != null && !(rate instanceof Number)) {
            throw HarborException.badRequest("rate_limit must be a positive number of MB/s, not " + rate);
        }
        ScrubRequest request = new ScrubRequest(0, null, rate == null ? ScrubRequest.DEFAULT_RATE_LIMIT : ((Number) rate).doubleValue());
        if (request.problem() != null) {
            throw HarborException.badRequest(request.problem());
        }
        return Map.of("rate_limit", request.rateLimit());
    }

    /** Starts a scrub now with parameters {@link #validate} returned; the new execution's id (409 while one runs). */
    @Override
    public long start(Map<String, Object> parameters, String trigger, long scheduleId) {
        return jobservice.scrub(new ScrubRequest(scheduleId, trigger, ((Number) parameters.get("rate_limit")).doubleValue()));
    }

    /** {@code POST /system/scrub}: {@code {"parameters":{"rate_limit":…}}} (all optional) starts a scrub now; its id. */
    @SuppressWarnings("unchecked")
    public long runNow(Map<String, Object> body) {
        Map<String, Object> request = body == null ? Map.of() : body;
        for (String key : request.keySet()) {
            if (!key.equals("parameters")) {
                throw HarborException.badRequest("unknown field " + key + "; a scrub is started with {\"parameters\":{\"rate_limit\":<MB/s>}}");
            }
        }
        Object parameters = request.get("parameters");
        if (parameters != null && !(parameters instanceof Map)) {
            throw HarborException.badRequest("parameters must be an object");
        }
        return start(validate((Map<String, Object>) parameters), "MANUAL", 0);
    }
}
