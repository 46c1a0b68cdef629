package io.berth.core.replication;

import io.berth.core.api.Paging;
import io.berth.core.identity.SysadminOnly;
import io.berth.core.replication.ExecutionService.ExecutionJson;
import jakarta.ws.rs.Consumes;
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
 * {@code /api/v2.0/replication/executions}: start a policy now, list and follow executions and their
 * tasks (read from jobservice's views), stop one ({@link ExecutionService}).
 */
@SysadminOnly
@Path("/api/v2.0/replication/executions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ExecutionResource {
    public record StartRequest(Long policyId) {}

    private final ExecutionService executions;

    ExecutionResource(ExecutionService executions) {
        this.executions = executions;
    }

    @POST
    public Response start(StartRequest request) {
        long id = executions.start(request == null ? null : request.policyId());
        return Response.status(201).header("Location", "/api/v2.0/replication/executions/" + id).build();
    }

    @GET
    public Response list(@QueryParam("policy_id") Long policyId, @QueryParam("status") String status, @QueryParam("trigger") String trigger,
            @QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        Paging paging = Paging.of(page, pageSize);
        return paging.response(executions.list(policyId, status, trigger, paging), uri);
    }

    @GET
    @Path("/{id}")
    public ExecutionJson get(@PathParam("id") long id) {
        return executions.get(id);
    }

    /** Harbor stops an execution with a PUT on it. */
    @PUT
    @Path("/{id}")
    public Response stop(@PathParam("id") long id) {
        executions.stop(id);
        return Response.ok().build();
    }

    @GET
    @Path("/{id}/tasks")
    public Response tasks(@PathParam("id") long id, @QueryParam("status") String status, @QueryParam("page") Integer page,
            @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        executions.get(id); // an unknown execution is a 404 whatever the paging
        Paging paging = Paging.of(page, pageSize);
        return paging.response(executions.tasks(id, status, paging), uri);
    }

    @GET
    @Path("/{id}/tasks/{task_id}/log")
    @Produces(MediaType.TEXT_PLAIN)
    public String log(@PathParam("id") long id, @PathParam("task_id") long taskId) {
        return executions.log(id, taskId);
    }
}
