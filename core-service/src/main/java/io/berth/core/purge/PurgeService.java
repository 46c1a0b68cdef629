package io.berth.core.purge;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.audit.AuditPurge;
import io.berth.common.error.HarborException;
import io.berth.common.job.PurgeAuditRequest;
import io.berth.core.jobs.Jobservice;
import io.berth.core.schedule.Parameters;
import io.berth.core.schedule.ScheduledJob;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Harbor's audit-log purge as a {@link ScheduledJob}: runs started now or on a schedule, which jobservice runs as a
 * {@code PURGE_AUDIT_LOG} job (one at a time) through core's internal purge API ({@link AuditPurger}). Parameters
 * are Harbor's: {@code audit_retention_hour} (required, 1 or more: the hours of audit log kept),
 * {@code include_operations} (a comma-separated list of {@link AuditPurge#OPERATIONS}; Harbor's
 * {@code create,delete,pull} when absent) and {@code dry_run}; any other key is refused.
 */
@ApplicationScoped
public class PurgeService implements ScheduledJob {
    private static final Set<String> KEYS = Set.of("audit_retention_hour", "include_operations", "dry_run");

    private final Jobservice jobservice;

    PurgeService(Jobservice jobservice) {
        this.jobservice = jobservice;
    }

    @Override
    public String kind() {
        return PurgeAuditRequest.KIND;
    }

    @Override
    public String title() {
        return "audit-log purge";
    }

    /** No: it deletes old audit-log rows, not artifacts. */
    @Override
    public boolean writesArtifacts() {
        return false;
    }

    /** Starts a purge now with parameters {@link #validate} returned; the new execution's id (409 while one runs). */
    @Override
    public long start(Map<String, Object> p, String trigger, long scheduleId) {
        return jobservice.purgeAudit(new PurgeAuditRequest(scheduleId, trigger, (Integer) p.get("audit_retention_hour"),
                operations(p.get("include_operations")), (Boolean) p.get("dry_run")));
    }

    /** The three parameters checked, {@code include_operations} as a normalised comma-separated list. */
    @Override
    public Map<String, Object> validate(Map<String, Object> parameters) {
        Map<String, Object> given = Parameters.known(parameters, KEYS, "audit-log purge");
        Integer hours = Parameters.integer(given, "audit_retention_hour");
        if (hours == null) {
            throw HarborException.badRequest("audit_retention_hour is required: the hours of audit log to keep (1 or more)");
        }
        List<String> operations = operations(given.get("include_operations"));
        boolean dryRun = Parameters.bool(given, "dry_run");
        String problem = new PurgeAuditRequest(0, null, hours, operations, dryRun).problem();
        if (problem != null) {
            throw HarborException.badRequest(problem);
        }
        Map<String, Object> valid = new LinkedHashMap<>();
        valid.put("audit_retention_hour", hours);
        valid.put("include_operations", String.join(",", operations));
        valid.put("dry_run", dryRun);
        return valid;
    }

    /** As Harbor shows them: the operations a comma-separated string. */
    @Override
    public Map<String, Object> parameters(JsonNode taskParams) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("audit_retention_hour", taskParams.path("audit_retention_hour").asInt());
        List<String> operations = new ArrayList<>();
        taskParams.path("include_operations").forEach(op -> operations.add(op.asText()));
        shown.put("include_operations", String.join(",", operations));
        shown.put("dry_run", taskParams.path("dry_run").asBoolean());
        return shown;
    }

    /** Harbor's comma-separated string as a list, lower case, blanks dropped; Harbor's default when absent. */
    private static List<String> operations(Object value) {
        if (value == null) {
            return AuditPurge.DEFAULT_OPERATIONS;
        }
        if (!(value instanceof String list)) {
            throw HarborException.badRequest("include_operations must be a comma-separated string of operations, e.g. \"create,delete,pull\"");
        }
        return Arrays.stream(list.split(",")).map(op -> op.trim().toLowerCase(java.util.Locale.ROOT)).filter(op -> !op.isEmpty())
                .distinct().toList();
    }
}
