package io.berth.core.scrub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.error.HarborException;
import io.berth.common.job.ScrubRequest;
import io.berth.core.api.Page;
import io.berth.core.api.Paging;
import io.berth.core.jobs.Jobservice;
import io.berth.core.views.JobViews;
import io.berth.core.views.JobViews.ExecutionFilter;
import io.berth.core.views.JobViews.ExecutionRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scrubs of the stored blobs (docs/scrub.md): runs started now (jobservice runs them, one at a time; registry-service
 * reads and quarantines), their history, logs and reports read from jobservice's views, a stop of a running one. The
 * one parameter is {@code rate_limit} (MB/s, positive; default {@value ScrubRequest#DEFAULT_RATE_LIMIT}); any other
 * key is refused.
 */
@ApplicationScoped
public class ScrubService {
    static final Set<String> KEYS = Set.of("rate_limit");
    private static final Set<String> ENDED = Set.of("Success", "Error", "Stopped");

    /** A scrub run, shaped as Harbor's GCHistory, with its report (blobs and bytes checked, the digests quarantined). */
    public record ScrubHistory(long id, String jobName, String jobKind, String jobParameters, String jobStatus, OffsetDateTime creationTime,
            OffsetDateTime updateTime, Map<String, Object> report) {}

    private final Jobservice jobservice;
    private final JobViews jobs;
    private final ObjectMapper json;

    ScrubService(Jobservice jobservice, JobViews jobs, ObjectMapper json) {
        this.jobservice = jobservice;
        this.jobs = jobs;
        this.json = json;
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
        return runNow((Map<String, Object>) parameters, "MANUAL", 0);
    }

    /** Starts a scrub now with these parameters; the new execution's id (409 while one runs). */
    public long runNow(Map<String, Object> parameters, String trigger, long scheduleId) {
        return jobservice.scrub(new ScrubRequest(scheduleId, trigger, rateLimit(parameters)));
    }

    public Page<ScrubHistory> history(Paging paging) {
        ExecutionFilter filter = new ExecutionFilter(ScrubRequest.KIND, null, null, null);
        return new Page<>(jobs.executions(filter, paging).stream().map(this::history).toList(), jobs.countExecutions(filter));
    }

    public ScrubHistory get(long id) {
        return history(find(id));
    }

    public String log(long id) {
        JobViews.FirstTask task = jobs.firstTask(find(id).id());
        return task == null ? "" : task.log();
    }

    /** Stops a running scrub; 409 for one that has ended. */
    public void stop(long id) {
        ExecutionRow run = find(id);
        if (ENDED.contains(run.status())) {
            throw HarborException.conflict("scrub " + id + " has ended (" + run.status() + "): there is nothing to stop");
        }
        jobservice.stop(id);
    }

    /** The rate limit the parameters ask for (null: the default); 400 for an unknown key or a rate that is not a positive number. */
    static Double rateLimit(Map<String, Object> parameters) {
        Map<String, Object> given = parameters == null ? Map.of() : parameters;
        for (String key : given.keySet()) {
            if (!KEYS.contains(key)) {
                throw HarborException.badRequest("unknown scrub parameter " + key + "; supported: " + KEYS);
            }
        }
        Object rate = given.get("rate_limit");
        if (rate != null && !(rate instanceof Number)) {
            throw HarborException.badRequest("rate_limit must be a positive number of MB/s, not " + rate);
        }
        ScrubRequest request = new ScrubRequest(0, null, rate == null ? null : ((Number) rate).doubleValue());
        if (request.problem() != null) {
            throw HarborException.badRequest(request.problem());
        }
        return request.rateLimit();
    }

    private ExecutionRow find(long id) {
        return HarborException.found(jobs.execution(ScrubRequest.KIND, id), "scrub " + id);
    }

    private ScrubHistory history(ExecutionRow e) {
        JobViews.FirstTask task = jobs.firstTask(e.id());
        Map<String, Object> parameters = new LinkedHashMap<>();
        Map<String, Object> report = new TreeMap<>();
        String status = e.status();
        if (task != null) {
            JsonNode params = read(task.params());
            parameters.put("rate_limit", params.hasNonNull("rate_limit") ? params.path("rate_limit").asDouble() : ScrubRequest.DEFAULT_RATE_LIMIT);
            read(task.report()).fields().forEachRemaining(f -> report.put(f.getKey(), value(f.getValue())));
            if (e.status().equals("Running") && task.status().equals("Pending")) {
                status = "Pending";
            }
        }
        if (e.endTime() != null) {
            report.put("duration_seconds", Duration.between(e.startTime(), e.endTime()).toSeconds());
        }
        String trigger = e.trigger() == null ? "MANUAL" : e.trigger();
        return new ScrubHistory(e.id(), ScrubRequest.KIND, trigger, text(parameters), status, e.startTime(),
                e.endTime() != null ? e.endTime() : e.startTime(), report);
    }

    private static Object value(JsonNode v) {
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(i -> items.add(i.asText()));
            return items;
        }
        return v.isNumber() ? (Object) v.asLong() : v.asText();
    }

    private JsonNode read(String text) {
        try {
            return text == null ? json.createObjectNode() : json.readTree(text);
        } catch (JsonProcessingException e) {
            return json.createObjectNode();
        }
    }

    private String text(Map<String, Object> value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
