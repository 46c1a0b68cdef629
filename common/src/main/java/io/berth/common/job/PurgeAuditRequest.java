package io.berth.common.job;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.berth.common.audit.AuditPurge;
import java.util.List;

/**
 * What core sends jobservice to purge the audit log ({@code POST /jobs/purgeaudit/executions}): Harbor's parameters —
 * delete the entries older than {@code auditRetentionHour} hours whose operation is one of {@code includeOperations}
 * ({@link AuditPurge#OPERATIONS}), or with {@code dryRun} only count them. {@code scheduleId} is 0 for a manual run.
 * Written by core, read by jobservice, in snake case whatever either's JSON settings.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PurgeAuditRequest(long scheduleId, String trigger, int auditRetentionHour, List<String> includeOperations, boolean dryRun) {

    /** Harbor's vendor type of the job, and jobservice's task kind. */
    public static final String KIND = "PURGE_AUDIT_LOG";
    /** The longest retention accepted: about a hundred years. */
    public static final int MAX_RETENTION_HOURS = 876_000;

    /** The reason this request cannot run, or null when it can. */
    public String problem() {
        if (auditRetentionHour < 1 || auditRetentionHour > MAX_RETENTION_HOURS) {
            return "audit_retention_hour must be a whole number of hours from 1 to " + MAX_RETENTION_HOURS + ", not " + auditRetentionHour;
        }
        return AuditPurge.operationsProblem(includeOperations);
    }
}
