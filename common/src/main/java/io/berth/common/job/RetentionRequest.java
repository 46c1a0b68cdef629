package io.berth.common.job;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.berth.common.retention.RetentionRule;
import io.berth.common.retention.RetentionRules;
import java.util.List;

/**
 * What core sends jobservice to run a project's tag retention policy ({@code POST /jobs/retention/executions}): the
 * policy's id (the execution's vendor id), the project whose repositories it visits, its rules (Harbor's shape, checked
 * by {@link RetentionRules#compile}) and whether it is a dry run. jobservice plans one {@link #KIND} task per repository
 * the rules select. Written by core, read by jobservice, in snake case.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RetentionRequest(long policyId, String trigger, boolean dryRun, String project, List<RetentionRule> rules) {

    public static final String KIND = "RETENTION";

    /** The reason this request cannot run, or null when it can. */
    public String problem() {
        if (policyId <= 0) {
            return "policy_id is required";
        }
        if (project == null || project.isBlank()) {
            return "project is required";
        }
        try {
            RetentionRules.compile(rules);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return null;
    }
}
