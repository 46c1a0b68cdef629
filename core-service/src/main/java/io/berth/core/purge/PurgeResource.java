package io.berth.core.purge;

import io.berth.core.identity.SysadminOnly;
import io.berth.core.schedule.JobRuns;
import io.berth.core.schedule.ScheduledJobResource;
import io.berth.core.schedule.Schedules;
import jakarta.ws.rs.Path;

/** Harbor's {@code /api/v2.0/system/purgeaudit} for system administrators: runs, their history and logs, the schedule ({@link PurgeService}). */
@SysadminOnly
@Path("/api/v2.0/system/purgeaudit")
public class PurgeResource extends ScheduledJobResource {
    PurgeResource(PurgeService purge, Schedules schedules, JobRuns runs) {
        super(purge, schedules, runs);
    }
}
