package io.berth.core.jobs;

import io.berth.common.error.HarborException;
import io.berth.common.job.GcRequest;
import io.berth.common.job.PurgeAuditRequest;
import io.berth.core.views.JobViews;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Harbor's job service dashboard: queues (pending tasks, latency, pause/resume/stop), worker pools
 * (jobservice processes) and their workers, and a job's log, read from jobservice's views; queue
 * actions go to jobservice.
 */
@ApplicationScoped
public class JobDashboard {
    /** Harbor's name for every pool, or every job type. */
    static final String ALL = "all";
    /** The job types core asks jobservice to run. */
    static final Set<String> DISPATCHED = Set.of("REPLICATION", GcRequest.KIND, PurgeAuditRequest.KIND,
            io.berth.common.job.RetentionRequest.KIND);

    public record QueueAction(String action) {}

    private final JobViews jobs;
    private final Jobservice jobservice;

    JobDashboard(JobViews jobs, Jobservice jobservice) {
        this.jobs = jobs;
        this.jobservice = jobservice;
    }

    public List<JobViews.Queue> queues() {
        return jobs.queues();
    }

    /** Pauses, resumes or stops one job type's queue, or every known one's for {@code all}; an unknown type is a 404. */
    public void queue(String jobType, QueueAction action) {
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
    }

    /** The job types there are: those core dispatches, those with a queue or tasks, those a running pool takes. */
    private Set<String> jobTypes() {
        Set<String> kinds = new TreeSet<>(DISPATCHED);
        kinds.addAll(jobs.kinds());
        return kinds;
    }

    public List<JobViews.Pool> pools() {
        return jobs.pools();
    }

    /** The workers of a pool (of every pool for {@code all}) that are running a task now. */
    public List<JobViews.Worker> workers(String poolId) {
        if (!ALL.equals(poolId) && !jobs.poolExists(poolId)) {
            throw HarborException.notFound("worker pool " + poolId + " not found");
        }
        return jobs.workers(ALL.equals(poolId) ? null : poolId);
    }

    /** The log of a job (a task), as text. */
    public String log(long jobId) {
        return HarborException.found(jobs.log(jobId, null), "job " + jobId).text();
    }
}
