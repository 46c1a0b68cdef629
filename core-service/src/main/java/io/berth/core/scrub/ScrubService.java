package io.berth.core.scrub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.error.HarborException;
import io.berth.common.job.ScrubRequest;
import io.berth.core.api.Page;
import io.berth.core.api.Paging;
import io.berth.core.jobs.Jobservice;
import io.berth.core.schedule.ScheduledJob;
import io.berth.core.schedule.Schedules;
import io.berth.core.schedule.Schedules.ExecHistory;
import io.berth.core.schedule.Schedules.ScheduleObj;
import io.berth.core.schedule.Schedules.ScheduleRequest;
import io.berth.core.views.JobViews;
import io.berth.core.views.JobViews.ExecutionFilter;
import io.berth.core.views.JobViews.ExecutionRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scrubs of the stored blobs (docs/scrub.md): runs started now or on a schedule ({@link ScheduledJob}: the schedule
 * mechanism GC uses; jobservice runs them, one at a time; registry-service reads and quarantines), their history, logs
 * and reports read from jobservice's views, a stop of a running one. The one parameter is {@code rate_limit} (MB/s,
 * positive; default {@value ScrubRequest#DEFAULT_RATE_LIMIT}); any other key is refused.
 */
@ApplicationScoped
public class ScrubService implements ScheduledJob {
    static final Set<String> KEYS = Set.of("rate_limit");
    private static final Set<String> ENDED = Set.of("Success", "Error", "Stopped");

    private final Jobservice jobservice;
    private final JobViews jobs;
    private final Schedules schedules;
    private final ObjectMapper json;

    ScrubService(Jobservice jobservice, JobViews jobs, Schedules schedules, ObjectMapper json) {
        this.jobservice = jobservice;
        this.jobs = jobs;
        this.schedules = schedules;
        this.json = json;
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

    /** {@code POST /system/scrub/schedule} ({@link Schedules#create}). */
    public Long create(ScheduleRequest request) {
        return schedules.create(this, request);
    }

    /** {@code PUT /system/scrub/schedule} ({@link Schedules#update}). */
    public Long update(ScheduleRequest request) {
        return schedules.update(this, request);
    }

    /** The schedule, shaped as Harbor answers GC's; null when there is none. */
    public ExecHistory schedule() {
        return schedules.get(this);
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

    public Page<ExecHistory> history(Paging paging) {
        ExecutionFilter filter = new ExecutionFilter(ScrubRequest.KIND, null, null, null);
        return new Page<>(jobs.executions(filter, paging).stream().map(this::history).toList(), jobs.countExecutions(filter));
    }

    public ExecHistory get(long id) {
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

    private ExecutionRow find(long id) {
        return HarborException.found(jobs.execution(ScrubRequest.KIND, id), "scrub " + id);
    }

    private ExecHistory history(ExecutionRow e) {
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
        boolean scheduled = "SCHEDULE".equals(trigger);
        return new ExecHistory(e.id(), ScrubRequest.KIND, trigger, schedules.text(parameters), scheduled ? null : new ScheduleObj("Manual", null, null),
                status, false, e.startTime(), e.endTime() != null ? e.endTime() : e.startTime(), report);
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
}
