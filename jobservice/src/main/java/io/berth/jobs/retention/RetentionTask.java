package io.berth.jobs.retention;

import io.berth.common.retention.RetentionRule;
import java.util.List;

/** The params of one {@code RETENTION} task: the policy's rules applied to one repository of its project (snake case in the task's JSON). */
public record RetentionTask(long policyId, String project, String repository, boolean dryRun, List<RetentionRule> rules) {

    /** The repository's name without its project, which the rules' repository selectors select (as Harbor's do). */
    public String repositoryInProject() {
        return repository.substring(project.length() + 1);
    }
}
