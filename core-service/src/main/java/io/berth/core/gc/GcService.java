package io.berth.core.gc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.error.HarborException;
import io.berth.common.job.GcRequest;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Harbor's garbage collection as core offers it: runs started now or on a schedule (jobservice runs them, one at a
 * time; registry-service decides and deletes), their history, logs and reports read from jobservice's views, a stop.
 * Parameters are Harbor's ({@code delete_untagged}, {@code workers} 1–5, {@code dry_run}) and Berth's
 * {@code time_window} (hours of grace); any other key is refused.
 */
@ApplicationScoped
public class GcService implements ScheduledJob {
    private static final Set<String> KEYS = Set.of("delete_untagged", "workers", "dry_run", "time_window");
    private static final Map<String, String> STATUS = Map.of("Running", "Running", "Success", "Success", "Error", "Error",
            "Stopped", "Stopped");

    private final Jobservice jobservice;
    private final JobViews jobs;
    private final Schedules schedules;
    private final ObjectMapper json;

    GcService(Jobservice jobservice, JobViews jobs, Schedules schedules, ObjectMapper json) {
        this.jobservice = jobservice;
        this.jobs = jobs;
        this.schedules = schedules;
        this.json = json;
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
                (Boolean) p.get("dry_run"), (Integer) p.get("time_window")));
    }

    /** {@code POST /system/gc/schedule} ({@link Schedules#create}). */
    public Long create(ScheduleRequest request) {
        return schedules.create(this, request);
    }

    /** {@code PUT /system/gc/schedule} ({@link Schedules#update}). */
    public Long update(ScheduleRequest request) {
        return schedules.update(this, request);
    }

    /** The schedule, GCHistory-shaped as Harbor answers it; null when there is none. */
    public ExecHistory schedule() {
        return schedules.get(this);
    }

    public Page<ExecHistory> history(Paging paging) {
        ExecutionFilter filter = new ExecutionFilter(GcRequest.KIND, null, null, null);
        return new Page<>(jobs.executions(filter, paging).stream().map(this::history).toList(), jobs.countExecutions(filter));
    }

    public ExecHistory get(long id) {
        return history(find(id));
    }

    public String log(long id) {
        JobViews.FirstTask task = jobs.firstTask(find(id).id());
        return task == null ? "" : task.log();
    }

    public void stop(long id) {
        find(id);
        jobservice.stop(id);
    }

    private ExecutionRow find(long id) {
        return HarborException.found(jobs.execution(GcRequest.KIND, id), "garbage collection " + id);
    }

    private ExecHistory history(ExecutionRow e) {
        JobViews.FirstTask task = jobs.firstTask(e.id());
        Map<String, Object> parameters = new LinkedHashMap<>();
        Map<String, Object> report = new TreeMap<>();
        String status = STATUS.getOrDefault(e.status(), e.status());
        if (task != null) {
            JsonNode params = read(task.params());
            parameters.put("delete_untagged", params.path("delete_untagged").asBoolean());
            parameters.put("workers", params.path("workers").asInt());
            parameters.put("dry_run", params.path("dry_run").asBoolean());
            if (params.hasNonNull("time_window")) {
                parameters.put("time_window", params.path("time_window").asInt());
            }
            read(task.report()).fields().forEachRemaining(f -> report.put(f.getKey(), f.getValue().asLong()));
            if (e.status().equals("Running") && task.status().equals("Pending")) {
                status = "Pending";
            }
        }
        if (e.endTime() != null) {
            report.put("duration_seconds", java.time.Duration.between(e.startTime(), e.endTime()).toSeconds());
        }
        boolean scheduled = "SCHEDULE".equals(e.trigger());
        return new ExecHistory(e.id(), GcRequest.KIND, scheduled ? "SCHEDULE" : "MANUAL", schedules.text(parameters),
                scheduled ? null : new ScheduleObj("Manual", null, null), status, false, e.startTime(),
                e.endTime() != null ? e.endTime() : e.startTime(), report);
    }

    /** The parameters, each checked and given its default: a map of the four keys. */
    @Override
    public Map<String, Object> validate(Map<String, Object> parameters) {
        Map<String, Object> given = parameters == null ? Map.of() : parameters;
        for (String key : given.keySet()) {
            if (!KEYS.contains(key)) {
                throw HarborException.badRequest("unknown garbage-collection parameter " + key + "; supported: " + new java.util.TreeSet<>(KEYS));
            }
        }
        Map<String, Object> valid = new LinkedHashMap<>();
        valid.put("delete_untagged", bool(given, "delete_untagged"));
        valid.put("dry_run", bool(given, "dry_run"));
        Integer workers = integer(given, "workers");
        valid.put("workers", workers == null ? 1 : workers);
        valid.put("time_window", integer(given, "time_window"));
        String problem = new GcRequest(0, null, false, (Integer) valid.get("workers"), false, (Integer) valid.get("time_window")).problem();
        if (problem != null) {
            throw HarborException.badRequest(problem);
        }
        return valid;
    }

    private static boolean bool(Map<String, Object> p, String key) {
        Object value = p.get(key);
        if (value == null || value instanceof Boolean) {
            return Boolean.TRUE.equals(value);
        }
        throw HarborException.badRequest(key + " must be true or false, not " + value);
    }

    private static Integer integer(Map<String, Object> p, String key) {
        Object value = p.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Integer i) {
            return i;
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        throw HarborException.badRequest(key + " must be a whole number, not " + value);
    }

    private JsonNode read(String text) {
        try {
            return text == null ? json.createObjectNode() : json.readTree(text);
        } catch (JsonProcessingException e) {
            return json.createObjectNode();
        }
    }
}
