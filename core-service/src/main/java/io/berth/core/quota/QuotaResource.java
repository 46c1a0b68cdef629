package io.berth.core.quota;

import io.berth.core.api.Paging;
import io.berth.core.identity.SysadminOnly;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Harbor's {@code /api/v2.0/quotas} for system administrators: each project's storage hard limit and use ({@link QuotaService}). */
@Path("/api/v2.0/quotas")
@Produces(MediaType.APPLICATION_JSON)
@SysadminOnly
public class QuotaResource {
    private final QuotaService quotas;

    QuotaResource(QuotaService quotas) {
        this.quotas = quotas;
    }

    @GET
    public Response list(@QueryParam("reference") String reference, @QueryParam("reference_id") String referenceId,
            @QueryParam("sort") String sort, @QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize,
            @Context UriInfo uri) {
        Paging paging = Paging.of(page, pageSize);
        return paging.response(quotas.list(reference, referenceId, sort, paging), uri);
    }

    @GET
    @Path("/{id}")
    public QuotaService.Quota get(@PathParam("id") long id) {
        return quotas.get(id);
    }

    /** Harbor's UpdateQuota: {@code {"hard": {"storage": N}}}, N bytes or -1 (unlimited). 200 with no body, as Harbor. */
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("id") long id, JsonNode body) {
        quotas.update(id, body);
        return Response.ok().build();
    }
}
