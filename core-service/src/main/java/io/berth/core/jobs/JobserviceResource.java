package io.berth.core.jobs;

import io.berth.core.identity.SysadminOnly;
import io.berth.core.jobs.JobDashboard.QueueAction;
import io.berth.core.views.JobViews.Pool;
import io.berth.core.views.JobViews.Queue;
import io.berth.core.views.JobViews.Worker;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** {@code /api/v2.0/jobservice}: Harbor's job service dashboard ({@link JobDashboard}), for system administrators. */
@SysadminOnly
@Path("/api/v2.0/jobservice")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class JobserviceResource {
    private final JobDashboard dashboard;

    JobserviceResource(JobDashboard dashboard) {
        this.dashboard = dashboard;
    }

    @GET
    @Path("/queues")
    public List<Queue> queues() {
        return dashboard.queues();
    }

    /** Pauses, resumes or stops one job type's queue, or every known one's for {@code all}; an unknown type is a 404. */
    @PUT
    @Path("/queues/{job_type}")
    public Response queue(@PathParam("job_type") String jobType, QueueAction action) {
        dashboard.queue(jobType, action);
        return Response.ok().build();
    }

    @GET
    @Path("/pools")
    public List<Pool> pools() {
        return dashboard.pools();
    }

    /** The workers of a pool (of every pool for {@code all}) that are running a task now. */
    @GET
    @Path("/pools/{pool_id}/workers")
    public List<Worker> workers(@PathParam("pool_id") String poolId) {
        return dashboard.workers(poolId);
    }

    /** The log of a job (a task), as text. */
    @GET
    @Path("/jobs/{job_id}/log")
    @Produces(MediaType.TEXT_PLAIN)
    public String log(@PathParam("job_id") long jobId) {
        return dashboard.log(jobId);
    }
}
