package io.berth.jobs.api;

import io.berth.common.client.RegistryException;
import io.berth.jobs.dispatch.Dispatcher;
import io.berth.jobs.dispatch.TaskStore;
import io.berth.jobs.replication.ReplicationPlanner;
import io.berth.common.error.ErrorBodies;
import io.berth.common.job.ReplicationRequest;
import io.berth.jobs.replication.ReplicationPolicy;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * jobservice's API for core (not exposed by the gateway): start an execution, stop one, control a
 * kind's queue. Reading
 * executions and tasks is done by core through the {@code jobs} views.
 */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ExecutionResource {
    private final TaskStore store;
    private final ReplicationPlanner planner;
    private final Dispatcher dispatcher;

    ExecutionResource(TaskStore store, ReplicationPlanner planner, Dispatcher dispatcher) {
        this.store = store;
        this.planner = planner;
        this.dispatcher = dispatcher;
    }

    /** Plans a replication policy into tasks and records the execution; 201 with its id, or 502 if the source cannot be listed. */
    @POST
    @Path("/replication/executions")
    public Response replicate(ReplicationRequest request) {
        if (request == null) {
            return error(400, "a replication policy is required");
        }
        ReplicationPolicy policy = new ReplicationPolicy(request);
        try {
            List<TaskStore.NewTask> tasks = planner.plan(policy);
            long id = store.createExecution(ReplicationPlanner.KIND, policy.policyId(),
                    policy.trigger() == null ? "MANUAL" : policy.trigger(), tasks);
            dispatcher.dispatch(); // now, not at the next tick
            // a pull-based policy writes into this Berth: core creates the projects that are missing
            return Response.status(201).entity(Map.of("id", id, "dest_projects",
                    policy.pullsIntoThisBerth() ? ReplicationPlanner.destinationProjects(tasks) : List.of())).build();
        } catch (RegistryException | IOException e) {
            return error(502, "cannot list the source registry: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
    }

    @POST
    @Path("/executions/{id}/stop")
    @Consumes(MediaType.WILDCARD)
    public Response stop(@PathParam("id") long id) {
        return store.stop(id) ? Response.ok().build() : error(404, "execution " + id + " not found");
    }

    /** Harbor's queue actions: {@code pause} and {@code resume} dispatching a kind's tasks, {@code stop} its pending ones. */
    @PUT
    @Path("/queues/{kind}")
    public Response queue(@PathParam("kind") String kind, Map<String, String> request) {
        String action = request == null ? null : request.get("action");
        if (action == null) {
            return error(400, "action is required: pause, resume or stop");
        }
        switch (action) {
            case "pause" -> store.pause(kind, true);
            case "resume" -> store.pause(kind, false);
            case "stop" -> store.stopPending(kind);
            default -> {
                return error(400, "unknown action '" + action + "': pause, resume or stop");
            }
        }
        return Response.ok().build();
    }

    private static Response error(int status, String message) {
        return Response.status(status).type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE).entity(ErrorBodies.harbor(
                status == 404 ? "NOT_FOUND" : status == 400 ? "BAD_REQUEST" : "UNREACHABLE", message)).build();
    }
}
