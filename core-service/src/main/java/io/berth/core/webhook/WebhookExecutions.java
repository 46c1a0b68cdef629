package io.berth.core.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.error.HarborException;
import io.berth.common.job.WebhookRequest;
import io.berth.core.api.Page;
import io.berth.core.api.Paging;
import io.berth.core.project.Project;
import io.berth.core.views.JobViews;
import io.berth.core.views.JobViews.ExecutionFilter;
import io.berth.core.views.JobViews.ExecutionRow;
import io.berth.core.views.JobViews.TaskRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A webhook policy's deliveries as Harbor's task manager shows them: executions (one per event, with
 * {@code extra_attrs.event_type}), their tasks (one per target, {@code run_count} = attempts) and each task's log, read
 * from jobservice's views; and the last time each policy sent each event type.
 */
@ApplicationScoped
public class WebhookExecutions {
    /** Harbor's Execution. */
    public record ExecutionJson(long id, String vendorType, long vendorId, String status, String statusMessage, Map<String, Long> metrics,
            String trigger, JsonNode extraAttrs, OffsetDateTime startTime, OffsetDateTime endTime) {}

    /** Harbor's Task. */
    public record TaskJson(long id, long executionId, String status, String statusMessage, int runCount, Map<String, Object> extraAttrs,
            OffsetDateTime startTime, OffsetDateTime endTime) {}

    /** Harbor's WebhookLastTrigger. */
    public record LastTrigger(String policyName, String eventType, boolean enabled, OffsetDateTime creationTime, OffsetDateTime lastTriggerTime) {}

    private final JobViews jobs;
    private final ObjectMapper json;
    private final WebhookService policies;

    WebhookExecutions(JobViews jobs, ObjectMapper json, WebhookService policies) {
        this.jobs = jobs;
        this.json = json;
        this.policies = policies;
    }

    /** Newest first; in one of jobservice's states (Running, Success, Error, Stopped) if given. */
    public Page<ExecutionJson> executions(Project project, long policyId, String status, Paging paging) {
        policies.policy(project, policyId);
        ExecutionFilter filter = new ExecutionFilter(WebhookRequest.KIND, policyId, status, null);
        return new Page<>(jobs.executions(filter, paging).stream().map(this::view).toList(), jobs.countExecutions(filter));
    }

    public Page<TaskJson> tasks(Project project, long policyId, long executionId, String status, Paging paging) {
        execution(project, policyId, executionId);
        return new Page<>(jobs.tasks(executionId, status, paging).stream().map(this::task).toList(), jobs.countTasks(executionId, status));
    }

    public String log(Project project, long policyId, long executionId, long taskId) {
        execution(project, policyId, executionId);
        return HarborException.found(jobs.log(taskId, executionId), "task " + taskId + " of execution " + executionId).text();
    }

    /** For each policy of the project and each event type it subscribes to: when it last sent one (null: never). */
    public List<LastTrigger> lastTriggers(Project project) {
        List<WebhookPolicy> all = WebhookPolicy.list("projectId = ?1 order by id", project.id);
        Map<String, OffsetDateTime> last = new LinkedHashMap<>();
        jobs.lastWebhookTriggers(all.stream().map(p -> p.id).toList()).forEach(t -> last.put(t.policyId() + "/" + t.eventType(), t.time()));
        List<LastTrigger> answer = new ArrayList<>();
        for (WebhookPolicy p : all) {
            for (String type : p.eventTypes) {
                answer.add(new LastTrigger(p.name, type, p.enabled, p.creationTime, last.get(p.id + "/" + type)));
            }
        }
        return answer;
    }

    private ExecutionRow execution(Project project, long policyId, long executionId) {
        policies.policy(project, policyId);
        ExecutionRow row = jobs.execution(WebhookRequest.KIND, executionId);
        if (row == null || row.vendorId() != policyId) {
            throw HarborException.notFound("execution " + executionId + " of webhook policy " + policyId + " not found");
        }
        return row;
    }

    private ExecutionJson view(ExecutionRow e) {
        Map<String, Long> metrics = new LinkedHashMap<>();
        metrics.put("task_count", e.total());
        metrics.put("success_task_count", e.succeed());
        metrics.put("error_task_count", e.failed());
        metrics.put("pending_task_count", e.pending());
        metrics.put("running_task_count", e.running());
        metrics.put("scheduled_task_count", 0L);
        metrics.put("stopped_task_count", e.stopped());
        return new ExecutionJson(e.id(), WebhookRequest.KIND, e.vendorId(), e.status(), e.statusMessage(), metrics, e.trigger(),
                read(e.extraAttrs()), e.startTime(), e.endTime());
    }

    private TaskJson task(TaskRow t) {
        JsonNode delivery = read(t.params()).path("delivery");
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("address", delivery.path("address").asText());
        extra.put("payload_format", delivery.path("payload_format").asText());
        return new TaskJson(t.id(), t.executionId(), t.status(), t.statusMessage(), t.attempts(), extra, t.startTime(), t.endTime());
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text == null ? "{}" : text);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }
}
