package io.berth.core.immutable;

import io.berth.core.api.Paging;
import io.berth.core.immutable.ImmutableRule.View;
import io.berth.core.project.Project;
import io.berth.core.project.ProjectAccess;
import io.berth.core.rbac.Action;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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

/**
 * {@code /api/v2.0/projects/{project_name_or_id}/immutabletagrules}: Harbor's immutable tag rules. Project
 * administrators and maintainers manage them, every member (not a limited guest) lists them.
 */
@Path("/api/v2.0/projects/{project}/immutabletagrules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ImmutableRuleResource {
    private final ProjectAccess access;
    private final ImmutableRuleService rules;

    ImmutableRuleResource(ProjectAccess access, ImmutableRuleService rules) {
        this.access = access;
        this.rules = rules;
    }

    @GET
    public Response list(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName,
            @QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        Project project = access.visible(reference, isName, Action.READ_IMMUTABLE_RULES);
        Paging paging = Paging.of(page, pageSize);
        return paging.response(rules.list(project, paging), uri);
    }

    @POST
    public Response create(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName, View request) {
        Project project = access.visible(reference, isName, Action.MANAGE_IMMUTABLE_RULES);
        long id = rules.create(project, request).id;
        return Response.status(201).header("Location", "/api/v2.0/projects/" + project.id + "/immutabletagrules/" + id).build();
    }

    @PUT
    @Path("/{id}")
    public Response update(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName,
            @PathParam("id") long id, View request) {
        rules.update(access.visible(reference, isName, Action.MANAGE_IMMUTABLE_RULES), id, request);
        return Response.ok().build();
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName,
            @PathParam("id") long id) {
        rules.delete(access.visible(reference, isName, Action.MANAGE_IMMUTABLE_RULES), id);
        return Response.ok().build();
    }
}
