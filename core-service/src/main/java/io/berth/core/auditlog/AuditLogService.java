package io.berth.core.auditlog;

import io.berth.core.api.Page;
import io.berth.core.api.Paging;
import io.berth.core.api.Query;
import io.berth.core.audit.AuditEntry;
import io.berth.core.identity.Caller;
import io.berth.core.project.Project;
import io.berth.core.project.ProjectAccess;
import io.berth.core.rbac.Action;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

/** Reading the audit log: what the caller may read of it, newest first, filtered by Harbor's {@code q}. */
@ApplicationScoped
public class AuditLogService {
    static final Map<String, String> FIELDS = Map.of("username", "username", "operation", "operation",
            "resource", "resource", "resource_type", "resourceType", "op_time", "str(opTime)", "project", "project", "result", "result");

    /** Harbor's AuditLog, with Berth's result and client address. */
    public record AuditView(long id, String username, String resource, String resourceType, String operation, OffsetDateTime opTime,
            String result, String clientIp, String project) {}

    private final ProjectAccess access;

    AuditLogService(ProjectAccess access) {
        this.access = access;
    }

    /** Every line a system administrator may read; for others, those of the projects whose logs they may read. */
    public Page<AuditView> all(String q, Caller caller, Paging paging) {
        Map<String, Object> params = new HashMap<>();
        String where = Query.parse(q).where(FIELDS, params) + access.namedIn(caller, Action.READ_LOGS, "project", params);
        return page(where, params, paging);
    }

    /** The lines of one project. */
    public Page<AuditView> of(Project project, String q, Paging paging) {
        Map<String, Object> params = new HashMap<>();
        String where = Query.parse(q).where(FIELDS, params) + " and project = :project";
        params.put("project", project.name);
        return page(where, params, paging);
    }

    private static Page<AuditView> page(String where, Map<String, Object> params, Paging paging) {
        return Page.of(AuditEntry.<AuditEntry>find(where + " order by opTime desc, id desc", params), paging,
                a -> new AuditView(a.id, a.username, a.resource, a.resourceType, a.operation, a.opTime, a.result, a.clientIp, a.project));
    }
}
