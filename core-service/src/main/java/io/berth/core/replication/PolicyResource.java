package io.berth.core.replication;

import io.berth.core.api.Paging;
import io.berth.core.identity.SysadminOnly;
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

/**
 * {@code /api/v2.0/replication/policies}: Harbor's replication policies, for system administrators.
 * POST and PUT make the policy what the body says, whole (see {@link PolicyService}).
 */
@SysadminOnly
@Path("/api/v2.0/replication/policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PolicyResource {
    private final PolicyService policies;

    PolicyResource(PolicyService policies) {
        this.policies = policies;
    }

    @GET
    public Response list(@QueryParam("q") String q, @QueryParam("name") String name, @QueryParam("page") Integer page,
            @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        Paging paging = Paging.of(page, pageSize);
        return paging.response(policies.list(q, name, paging), uri);
    }

    @GET
    @Path("/{id}")
    public PolicyJson get(@PathParam("id") long id) {
        return PolicyService.view(policies.find(id));
    }

    @POST
    public Response create(PolicyJson request) {
        return Response.status(201).header("Location", "/api/v2.0/replication/policies/" + policies.create(request).id).build();
    }

    @PUT
    @Path("/{id}")
    public Response update(@PathParam("id") long id, PolicyJson request) {
        policies.update(id, request);
        return Response.ok().build();
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        policies.delete(id);
        return Response.ok().build();
    }
}
