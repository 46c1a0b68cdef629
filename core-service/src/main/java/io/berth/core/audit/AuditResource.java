package io.berth.core.audit;

import io.berth.core.api.Paging;
import io.berth.core.api.Query;
import io.berth.core.identity.Caller;
import io.berth.core.identity.CurrentCaller;
import io.berth.core.rbac.Action;
import io.berth.core.rbac.Permissions;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code /api/v2.0/audit-logs}: what the caller may read of the audit log, newest first, paged, filtered by {@code q}. */
@Path("/api/v2.0/audit-logs")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    static final Map<String, String> FIELDS = Map.of("username", "username", "operation", "operation",
            "resource", "resource", "resource_type", "resourceType", "op_time", "str(opTime)", "project", "project", "result", "result");

    /** Harbor's AuditLog, with Berth's result and client address. */
    public record AuditView(long id, String username, String resource, String resourceType, String operation, OffsetDateTime opTime,
            String result, String clientIp, String project) {}

    private final CurrentCaller current;
    private final Permissions permissions;

    AuditResource(CurrentCaller current, Permissions permissions) {
        this.current = current;
        this.permissions = permissions;
    }

    @GET
    public Response all(@QueryParam("q") String q, @QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize,
            @Context UriInfo uri) {
        Caller caller = current.authenticated();
        Map<String, Object> params = new HashMap<>();
        String where = Query.parse(q).where(FIELDS, params);
        if (!caller.sysadmin()) {
            List<String> readable = permissions.projects(caller, Action.READ_LOGS).stream().map(p -> p.name).toList();
            where += " and project in :readable";
            params.put("readable", readable.isEmpty() ? List.of("") : readable);
        }
        return page(where, params, page, pageSize, uri);
    }

    static Response page(String where, Map<String, Object> params, Integer page, Integer pageSize, UriInfo uri) {
        Paging paging = Paging.of(page, pageSize);
        var query = AuditEntry.find(where + " order by opTime desc, id desc", params);
        List<AuditView> views = query.page(paging.page() - 1, paging.pageSize()).<AuditEntry>list().stream()
                .map(a -> new AuditView(a.id, a.username, a.resource, a.resourceType, a.operation, a.opTime, a.result, a.clientIp,
                        a.project)).toList();
        return paging.response(views, query.count(), uri);
    }
}
