package io.berth.core.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.error.HarborException;
import io.berth.common.job.RetentionRequest;
import io.berth.core.api.Page;
import io.berth.core.api.Paging;
import io.berth.core.jobs.Jobservice;
import io.berth.core.project.Project;
import io.berth.core.rbac.Action;
import io.berth.core.schedule.ScheduledJob;
import io.berth.core.views.JobViews;
import io.berth.core.views.JobViews.ExecutionFilter;
import io.berth.core.views.JobViews.ExecutionRow;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;

/**
 * The runs of retention policies: started by hand (a project administrator, dry or not) or by the policy's schedule
 * (as a {@link ScheduledJob} of kind {@code RETENTION}, whose schedules are one per policy: {@link RetentionSchedule}),
 * run by jobservice (one task per repository), read back from its views in Harbor's RetentionExecution and
 * RetentionExecutionTask shapes. Statuses are jobservice's, which are Harbor's task manager's (Pending, Running,
 * Success, Error, Stopped); triggers are {@code MANUAL} and {@code SCHEDULE}.
 */
@ApplicationScoped
public class RetentionRuns implements ScheduledJob {
    /** Harbor's RetentionExecution. */
    public record ExecutionJson(long id, long policyId, OffsetDateTime startTime, OffsetDateTime endTime, String status, String trigger,
            boolean dryRun) {}

    /** Harbor's RetentionExecutionTask: {@code total} artifacts of the repository, {@code retained} of them kept. */
    public record TaskJson(long id, long executionId, String repository, String jobId, String status, int statusCode, long statusRevision,
            OffsetDateTime startTime, OffsetDateTime endTime, long total, long retained) {}

    private static final Map<String, Integer> STATUS_CODE = Map.of("Pending", 0, "Running", 2, "Stopped", 3, "Error", 3, "Success", 3);

    private final RetentionService policies;
    private final Jobservice jobservice;
    private final JobViews jobs;
    private final ObjectMapper json;

    RetentionRuns(RetentionService policies, Jobservice jobservice, JobViews jobs, ObjectMapper json) {
        this.policies = policies;
        this.jobservice = jobservice;
        this.jobs = jobs;
        this.json = json;
    }

    /** {@code POST /retentions/{id}/executions}: {@code {"dry_run": bool}} (the only field) runs the policy now; the execution's id. */
    public long run(long policyId, JsonNode body) {
        boolean dryRun = false;
        if (body != null && !body.isNull()) {
            if (!body.isObject()) {
                throw HarborException.badRequest("the body is {\"dry_run\": true|false}");
            }
            body.fieldNames().forEachRemaining(name -> {
                if (!name.equals("dry_run")) {
                    throw HarborException.badRequest("unknown field '" + name + "'; a retention run takes only dry_run");
                }
            });
            JsonNode dry = body.get("dry_run");
            if (dry != null && !dry.isNull() && !dry.isBoolean()) {
                throw HarborException.badRequest("dry_run must be true or false, not " + dry);
            }
            dryRun = dry != null && dry.asBoolean(false);
        }
        boolean dry = dryRun;
        RetentionRequest request = QuarkusTransaction.requiringNew().call(() -> request(policies.policy(policyId, Action.MANAGE_RETENTION),
                "MANUAL", dry));
        return jobservice.retain(request);
    }

    /** Executions of the policy, newest first. */
    public Page<ExecutionJson> executions(long policyId, Paging paging) {
        QuarkusTransaction.requiringNew().run(() -> policies.policy(policyId, Action.READ_RETENTION));
        ExecutionFilter filter = new ExecutionFilter(RetentionRequest.KIND, policyId, null, null);
        return new Page<>(jobs.executions(filter, paging).stream().map(this::view).toList(), jobs.countExecutions(filter));
    }

    /** {@code PATCH /retentions/{id}/executions/{eid}}: {@code {"action":"stop"}}; 409 once the execution has ended. */
    public void operate(long policyId, long executionId, JsonNode body) {
        if (body == null || !body.isObject() || !"stop".equals(body.path("action").asText(null)) || body.size() != 1) {
            throw HarborException.badRequest("the body is {\"action\":\"stop\"}: stop is the only action");
        }
        QuarkusTransaction.requiringNew().run(() -> policies.policy(policyId, Action.MANAGE_RETENTION));
        ExecutionRow e = execution(policyId, executionId);
        if (!e.status().equals("Running")) {
            throw HarborException.conflict("retention execution " + executionId + " has ended (" + e.status() + "): there is nothing to stop");
        }
        jobservice.stop(executionId);
    }

    /** The execution's tasks (one per repository), in the order they were planned. */
    public Page<TaskJson> tasks(long policyId, long executionId, Paging paging) {
        QuarkusTransaction.requiringNew().run(() -> policies.policy(policyId, Action.READ_RETENTION));
        execution(policyId, executionId);
        return new Page<>(jobs.tasks(executionId, null, paging).stream().map(this::task).toList(), jobs.countTasks(executionId, null));
    }

    /** A task's log: per artifact, what the run did (or a dry run would do) and which rule kept it. */
    public String log(long policyId, long executionId, long taskId) {
        QuarkusTransaction.requiringNew().run(() -> policies.policy(policyId, Action.READ_RETENTION));
        execution(policyId, executionId);
        JobViews.Log log = HarborException.found(jobs.log(taskId, executionId), "task " + taskId + " of retention execution " + executionId);
        return log.text() == null ? "" : log.text();
    }

    private ExecutionRow execution(long policyId, long executionId) {
        ExecutionRow e = jobs.execution(RetentionRequest.KIND, executionId);
        if (e == null || e.vendorId() != policyId) {
            throw HarborException.notFound("retention execution " + executionId + " of policy " + policyId + " not found");
        }
        return e;
    }

    private static RetentionRequest request(RetentionPolicy policy, String trigger, boolean dryRun) {
        Project project = Project.findById(policy.projectId);
        return new RetentionRequest(policy.id, trigger, dryRun, project.name, policy.rules);
    }

    private ExecutionJson view(ExecutionRow e) {
        boolean dryRun = read(e.extraAttrs()).path("dry_run").asBoolean(false);
        return new ExecutionJson(e.id(), e.vendorId(), e.startTime(), e.endTime(), e.status(), e.trigger(), dryRun);
    }

    private TaskJson task(JobViews.TaskRow t) {
        JsonNode params = read(t.params());
        JsonNode report = read(t.report());
        return new TaskJson(t.id(), t.executionId(), params.path("repository").asText(), Long.toString(t.id()), t.status(),
                STATUS_CODE.getOrDefault(t.status(), 0), t.attempts(), t.startTime(), t.endTime(), report.path("total").asLong(),
                report.path("retained").asLong());
    }

    private JsonNode read(String text) {
        try {
            return text == null ? json.createObjectNode() : json.readTree(text);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    // The policy's schedule (ScheduleTicker): parameters {"policy_id": id}.

    @Override
    public String kind() {
        return RetentionRequest.KIND;
    }

    @Override
    public String title() {
        return "tag retention";
    }

    @Override
    public Map<String, Object> validate(Map<String, Object> parameters) {
        Object id = parameters == null ? null : parameters.get(RetentionSchedule.POLICY_ID);
        if (!(id instanceof Number) || !Set.of(RetentionSchedule.POLICY_ID).containsAll(parameters.keySet())) {
            throw HarborException.badRequest("a retention schedule's parameters are {\"policy_id\": <id>}, not " + parameters);
        }
        return Map.of(RetentionSchedule.POLICY_ID, ((Number) id).longValue());
    }

    /** A scheduled run of the policy (never dry); 404 if the policy is gone. */
    @Override
    public long start(Map<String, Object> parameters, String trigger, long scheduleId) {
        long policyId = ((Number) parameters.get(RetentionSchedule.POLICY_ID)).longValue();
        RetentionRequest request = QuarkusTransaction.requiringNew().call(() -> {
            RetentionPolicy policy = HarborException.found(RetentionPolicy.<RetentionPolicy>findById(policyId), "retention policy " + policyId);
            return request(policy, trigger, false);
        });
        return jobservice.retain(request);
    }
}
