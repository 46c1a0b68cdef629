package io.berth.core.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.error.HarborException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Harbor's schedule API of a housekeeping job ({@code GET/POST/PUT /system/<job>/schedule}), for any
 * {@link ScheduledJob}: {@code Manual} runs now, {@code Hourly}, {@code Daily}, {@code Weekly} and {@code Custom}
 * (a six-field {@link Cron}) keep one schedule per job kind, {@code None} deletes it. Parameters are checked by the
 * job before anything is stored. {@link ScheduleTicker} fires the schedules.
 */
@ApplicationScoped
public class Schedules {
    static final Map<String, String> PERIODIC = Map.of("Hourly", "0 0 * * * *", "Daily", "0 0 0 * * *", "Weekly", "0 0 0 * * 0");

    /** Harbor's ScheduleObj. */
    public record ScheduleObj(String type, String cron, OffsetDateTime nextScheduledTime) {}

    /** Harbor's Schedule (the request of {@code POST/PUT /system/<job>/schedule}). */
    public record ScheduleRequest(ScheduleObj schedule, Map<String, Object> parameters) {}

    /**
     * Harbor's ExecHistory (GCHistory for garbage collection): a run, or the schedule itself; with Berth's
     * {@code report} (a run's counters; null for the schedule).
     */
    public record ExecHistory(long id, String jobName, String jobKind, String jobParameters, ScheduleObj schedule, String jobStatus,
            boolean deleted, OffsetDateTime creationTime, OffsetDateTime updateTime, Map<String, Object> report) {}

    private final ObjectMapper json;

    Schedules(ObjectMapper json) {
        this.json = json;
    }

    /** {@code POST .../schedule}: {@code Manual} runs now (the execution's id); a periodic type creates the schedule (null), 409 if there is one. */
    public Long create(ScheduledJob job, ScheduleRequest request) {
        ScheduleObj schedule = scheduleOf(request);
        if (schedule.type().equals("Manual")) {
            return job.start(job.validate(request.parameters()), "MANUAL", 0);
        }
        if (schedule.type().equals("None")) {
            throw HarborException.badRequest("schedule type None only deletes a schedule (PUT)");
        }
        Map<String, Object> parameters = job.validate(request.parameters());
        QuarkusTransaction.requiringNew().run(() -> {
            if (Schedule.of(job.kind()) != null) {
                throw HarborException.conflict("there is a " + job.title() + " schedule already; change it with PUT");
            }
            save(new Schedule(), job, schedule, parameters);
        });
        return null;
    }

    /** {@code PUT .../schedule}: {@code None} deletes the schedule, {@code Manual} runs now (its id), a periodic type replaces it (null). */
    public Long update(ScheduledJob job, ScheduleRequest request) {
        ScheduleObj schedule = scheduleOf(request);
        if (schedule.type().equals("Manual")) {
            return job.start(job.validate(request.parameters()), "MANUAL", 0);
        }
        Map<String, Object> parameters = schedule.type().equals("None") ? null : job.validate(request.parameters());
        QuarkusTransaction.requiringNew().run(() -> {
            Schedule current = Schedule.of(job.kind());
            if (parameters == null) {
                if (current != null) {
                    current.delete();
                }
            } else {
                save(current == null ? new Schedule() : current, job, schedule, parameters);
            }
        });
        return null;
    }

    /** {@code GET .../schedule}: the schedule, ExecHistory-shaped as Harbor answers it; null when there is none. */
    public ExecHistory get(ScheduledJob job) {
        Schedule s = QuarkusTransaction.requiringNew().call(() -> Schedule.of(job.kind()));
        if (s == null) {
            return null;
        }
        return new ExecHistory(s.id, job.kind(), "SCHEDULE", text(s.parameters), new ScheduleObj(s.type, s.cron, Cron.next(s.cron).orElse(null)),
                null, false, s.creationTime, s.updateTime, null);
    }

    /** A value as the JSON text Harbor puts in {@code job_parameters}. */
    public String text(Map<String, Object> value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void save(Schedule s, ScheduledJob job, ScheduleObj schedule, Map<String, Object> parameters) {
        s.kind = job.kind();
        s.type = schedule.type();
        s.cron = schedule.cron();
        s.parameters = parameters;
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
}
