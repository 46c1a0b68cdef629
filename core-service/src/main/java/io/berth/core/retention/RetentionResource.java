package io.berth.core.retention;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.core.api.Paging;
import io.berth.core.identity.CurrentCaller;
import io.berth.core.retention.RetentionMetadata.Metadata;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
 * {@code /api/v2.0/retentions}: Harbor's tag retention API — the rule templates, a project's policy
 * ({@link RetentionService}), its runs, their tasks and logs ({@link RetentionRuns}).
 */
@Path("/api/v2.0/retentions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RetentionResource {
    private final RetentionService policies;
    private final RetentionRuns runs;
    private final CurrentCaller caller;

    RetentionResource(RetentionService policies, RetentionRuns runs, CurrentCaller caller) {
        this.policies = policies;
        this.runs = runs;
        this.caller = caller;
    }

    /** The rule templates and selector kinds; for any signed-in caller, as in Harbor. */
    @GET
    @Path("/metadatas")
    public Metadata metadatas() {
        caller.authenticated();
        return RetentionMetadata.METADATA;
    }

    @POST
    public Response create(JsonNode policy) {
        long id = policies.create(policy);
        return Response.status(201).header("Location", "/api/v2.0/retentions/" + id).build();
    }

    @GET
    @Path("/{id}")
    public PolicyJson get(@PathParam("id") long id) {
        return policies.get(id);
    }

    @PUT
    @Path("/{id}")
    public Response update(@PathParam("id") long id, JsonNode policy) {
        policies.update(id, policy);
        return Response.ok().build();
    }

    @POST
    @Path("/{id}/executions")
    public Response run(@PathParam("id") long id, JsonNode body) {
        long execution = runs.run(id, body);
        return Response.status(201).header("Location", "/api/v2.0/retentions/" + id + "/executions/" + execution).build();
    }

    @GET
    @Path("/{id}/executions")
    public Response executions(@PathParam("id") long id, @QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize,
            @Context UriInfo uri) {
        Paging paging = Paging.of(page, pageSize);
        return paging.response(runs.executions(id, paging), uri);
    }

    @PATCH
    @Path("/{id}/executions/{eid}")
    public Response operate(@PathParam("id") long id, @PathParam("eid") long eid, JsonNode body) {
        runs.operate(id, eid, body);
        return Response.ok().build();
    }

    @GET
    @Path("/{id}/executions/{eid}/tasks")
    public Response tasks(@PathParam("id") long id, @PathParam("eid") long eid, @QueryParam("page") Integer page,
            @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        Paging paging = Paging.of(page, pageSize);
        return paging.response(runs.tasks(id, eid, paging), uri);
    }

    @GET
    @Path("/{id}/executions/{eid}/tasks/{tid}")
    @Produces(MediaType.TEXT_PLAIN)
    public String log(@PathParam("id") long id, @PathParam("eid") long eid, @PathParam("tid") long tid) {
        return runs.log(id, eid, tid);
    }
}
