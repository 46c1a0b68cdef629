package io.berth.core.gc;

import io.berth.core.identity.SysadminOnly;
import io.berth.core.schedule.JobRuns;
import io.berth.core.schedule.ScheduledJobResource;
import io.berth.core.schedule.Schedules;
import jakarta.ws.rs.Path;

/** Harbor's {@code /api/v2.0/system/gc} for system administrators: runs, their history and logs, the schedule ({@link GcService}). */
@SysadminOnly
@Path("/api/v2.0/system/gc")
public class GcResource extends ScheduledJobResource {
    GcResource(GcService gc, Schedules schedules, JobRuns runs) {
        super(gc, schedules, runs);
    }
}
