package io.berth.core.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.error.HarborException;
import io.berth.core.api.Page;
import io.berth.core.api.Paging;
import io.berth.core.jobs.Jobservice;
import io.berth.core.schedule.Schedules.ExecHistory;
import io.berth.core.schedule.Schedules.ScheduleObj;
import io.berth.core.views.JobViews;
import io.berth.core.views.JobViews.ExecutionFilter;
import io.berth.core.views.JobViews.ExecutionRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The runs of a {@link ScheduledJob} as Harbor's {@code /system/<job>} API shows them, read from jobservice's views
 * (one task per run): the history, newest first; a run with its parameters ({@link ScheduledJob#parameters}), status
 * ({@code Pending} until its task starts) and Berth's {@code report} (the task's counters and the duration); its log;
 * a stop, refused (409) once the run has ended.
 */
@ApplicationScoped
public class JobRuns {
    private final Jobservice jobservice;
    private final JobViews jobs;
    private final Schedules schedules;
    private final ObjectMapper json;

    JobRuns(Jobservice jobservice, JobViews jobs, Schedules schedules, ObjectMapper json) {
        this.jobservice = jobservice;
        this.jobs = jobs;
        this.schedules = schedules;
        this.json = json;
    }

    public Page<ExecHistory> history(ScheduledJob job, Paging paging) {
        ExecutionFilter filter = new ExecutionFilter(job.kind(), null, null, null);
        return new Page<>(jobs.executions(filter, paging).stream().map(e -> history(job, e)).toList(), jobs.countExecutions(filter));
    }

    public ExecHistory get(ScheduledJob job, long id) {
        return history(job, find(job, id));
    }

    public String log(ScheduledJob job, long id) {
        JobViews.FirstTask task = jobs.firstTask(find(job, id).id());
        return task == null ? "" : task.log();
    }

    /** Stops a running run; 404 for no run of this job, 409 for one that has ended. */
    public void stop(ScheduledJob job, long id) {
        ExecutionRow run = find(job, id);
        if (!run.status().equals("Running")) {
            throw HarborException.conflict(job.title() + " " + id + " has ended (" + run.status() + "): there is nothing to stop");
        }
        jobservice.stop(id);
    }

    private ExecutionRow find(ScheduledJob job, long id) {
        return HarborException.found(jobs.execution(job.kind(), id), job.title() + " " + id);
    }

    private ExecHistory history(ScheduledJob job, ExecutionRow e) {
        JobViews.FirstTask task = jobs.firstTask(e.id());
        Map<String, Object> parameters = Map.of();
        Map<String, Object> report = new TreeMap<>();
        String status = e.status();
        if (task != null) {
            parameters = job.parameters(read(task.params()));
            read(task.report()).fields().forEachRemaining(f -> report.put(f.getKey(), f.getValue().asLong()));
            if (e.status().equals("Running") && task.status().equals("Pending")) {
                status = "Pending";
            }
        }
        if (e.endTime() != null) {
            report.put("duration_seconds", Duration.between(e.startTime(), e.endTime()).toSeconds());
        }
        boolean scheduled = "SCHEDULE".equals(e.trigger());
        return new ExecHistory(e.id(), job.kind(), scheduled ? "SCHEDULE" : "MANUAL", schedules.text(parameters),
                scheduled ? null : new ScheduleObj("Manual", null, null), status, false, e.startTime(),
                e.endTime() != null ? e.endTime() : e.startTime(), report);
    }

    private JsonNode read(String text) {
        try {
            return text == null ? json.createObjectNode() : json.readTree(text);
        } catch (JsonProcessingException e) {
            return json.createObjectNode();
        }
    }
}
