package io.berth.core.project;

import io.berth.common.error.HarborException;
import io.berth.core.api.Paging;
import io.berth.core.api.Params;
import io.berth.core.identity.Caller;
import io.berth.core.identity.CurrentCaller;
import io.berth.core.rbac.Action;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;

/** {@code /api/v2.0/projects}: Harbor's project API. A project the caller may not see does not exist for them (404). */
@Path("/api/v2.0/projects")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProjectResource {
    private final ProjectService projects;
    private final ProjectAccess access;
    private final CurrentCaller current;

    ProjectResource(ProjectService projects, ProjectAccess access, CurrentCaller current) {
        this.projects = projects;
        this.access = access;
        this.current = current;
    }

    @POST
    public Response create(ProjectRequest request) {
        Caller caller = current.authenticated();
        if (!caller.isUser()) {
            throw HarborException.forbidden("robot accounts cannot create projects");
        }
        Project project = projects.create(request, caller);
        return Response.status(201).header("Location", "/api/v2.0/projects/" + project.id).build();
    }

    @HEAD
    public Response exists(@QueryParam("project_name") String name) {
        if (name == null) {
            throw HarborException.badRequest("project_name is required");
        }
        Project project = projects.byName(name);
        return Response.status(project == null || !access.can(current.get(), project, Action.READ_PROJECT) ? 404 : 200).build();
    }

    @GET
    public Response list(@QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize,
            @QueryParam("q") String q, @QueryParam("name") String name, @QueryParam("public") String publicParam,
            @QueryParam("owner") String owner, @QueryParam("with_detail") String withDetail, @Context UriInfo uri) {
        Paging paging = Paging.of(page, pageSize);
        Boolean isPublic = Params.optionalBool("public", publicParam);
        Params.bool("with_detail", withDetail, true); // the detail is always there: with_detail=false gets a superset
        return paging.response(projects.list(new ProjectService.Filter(q, name, isPublic, owner), paging, current.get()), uri);
    }

    @GET
    @Path("/{project}")
    public ProjectView get(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName) {
        return projects.view(access.visible(reference, isName, Action.READ_PROJECT), current.get());
    }

    @PUT
    @Path("/{project}")
    public Response update(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName,
            ProjectRequest request) {
        projects.update(access.visible(reference, isName, Action.UPDATE_PROJECT), request);
        return Response.ok().build();
    }

    @DELETE
    @Path("/{project}")
    public Response delete(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName) {
        projects.delete(access.visible(reference, isName, Action.DELETE_PROJECT));
        return Response.ok().build();
    }

    @GET
    @Path("/{project}/summary")
    public Map<String, Object> summary(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName) {
        return projects.summary(access.visible(reference, isName, Action.READ_PROJECT));
    }
}
