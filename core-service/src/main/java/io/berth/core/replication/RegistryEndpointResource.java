package io.berth.core.replication;

import io.berth.common.error.HarborException;
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
 * {@code /api/v2.0/registries}: Harbor's registry endpoints, for system administrators (see
 * {@link RegistryEndpointService}); {@code /registries/ping} checks URL and credentials.
 */
@SysadminOnly
@Path("/api/v2.0/registries")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RegistryEndpointResource {
    private final RegistryEndpointService endpoints;

    RegistryEndpointResource(RegistryEndpointService endpoints) {
        this.endpoints = endpoints;
    }

    /** {@code name} is Harbor's deprecated fuzzy filter, still what Terraform's data source sends. */
    @GET
    public Response list(@QueryParam("q") String q, @QueryParam("name") String name, @QueryParam("page") Integer page,
            @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        Paging paging = Paging.of(page, pageSize);
        return paging.response(endpoints.list(q, name, paging), uri);
    }

    @GET
    @Path("/{id}")
    public RegistryEndpointService.RegistryJson get(@PathParam("id") long id) {
        return RegistryEndpointService.view(endpoints.find(id));
    }

    @POST
    public Response create(RegistryRequest request) {
        return Response.status(201).header("Location", "/api/v2.0/registries/" + endpoints.create(request).id).build();
    }

    /** Harbor's RegistryUpdate: the fields given (flat or nested credentials) change, the others stay. */
    @PUT
    @Path("/{id}")
    public Response update(@PathParam("id") long id, RegistryRequest request) {
        endpoints.update(id, request);
        return Response.ok().build();
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        endpoints.delete(id);
        return Response.ok().build();
    }

    /** Harbor's RegistryPing: a stored registry ({@code id}) with the fields given tried over it, or one given in full. */
    @POST
    @Path("/ping")
    public Response ping(RegistryRequest request) {
        if (request == null) {
            throw HarborException.badRequest("a registry or its id is required");
        }
        endpoints.ping(request);
        return Response.ok().build();
    }
}
