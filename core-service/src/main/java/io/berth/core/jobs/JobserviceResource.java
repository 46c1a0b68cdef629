package io.berth.core.jobs;

import static io.berth.core.api.SqlValues.number;
import static io.berth.core.api.SqlValues.time;

import io.berth.core.api.HarborException;
import io.berth.core.identity.CurrentCaller;
import io.berth.core.replication.Replicator;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code /api/v2.0/jobservice}: Harbor's job service dashboard for system administrators — queues
 * (pending tasks, latency, pause/resume/stop), worker pools (jobservice processes) and their
 * workers, and a job's log. Read from jobservice's views; queue actions go to jobservice.
 */
@Path("/api/v2.0/jobservice")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class JobserviceResource {
    /** Harbor's name for every pool, or every job type. */
    static final String ALL = "all";
    /** The job types core asks jobservice to run. */
    static final Set<String> DISPATCHED = Set.of("REPLICATION");

    public record Queue(String jobType, long count, long latency, boolean paused) {}

    public record Pool(String workerPoolId, long pid, String host, String jobTypes, int concurrency, OffsetDateTime startAt,
            OffsetDateTime heartbeatAt) {}

    /** Harbor's Worker: {@code job_id} is a string there. */
    public record Worker(String id, String poolId, String jobName, String jobId, long executionId, OffsetDateTime startAt,
            OffsetDateTime checkinAt) {}

    public record QueueAction(String action) {}

    private final CurrentCaller current;
    private final EntityManager em;
    private final Replicator jobservice;

    JobserviceResource(CurrentCaller current, EntityManager em, Replicator jobservice) {
        this.current = current;
        this.em = em;
        this.jobservice = jobservice;
    }

    @GET
    @Path("/queues")
    public List<Queue> queues() {
        current.sysadmin();
        return rows("SELECT kind, pending, latency_seconds, paused FROM jobs.queue_view ORDER BY kind").stream()
                .map(t -> new Queue((String) t.get(0), number(t.get(1)), number(t.get(2)), (Boolean) t.get(3))).toList();
    }

    /** Pauses, resumes or stops one job type's queue, or every known one's for {@code all}; an unknown type is a 404. */
    @PUT
    @Path("/queues/{job_type}")
    public Response queue(@PathParam("job_type") String jobType, QueueAction action) {
        current.sysadmin();
        if (action == null || action.action() == null || !Set.of("pause", "resume", "stop").contains(action.action())) {
            throw HarborException.badRequest("action must be pause, resume or stop");
        }
        Set<String> known = jobTypes();
        if (!ALL.equals(jobType) && !known.contains(jobType)) {
            throw HarborException.notFound("job type " + jobType + " not found; known: " + known + ", or all");
        }
        for (String kind : ALL.equals(jobType) ? known : Set.of(jobType)) {
            jobservice.queue(kind, action.action());
        }
        return Response.ok().build();
    }

    /** The job types there are: those core dispatches, those with a queue or tasks, those a running pool takes. */
    private Set<String> jobTypes() {
        Set<String> kinds = new TreeSet<>(DISPATCHED);
        rows("SELECT kind FROM jobs.queue_view").forEach(t -> kinds.add((String) t.get(0)));
        rows("SELECT kinds FROM jobs.pool_view").forEach(t -> Arrays.stream(((String) t.get(0)).split(","))
                .map(String::trim).filter(k -> !k.isEmpty()).forEach(kinds::add));
        return kinds;
    }

    @GET
    @Path("/pools")
    public List<Pool> pools() {
        current.sysadmin();
        return rows("SELECT id, pid, host, kinds, concurrency, started_at, heartbeat_at FROM jobs.pool_view ORDER BY started_at").stream()
                .map(t -> new Pool((String) t.get(0), number(t.get(1)), (String) t.get(2), (String) t.get(3), ((Number) t.get(4)).intValue(),
                        time(t.get(5)), time(t.get(6)))).toList();
    }

    /** The workers of a pool (of every pool for {@code all}) that are running a task now. */
    @GET
    @Path("/pools/{pool_id}/workers")
    public List<Worker> workers(@PathParam("pool_id") String poolId) {
        current.sysadmin();
        String columns = "SELECT id, pool_id, kind, task_id, execution_id, start_time, heartbeat FROM jobs.worker_view";
        List<Tuple> workers;
        if (ALL.equals(poolId)) {
            workers = rows(columns + " ORDER BY id");
        } else {
            if (rows("SELECT id FROM jobs.pool_view WHERE id = ?1", poolId).isEmpty()) {
                throw HarborException.notFound("worker pool " + poolId + " not found");
            }
            workers = rows(columns + " WHERE pool_id = ?1 ORDER BY id", poolId);
        }
        return workers.stream().map(t -> new Worker((String) t.get(0), (String) t.get(1), (String) t.get(2), Long.toString(number(t.get(3))),
                number(t.get(4)), time(t.get(5)), time(t.get(6)))).toList();
    }

    /** The log of a job (a task), as text. */
    @GET
    @Path("/jobs/{job_id}/log")
    @Produces(MediaType.TEXT_PLAIN)
    public String log(@PathParam("job_id") long jobId) {
        current.sysadmin();
        List<Tuple> log = rows("SELECT log FROM jobs.task_view WHERE id = ?1", jobId);
        if (log.isEmpty()) {
            throw HarborException.notFound("job " + jobId + " not found");
        }
        return (String) log.get(0).get(0);
    }

    @SuppressWarnings("unchecked")
    private List<Tuple> rows(String sql, Object... params) {
        var query = em.createNativeQuery(sql, Tuple.class);
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        return query.getResultList();
    }
}
