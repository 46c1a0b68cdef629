package io.berth.jobs.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.client.RegistryException;
import io.berth.jobs.dispatch.Dispatcher;
import io.berth.jobs.dispatch.TaskStore;
import io.berth.jobs.replication.ReplicationPlanner;
import io.berth.common.error.HarborException;
import io.berth.common.job.GcRequest;
import io.berth.common.job.PurgeAuditRequest;
import io.berth.common.job.ReplicationRequest;
import io.berth.common.job.RetentionRequest;
import io.berth.jobs.retention.RetentionPlanner;
import io.berth.common.job.ScanJobRequest;
import io.berth.common.job.ScrubRequest;
import io.berth.common.job.WebhookRequest;
import io.berth.jobs.webhook.WebhookTask;
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
import java.sql.SQLException;
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
    private final RetentionPlanner retention;
    private final Dispatcher dispatcher;
    private final ObjectMapper json;

    ExecutionResource(TaskStore store, ReplicationPlanner planner, RetentionPlanner retention, Dispatcher dispatcher, ObjectMapper json) {
        this.store = store;
        this.planner = planner;
        this.retention = retention;
        this.dispatcher = dispatcher;
        this.json = json;
    }

    /** Plans a replication policy into tasks and records the execution; 201 with its id, or 502 if the source cannot be listed. */
    @POST
    @Path("/replication/executions")
    public Response replicate(ReplicationRequest request) {
        if (request == null) {
            throw HarborException.badRequest("a replication policy is required");
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
            throw new HarborException(502, "UNREACHABLE", "cannot list the source registry: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw HarborException.badRequest(e.getMessage());
        }
    }

    /** Plans a run of a tag retention policy (one task per repository it selects) and records it: 201 with its id. */
    @POST
    @Path("/retention/executions")
    public Response retain(RetentionRequest request) {
        String problem = request == null ? "a retention policy is required" : request.problem();
        if (problem != null) {
            throw HarborException.badRequest(problem);
        }
        try {
            long id = store.createExecutions(List.of(retention.plan(request))).get(0);
            dispatcher.dispatch();
            return Response.status(201).entity(Map.of("id", id)).build();
        } catch (SQLException e) {
            throw new HarborException(503, "UNAVAILABLE", "cannot list the project's repositories: " + e.getMessage());
        }
    }

    /** Starts a garbage collection: 201 with its id; 409 while another one runs (one at a time, across replicas). */
    @POST
    @Path("/gc/executions")
    public Response collectGarbage(GcRequest request) {
        if (request == null) {
            throw HarborException.badRequest("the garbage collection's parameters are required");
        }
        return startAlone(GcRequest.KIND, request.scheduleId(), request.trigger(), request.problem(), request, "a garbage collection");
    }

    /** Starts an audit-log purge: 201 with its id; 409 while another one runs (one at a time, across replicas). */
    @POST
    @Path("/purgeaudit/executions")
    public Response purgeAudit(PurgeAuditRequest request) {
        if (request == null) {
            throw HarborException.badRequest("the audit-log purge's parameters are required");
        }
        return startAlone(PurgeAuditRequest.KIND, request.scheduleId(), request.trigger(), request.problem(), request, "an audit-log purge");
    }

    /** Starts a scrub of the stored blobs: 201 with its id; 409 while another one runs (one at a time, across replicas). */
    @POST
    @Path("/scrub/executions")
    public Response scrub(ScrubRequest request) {
        if (request == null) {
            throw HarborException.badRequest("the scrub's parameters are required");
        }
        return startAlone(ScrubRequest.KIND, request.scheduleId(), request.trigger(), request.problem(), request, "a scrub");
    }

    /** Records a scan (one artifact) or a scan-all: one execution, one {@code SCAN} task per artifact; 201 with its id. */
    @POST
    @Path("/scan/executions")
    public Response scan(ScanJobRequest request) {
        String problem = request == null ? "the scan's parameters are required" : request.problem();
        if (problem != null) {
            throw HarborException.badRequest(problem);
        }
        List<TaskStore.NewTask> tasks = request.scans().stream().map(s -> new TaskStore.NewTask(ScanJobRequest.KIND, json.valueToTree(s))).toList();
        long id = store.createExecution(request.vendorType(), request.vendorId(), request.trigger() == null ? "MANUAL" : request.trigger(), tasks);
        dispatcher.dispatch();
        return Response.status(201).entity(Map.of("id", id)).build();
    }

    /**
     * Records an execution of one task of {@code kind} that runs alone (a unique index refuses a second running one:
     * 409) and dispatches it; 400 with the request's {@code problem} if it has one.
     */
    private Response startAlone(String kind, long scheduleId, String trigger, String problem, Object request, String what) {
        if (problem != null) {
            throw HarborException.badRequest(problem);
        }
        long id;
        try {
            id = store.createExecution(kind, scheduleId, trigger == null ? "MANUAL" : trigger,
                    List.of(new TaskStore.NewTask(kind, json.valueToTree(request))));
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                throw HarborException.conflict(what + " is running; stop it or wait for its end");
            }
            throw e;
        }
        dispatcher.dispatch();
        return Response.status(201).entity(Map.of("id", id)).build();
    }

    /**
     * Records webhook deliveries: per request one execution of its policy ({@code extra_attrs}: event type and id),
     * one {@code WEBHOOK} task per target; all or none. 201 with the executions' ids, in order.
     */
    @POST
    @Path("/webhook/executions")
    public Response notify(List<WebhookRequest> requests) {
        if (requests == null || requests.isEmpty()) {
            throw HarborException.badRequest("at least one webhook request is required");
        }
        List<TaskStore.NewExecution> executions = new java.util.ArrayList<>();
        for (WebhookRequest request : requests) {
            String problem = request == null ? "a webhook request is empty" : request.problem();
            if (problem != null) {
                throw HarborException.badRequest(problem);
            }
            List<TaskStore.NewTask> tasks = request.deliveries().stream().map(d -> new TaskStore.NewTask(WebhookRequest.KIND,
                    json.valueToTree(new WebhookTask(request.policyId(), request.eventType(), request.eventId(), d)))).toList();
            executions.add(new TaskStore.NewExecution(WebhookRequest.KIND, request.policyId(),
                    request.trigger() == null ? "EVENT" : request.trigger(),
                    json.valueToTree(Map.of("event_type", request.eventType(), "event_id", request.eventId())), tasks));
        }
        List<Long> ids = store.createExecutions(executions);
        dispatcher.dispatch();
        return Response.status(201).entity(Map.of("ids", ids)).build();
    }

    @POST
    @Path("/executions/{id}/stop")
    @Consumes(MediaType.WILDCARD)
    public Response stop(@PathParam("id") long id) {
        if (!store.stop(id)) {
            throw HarborException.notFound("execution " + id + " not found");
        }
        return Response.ok().build();
    }

    /** Harbor's queue actions: {@code pause} and {@code resume} dispatching a kind's tasks, {@code stop} its pending ones. */
    @PUT
    @Path("/queues/{kind}")
    public Response queue(@PathParam("kind") String kind, Map<String, String> request) {
        String action = request == null ? null : request.get("action");
        if (action == null) {
            throw HarborException.badRequest("action is required: pause, resume or stop");
        }
        switch (action) {
            case "pause" -> store.pause(kind, true);
            case "resume" -> store.pause(kind, false);
            case "stop" -> store.stopPending(kind);
            default -> throw HarborException.badRequest("unknown action '" + action + "': pause, resume or stop");
        }
        return Response.ok().build();
    }
}
