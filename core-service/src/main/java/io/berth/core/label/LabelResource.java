package io.berth.core.label;

import io.berth.core.api.Paging;
import io.berth.core.identity.CurrentCaller;
import io.berth.core.label.LabelService.LabelRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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

/** Harbor's {@code /api/v2.0/labels}: global and project labels ({@link LabelService}). */
@Path("/api/v2.0/labels")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LabelResource {
    private final CurrentCaller current;
    private final LabelService labels;

    LabelResource(CurrentCaller current, LabelService labels) {
        this.current = current;
        this.labels = labels;
    }

    @GET
    public Response list(@QueryParam("scope") String scope, @QueryParam("project_id") Long projectId, @QueryParam("name") String name,
            @QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        current.authenticated();
        Paging paging = Paging.of(page, pageSize);
        return paging.response(labels.list(scope, projectId, name, paging), uri);
    }

    @GET
    @Path("/{id}")
    public Label.View get(@PathParam("id") long id) {
        return labels.readable(id).view();
    }

    @POST
    public Response create(LabelRequest request) {
        return Response.status(201).header("Location", "/api/v2.0/labels/" + labels.create(request).id).build();
    }

    @PUT
    @Path("/{id}")
    public Response update(@PathParam("id") long id, LabelRequest request) {
        labels.update(id, request);
        return Response.ok().build();
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        labels.delete(id);
        return Response.ok().build();
    }
}
