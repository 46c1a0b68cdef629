package io.berth.core.replication;

import static io.berth.core.api.SqlValues.number;
import static io.berth.core.api.SqlValues.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.core.api.HarborException;
import io.berth.core.api.Paging;
import io.berth.core.identity.CurrentCaller;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
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
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v2.0/replication/executions}: start a policy now, list and follow executions and their
 * tasks (read from jobservice's {@code jobs.execution_view} and {@code jobs.task_view}), stop one.
 */
@Path("/api/v2.0/replication/executions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ExecutionResource {
    private static final Map<String, String> STATUS = Map.of("Running", "InProgress", "Pending", "Pending", "Success", "Succeed",
            "Error", "Failed", "Stopped", "Stopped");
    private static final Map<String, String> TRIGGER = Map.of("MANUAL", "manual", "SCHEDULE", "scheduled", "EVENT", "event_based");

    public record StartRequest(Long policyId) {}

    /** Harbor's ReplicationExecution, with the bytes moved so far. */
    public record ExecutionJson(long id, long policyId, String status, String statusText, String trigger, OffsetDateTime startTime,
            OffsetDateTime endTime, long total, long failed, long succeed, long inProgress, long stopped, long bytes) {}

    /** Harbor's ReplicationTask. */
    public record TaskJson(long id, long executionId, String resourceType, String srcResource, String dstResource, String operation,
            String status, String statusText, int attempts, long bytes, OffsetDateTime startTime, OffsetDateTime endTime) {}

    private final CurrentCaller current;
    private final Replicator replicator;
    private final EntityManager em;
    private final ObjectMapper json;

    ExecutionResource(CurrentCaller current, Replicator replicator, EntityManager em, ObjectMapper json) {
        this.current = current;
        this.replicator = replicator;
        this.em = em;
        this.json = json;
    }

    @POST
    public Response start(StartRequest request) {
        current.sysadmin();
        if (request == null || request.policyId() == null) {
            throw HarborException.badRequest("policy_id is required");
        }
        ReplicationPolicy policy = PolicyResource.find(request.policyId());
        if (!policy.enabled) {
            throw HarborException.preconditionFailed("the replication policy " + policy.name + " is disabled");
        }
        long id = replicator.run(policy, "MANUAL", null);
        return Response.status(201).header("Location", "/api/v2.0/replication/executions/" + id).build();
    }

    @GET
    public Response list(@QueryParam("policy_id") Long policyId, @QueryParam("status") String status, @QueryParam("trigger") String trigger,
            @QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        current.sysadmin();
        Paging paging = Paging.of(page, pageSize);
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder("vendor_type = 'REPLICATION'");
        if (policyId != null) {
            where.append(" AND vendor_id = :policy");
            params.put("policy", policyId);
        }
        if (status != null) {
            where.append(" AND status = :status");
            params.put("status", STATUS.entrySet().stream().filter(e -> e.getValue().equals(status)).map(Map.Entry::getKey)
                    .findFirst().orElse(status));
        }
        if (trigger != null) {
            where.append(" AND trigger = :trigger");
            params.put("trigger", TRIGGER.entrySet().stream().filter(e -> e.getValue().equals(trigger)).map(Map.Entry::getKey)
                    .findFirst().orElse(trigger));
        }
        var count = em.createNativeQuery("SELECT count(*) FROM jobs.execution_view WHERE " + where);
        var rows = em.createNativeQuery("SELECT * FROM jobs.execution_view WHERE " + where + " ORDER BY id DESC", Tuple.class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            rows.setParameter(k, v);
        });
        @SuppressWarnings("unchecked")
        List<Tuple> page1 = rows.setFirstResult(paging.offset()).setMaxResults(paging.pageSize()).getResultList();
        return paging.response(page1.stream().map(ExecutionResource::execution).toList(), ((Number) count.getSingleResult()).longValue(), uri);
    }

    @GET
    @Path("/{id}")
    public ExecutionJson get(@PathParam("id") long id) {
        current.sysadmin();
        return execution(find(id));
    }

    /** Harbor stops an execution with a PUT on it. */
    @PUT
    @Path("/{id}")
    public Response stop(@PathParam("id") long id) {
        current.sysadmin();
        find(id);
        replicator.stop(id);
        return Response.ok().build();
    }

    @GET
    @Path("/{id}/tasks")
    @SuppressWarnings("unchecked")
    public Response tasks(@PathParam("id") long id, @QueryParam("status") String status, @QueryParam("page") Integer page,
            @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        current.sysadmin();
        find(id);
        Paging paging = Paging.of(page, pageSize);
        String where = "execution_id = :id" + (status == null ? "" : " AND status = :status");
        var count = em.createNativeQuery("SELECT count(*) FROM jobs.task_view WHERE " + where).setParameter("id", id);
        var rows = em.createNativeQuery("SELECT id, execution_id, params::text AS params, status, status_message, attempts, bytes, "
                + "start_time, end_time FROM jobs.task_view WHERE " + where + " ORDER BY id", Tuple.class).setParameter("id", id);
        if (status != null) {
            String internal = STATUS.entrySet().stream().filter(e -> e.getValue().equals(status)).map(Map.Entry::getKey).findFirst().orElse(status);
            count.setParameter("status", internal);
            rows.setParameter("status", internal);
        }
        List<TaskJson> tasks = ((List<Tuple>) rows.setFirstResult(paging.offset()).setMaxResults(paging.pageSize()).getResultList())
                .stream().map(this::task).toList();
        return paging.response(tasks, ((Number) count.getSingleResult()).longValue(), uri);
    }

    @GET
    @Path("/{id}/tasks/{task_id}/log")
    @Produces(MediaType.TEXT_PLAIN)
    @SuppressWarnings("unchecked")
    public String log(@PathParam("id") long id, @PathParam("task_id") long taskId) {
        current.sysadmin();
        List<Object> log = em.createNativeQuery("SELECT log FROM jobs.task_view WHERE id = ?1 AND execution_id = ?2")
                .setParameter(1, taskId).setParameter(2, id).getResultList();
        if (log.isEmpty()) {
            throw HarborException.notFound("task " + taskId + " of execution " + id + " not found");
        }
        return (String) log.get(0);
    }

    private Tuple find(long id) {
        @SuppressWarnings("unchecked")
        List<Tuple> found = em.createNativeQuery("SELECT * FROM jobs.execution_view WHERE id = ?1 AND vendor_type = 'REPLICATION'", Tuple.class)
                .setParameter(1, id).getResultList();
        if (found.isEmpty()) {
            throw HarborException.notFound("replication execution " + id + " not found");
        }
        return found.get(0);
    }

    private static ExecutionJson execution(Tuple t) {
        return new ExecutionJson(number(t.get("id")), number(t.get("vendor_id")), STATUS.get((String) t.get("status")),
                (String) t.get("status_message"), TRIGGER.getOrDefault((String) t.get("trigger"), (String) t.get("trigger")),
                time(t.get("start_time")), time(t.get("end_time")), number(t.get("total")), number(t.get("failed")),
                number(t.get("succeed")), number(t.get("pending")) + number(t.get("running")), number(t.get("stopped")),
                number(t.get("bytes")));
    }

    private TaskJson task(Tuple t) {
        JsonNode params;
        try {
            params = json.readTree((String) t.get("params"));
        } catch (IOException e) {
            params = json.createObjectNode();
        }
        String tag = params.path("tag").asText();
        return new TaskJson(number(t.get("id")), number(t.get("execution_id")), "artifact",
                params.path("src_repository").asText() + ":" + tag, params.path("dest_repository").asText() + ":" + tag,
                params.path("delete").asBoolean() ? "deletion" : "copy", STATUS.get((String) t.get("status")),
                (String) t.get("status_message"), ((Number) t.get("attempts")).intValue(), number(t.get("bytes")),
                time(t.get("start_time")), time(t.get("end_time")));
    }
}
