package io.berth.core.gc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.error.HarborException;
import io.berth.common.job.GcRequest;
import io.berth.core.api.Page;
import io.berth.core.api.Paging;
import io.berth.core.jobs.Jobservice;
import io.berth.core.schedule.Cron;
import io.berth.core.views.JobViews;
import io.berth.core.views.JobViews.ExecutionFilter;
import io.berth.core.views.JobViews.ExecutionRow;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Harbor's garbage collection as core offers it: runs started now or on a schedule (jobservice runs them, one at a
 * time; registry-service decides and deletes), their history, logs and reports read from jobservice's views, a stop.
 * Parameters are Harbor's ({@code delete_untagged}, {@code workers} 1–5, {@code dry_run}) and Berth's
 * {@code time_window} (hours of grace) and {@code sweep_orphans} (not with a time window under an hour); any other key
 * is refused.
 */
@ApplicationScoped
public class GcService {
    static final Map<String, String> PERIODIC = Map.of("Hourly", "0 0 * * * *", "Daily", "0 0 0 * * *", "Weekly", "0 0 0 * * 0");
    private static final Set<String> KEYS = Set.of("delete_untagged", "workers", "dry_run", "time_window", "sweep_orphans");
    private static final Map<String, String> STATUS = Map.of("Running", "Running", "Success", "Success", "Error", "Error",
            "Stopped", "Stopped");

    /** Harbor's ScheduleObj. */
    public record ScheduleObj(String type, String cron, OffsetDateTime nextScheduledTime) {}

    /** Harbor's Schedule (the request of {@code POST/PUT /system/gc/schedule}). */
    public record ScheduleRequest(ScheduleObj schedule, Map<String, Object> parameters) {}

    /** Harbor's GCHistory, with Berth's {@code report} (what the run deleted and freed). */
    public record GcHistory(long id, String jobName, String jobKind, String jobParameters, ScheduleObj schedule, String jobStatus,
            boolean deleted, OffsetDateTime creationTime, OffsetDateTime updateTime, Map<String, Object> report) {}

    private final Jobservice jobservice;
    private final JobViews jobs;
    private final ObjectMapper json;

    GcService(Jobservice jobservice, JobViews jobs, ObjectMapper json) {
        this.jobservice = jobservice;
        this.jobs = jobs;
        this.json = json;
    }

    /** Starts a collection now with these parameters; the new execution's id (409 while one runs). */
    public long runNow(Map<String, Object> parameters, String trigger, long scheduleId) {
        Map<String, Object> p = validate(parameters);
        return jobservice.collectGarbage(new GcRequest(scheduleId, trigger, (Boolean) p.get("delete_untagged"), (Integer) p.get("workers"),
                (Boolean) p.get("dry_run"), (Integer) p.get("time_window"), (Boolean) p.get("sweep_orphans")));
    }

    /**
     * {@code POST /system/gc/schedule}: {@code Manual} runs now (the execution's id); a periodic type creates the
     * schedule (null), 409 if there is one.
     */
    public Long create(ScheduleRequest request) {
        ScheduleObj schedule = scheduleOf(request);
        if (schedule.type().equals("Manual")) {
            return runNow(request.parameters(), "MANUAL", 0);
        }
        if (schedule.type().equals("None")) {
            throw HarborException.badRequest("schedule type None only deletes a schedule (PUT)");
        }
        QuarkusTransaction.requiringNew().run(() -> {
            if (GcSchedule.current() != null) {
                throw HarborException.conflict("there is a garbage-collection schedule already; change it with PUT");
            }
            save(new GcSchedule(), schedule, request.parameters());
        });
        return null;
    }

    /** {@code PUT /system/gc/schedule}: {@code None} deletes the schedule, {@code Manual} runs now, a periodic type replaces it. */
    public Long update(ScheduleRequest request) {
        ScheduleObj schedule = scheduleOf(request);
        if (schedule.type().equals("Manual")) {
            return runNow(request.parameters(), "MANUAL", 0);
        }
        QuarkusTransaction.requiringNew().run(() -> {
            GcSchedule current = GcSchedule.current();
            if (schedule.type().equals("None")) {
                if (current != null) {
                    current.delete();
                }
            } else {
                save(current == null ? new GcSchedule() : current, schedule, request.parameters());
            }
        });
        return null;
    }

    /** The schedule, GCHistory-shaped as Harbor answers it; null when there is none. */
    public GcHistory schedule() {
        GcSchedule s = QuarkusTransaction.requiringNew().call(GcSchedule::current);
        if (s == null) {
            return null;
        }
        return new GcHistory(s.id, GcRequest.KIND, "SCHEDULE", text(s.parameters), new ScheduleObj(s.type, s.cron, Cron.next(s.cron).orElse(null)),
                null, false, s.creationTime, s.updateTime, null);
    }

    public Page<GcHistory> history(Paging paging) {
        ExecutionFilter filter = new ExecutionFilter(GcRequest.KIND, null, null, null);
        return new Page<>(jobs.executions(filter, paging).stream().map(this::history).toList(), jobs.countExecutions(filter));
    }

    public GcHistory get(long id) {
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

    private GcHistory history(ExecutionRow e) {
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
            if (params.path("sweep_orphans").asBoolean()) {
                parameters.put("sweep_orphans", true);
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
        return new GcHistory(e.id(), GcRequest.KIND, scheduled ? "SCHEDULE" : "MANUAL", text(parameters),
                scheduled ? null : new ScheduleObj("Manual", null, null), status, false, e.startTime(),
                e.endTime() != null ? e.endTime() : e.startTime(), report);
    }

    private void save(GcSchedule s, ScheduleObj schedule, Map<String, Object> parameters) {
        s.type = schedule.type();
        s.cron = schedule.cron();
        s.parameters = validate(parameters);
        s.lastFired = OffsetDateTime.now(ZoneOffset.UTC); // from now on: not at once for a slot already past
        s.persist();
    }

    /** The request's schedule, its cron set for a periodic type and checked for Custom. */
    private static ScheduleObj scheduleOf(ScheduleRequest request) {
        if (request == null || request.schedule() == null || request.schedule().type() == null) {
            throw HarborException.badRequest("schedule.type is required: Manual, Hourly, Daily, Weekly, Custom or None");
        }
        String type = request.schedule().type();
        return switch (type) {
            case "Manual", "None" -> new ScheduleObj(type, null, null);
            case "Hourly", "Daily", "Weekly" -> new ScheduleObj(type, PERIODIC.get(type), null);
            case "Custom" -> new ScheduleObj(type, Cron.validate(request.schedule().cron(), "a Custom schedule"), null);
            default -> throw HarborException.badRequest("schedule.type " + type + ": Manual, Hourly, Daily, Weekly, Custom or None");
        };
    }

    /** The parameters, each checked and given its default: a map of the five keys. */
    static Map<String, Object> validate(Map<String, Object> parameters) {
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
        valid.put("sweep_orphans", bool(given, "sweep_orphans"));
        String problem = new GcRequest(0, null, false, (Integer) valid.get("workers"), false, (Integer) valid.get("time_window"),
                (Boolean) valid.get("sweep_orphans")).problem();
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

    private String text(Map<String, Object> value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
