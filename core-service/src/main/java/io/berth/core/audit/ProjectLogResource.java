package io.berth.core.audit;

import io.berth.core.api.Query;
import io.berth.core.project.Project;
import io.berth.core.project.ProjectResource;
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
import java.util.HashMap;
import java.util.Map;

/** {@code /api/v2.0/projects/{project_name}/logs}: one project's audit log, for those who may read it. */
@Path("/api/v2.0/projects/{project_name}/logs")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectLogResource {
    private final ProjectResource projects;

    ProjectLogResource(ProjectResource projects) {
        this.projects = projects;
    }

    @GET
    public Response list(@PathParam("project_name") String projectName, @QueryParam("q") String q, @QueryParam("page") Integer page,
            @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        Project project = projects.visible(projectName, true, Action.READ_LOGS);
        Map<String, Object> params = new HashMap<>();
        String where = Query.parse(q).where(AuditResource.FIELDS, params) + " and project = :project";
        params.put("project", project.name);
        return AuditResource.page(where, params, page, pageSize, uri);
    }
}
