package io.berth.core.replication;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.error.HarborException;
import io.berth.core.api.Page;
import io.berth.core.api.Paging;
import io.berth.core.jobs.Jobservice;
import io.berth.core.views.JobViews;
import io.berth.core.views.JobViews.ExecutionFilter;
import io.berth.core.views.JobViews.ExecutionRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Replication executions: started here (a policy run now, on jobservice), followed through jobservice's
 * views, in Harbor's words for their states and triggers.
 */
@ApplicationScoped
public class ExecutionService {
    static final String REPLICATION = "REPLICATION";
    private static final Map<String, String> STATUS = Map.of("Running", "InProgress", "Pending", "Pending", "Success", "Succeed",
            "Error", "Failed", "Stopped", "Stopped");
    private static final Map<String, String> TRIGGER = Map.of("MANUAL", "manual", "SCHEDULE", "scheduled", "EVENT", "event_based");

    /** Harbor's ReplicationExecution, with the bytes moved so far. */
    public record ExecutionJson(long id, long policyId, String status, String statusText, String trigger, OffsetDateTime startTime,
            OffsetDateTime endTime, long total, long failed, long succeed, long inProgress, long stopped, long bytes) {}

    /** Harbor's ReplicationTask. */
    public record TaskJson(long id, long executionId, String resourceType, String srcResource, String dstResource, String operation,
            String status, String statusText, int attempts, long bytes, OffsetDateTime startTime, OffsetDateTime endTime) {}

    private final PolicyService policies;
    private final Replicator replicator;
    private final Jobservice jobservice;
    private final JobViews jobs;
    private final ObjectMapper json;

    ExecutionService(PolicyService policies, Replicator replicator, Jobservice jobservice, JobViews jobs, ObjectMapper json) {
        this.policies = policies;
        this.replicator = replicator;
        this.jobservice = jobservice;
        this.jobs = jobs;
        this.json = json;
    }

    /** Runs an enabled policy now; the new execution's id. */
    public long start(Long policyId) {
        if (policyId == null) {
            throw HarborException.badRequest("policy_id is required");
        }
        ReplicationPolicy policy = policies.find(policyId);
        if (!policy.enabled) {
            throw HarborException.preconditionFailed("the replication policy " + policy.name + " is disabled");
        }
        return replicator.run(policy, "MANUAL", null);
    }

    /** Executions, newest first, of one policy and in one of Harbor's states and triggers, each if given. */
    public Page<ExecutionJson> list(Long policyId, String status, String trigger, Paging paging) {
        ExecutionFilter filter = new ExecutionFilter(REPLICATION, policyId, status == null ? null : internal(STATUS, status),
                trigger == null ? null : internal(TRIGGER, trigger));
        return new Page<>(jobs.executions(filter, paging).stream().map(ExecutionService::view).toList(), jobs.countExecutions(filter));
    }

    public ExecutionJson get(long id) {
        return view(find(id));
    }

    /** Asks jobservice to stop a known execution. */
    public void stop(long id) {
        find(id);
        jobservice.stop(id);
    }

    /** The execution's tasks in the order they were planned, in one of Harbor's states if given. */
    public Page<TaskJson> tasks(long id, String status, Paging paging) {
        String internal = status == null ? null : internal(STATUS, status);
        return new Page<>(jobs.tasks(id, internal, paging).stream().map(this::task).toList(), jobs.countTasks(id, internal));
    }

    /** A task's log, as text. */
    public String log(long id, long taskId) {
        return HarborException.found(jobs.log(taskId, id), "task " + taskId + " of execution " + id).text();
    }

    private ExecutionRow find(long id) {
        return HarborException.found(jobs.execution(REPLICATION, id), "replication execution " + id);
    }

    /** jobservice's word for Harbor's {@code word}; an unknown word is passed on as it is (and matches nothing). */
    private static String internal(Map<String, String> words, String word) {
        return words.entrySet().stream().filter(e -> e.getValue().equals(word)).map(Map.Entry::getKey).findFirst().orElse(word);
    }

    private static ExecutionJson view(ExecutionRow e) {
        return new ExecutionJson(e.id(), e.vendorId(), STATUS.get(e.status()), e.statusMessage(), TRIGGER.getOrDefault(e.trigger(), e.trigger()),
                e.startTime(), e.endTime(), e.total(), e.failed(), e.succeed(), e.pending() + e.running(), e.stopped(), e.bytes());
    }

    private TaskJson task(JobViews.TaskRow t) {
        JsonNode params;
        try {
            params = json.readTree(t.params());
        } catch (IOException e) {
            params = json.createObjectNode();
        }
        String tag = params.path("tag").asText();
        return new TaskJson(t.id(), t.executionId(), "artifact", params.path("src_repository").asText() + ":" + tag,
                params.path("dest_repository").asText() + ":" + tag, params.path("delete").asBoolean() ? "deletion" : "copy",
                STATUS.get(t.status()), t.statusMessage(), t.attempts(), t.bytes(), t.startTime(), t.endTime());
    }
}
