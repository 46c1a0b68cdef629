package io.berth.jobs.retention;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.job.RetentionRequest;
import io.berth.common.retention.RetentionRules;
import io.berth.jobs.dispatch.TaskStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Plans a run of a retention policy: one {@code RETENTION} task per repository of the project that a rule's repository
 * selectors select (by its name without the project, as Harbor's). The execution's vendor is the policy; its
 * {@code extra_attrs} say whether it is a dry run, and the project. A project with no such repository gets an execution with no task,
 * which ends at once.
 */
@ApplicationScoped
public class RetentionPlanner {
    private final RetentionArtifacts artifacts;
    private final ObjectMapper json;

    RetentionPlanner(RetentionArtifacts artifacts, ObjectMapper json) {
        this.artifacts = artifacts;
        this.json = json;
    }

    public TaskStore.NewExecution plan(RetentionRequest request) throws SQLException {
        RetentionRules rules = RetentionRules.compile(request.rules());
        List<TaskStore.NewTask> tasks = artifacts.repositories(request.project()).stream()
                .map(repository -> new RetentionTask(request.policyId(), request.project(), repository, request.dryRun(), request.rules()))
                .filter(task -> rules.appliesTo(task.repositoryInProject()))
                .map(task -> new TaskStore.NewTask(RetentionRequest.KIND, json.valueToTree(task))).toList();
        return new TaskStore.NewExecution(RetentionRequest.KIND, request.policyId(), request.trigger() == null ? "MANUAL" : request.trigger(),
                json.valueToTree(Map.of("dry_run", request.dryRun(), "project", request.project())), tasks);
    }
}
