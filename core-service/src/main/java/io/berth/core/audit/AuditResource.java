package io.berth.core.audit;

import io.berth.core.api.Paging;
import io.berth.core.api.Query;
import io.berth.core.identity.Caller;
import io.berth.core.identity.CurrentCaller;
import io.berth.core.project.Project;
import io.berth.core.project.ProjectResource;
import io.berth.core.rbac.Action;
import io.berth.core.rbac.Permissions;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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

/** {@code /api/v2.0/audit-logs} and {@code /api/v2.0/projects/{project_name}/logs}, newest first, paged, filtered by {@code q}. */
@Path("/api/v2.0")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    private static final Map<String, String> FIELDS = Map.of("username", "username", "operation", "operation",
            "resource", "resource", "resource_type", "resourceType", "op_time", "str(opTime)", "project", "project", "result", "result");

    /** Harbor's AuditLog, with Berth's result and client address. */
    public record AuditView(long id, String username, String resource, String resourceType, String operation, OffsetDateTime opTime,
            String result, String clientIp, String project) {}

    private final CurrentCaller current;
    private final Permissions permissions;
    private final ProjectResource projects;

    AuditResource(CurrentCaller current, Permissions permissions, ProjectResource projects) {
        this.current = current;
        this.permissions = permissions;
        this.projects = projects;
    }

    @GET
    @Path("/audit-logs")
    public Response all(@QueryParam("q") String q, @QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize,
            @Context UriInfo uri) {
        Caller caller = current.authenticated();
        Map<String, Object> params = new HashMap<>();
        String where = Query.parse(q).where(FIELDS, params);
        if (!caller.sysadmin()) {
            List<String> readable = Project.<Project>listAll().stream()
                    .filter(p -> permissions.can(caller, p, Action.READ_LOGS)).map(p -> p.name).toList();
            where += " and project in :readable";
            params.put("readable", readable.isEmpty() ? List.of("") : readable);
        }
        return page(where, params, page, pageSize, uri);
    }

    @GET
    @Path("/projects/{project_name}/logs")
    public Response ofProject(@PathParam("project_name") String projectName, @QueryParam("q") String q,
            @QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        Project project = projects.visible(projectName, true, Action.READ_LOGS);
        Map<String, Object> params = new HashMap<>();
        String where = Query.parse(q).where(FIELDS, params) + " and project = :project";
        params.put("project", project.name);
        return page(where, params, page, pageSize, uri);
    }

    private static Response page(String where, Map<String, Object> params, Integer page, Integer pageSize, UriInfo uri) {
        Paging paging = Paging.of(page, pageSize);
        var query = AuditEntry.find(where + " order by opTime desc, id desc", params);
        List<AuditView> views = query.page(paging.page() - 1, paging.pageSize()).<AuditEntry>list().stream()
                .map(a -> new AuditView(a.id, a.username, a.resource, a.resourceType, a.operation, a.opTime, a.result, a.clientIp,
                        a.project)).toList();
        return paging.response(views, query.count(), uri);
    }
}
