package io.berth.core.signature;

import io.berth.core.api.Paging;
import io.berth.core.project.Project;
import io.berth.core.project.ProjectAccess;
import io.berth.core.rbac.Action;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code /api/v2.0/projects/{project_name_or_id}/trusted-keys} (Berth's own): the keys a project trusts for cosign and
 * Notation signatures. Project administrators add and delete them; members read them.
 */
@Path("/api/v2.0/projects/{project}/trusted-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TrustedKeyResource {
    private final ProjectAccess access;
    private final TrustedKeyService keys;

    TrustedKeyResource(ProjectAccess access, TrustedKeyService keys) {
        this.access = access;
        this.keys = keys;
    }

    @GET
    public Response list(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName,
            @QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        Project project = access.visible(reference, isName, Action.READ_PROJECT);
        Paging paging = Paging.of(page, pageSize);
        return paging.response(keys.list(project, paging), uri);
    }

    @GET
    @Path("/{id}")
    public TrustedKey.View get(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName,
            @PathParam("id") long id) {
        return keys.get(access.visible(reference, isName, Action.READ_PROJECT), id);
    }

    @POST
    public Response add(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName, TrustedKey.View request) {
        Project project = access.visible(reference, isName, Action.UPDATE_PROJECT);
        long id = keys.add(project, request).id;
        return Response.status(201).header("Location", "/api/v2.0/projects/" + project.id + "/trusted-keys/" + id).build();
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName,
            @PathParam("id") long id) {
        keys.delete(access.visible(reference, isName, Action.UPDATE_PROJECT), id);
        return Response.ok().build();
    }
}
