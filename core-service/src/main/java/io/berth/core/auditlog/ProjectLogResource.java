package io.berth.core.auditlog;

import io.berth.core.api.Paging;
import io.berth.core.project.Project;
import io.berth.core.project.ProjectAccess;
import io.berth.core.rbac.Action;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** {@code /api/v2.0/projects/{project_name}/logs}: one project's audit log, for those who may read it. */
@Path("/api/v2.0/projects/{project_name}/logs")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectLogResource {
    private final ProjectAccess access;
    private final AuditLogService logs;

    ProjectLogResource(ProjectAccess access, AuditLogService logs) {
        this.access = access;
        this.logs = logs;
    }

    @GET
    public Response list(@PathParam("project_name") String projectName, @QueryParam("q") String q, @QueryParam("page") Integer page,
            @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        Project project = access.visible(projectName, true, Action.READ_LOGS);
        Paging paging = Paging.of(page, pageSize);
        return paging.response(logs.of(project, q, paging), uri);
    }
}
