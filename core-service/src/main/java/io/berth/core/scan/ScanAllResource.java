package io.berth.core.scan;

import io.berth.core.identity.SysadminOnly;
import io.berth.core.schedule.JobRuns;
import io.berth.core.schedule.ScheduledJobResource;
import io.berth.core.schedule.Schedules;
import jakarta.ws.rs.Path;

/**
 * {@code /api/v2.0/system/scanAll} for system administrators: Harbor's {@code GET/POST/PUT /schedule} of the scan of every
 * artifact ({@link ScanAll}; a {@code Manual} schedule runs it now), with the history, run, log and stop every housekeeping
 * job has ({@link ScheduledJobResource}).
 */
@SysadminOnly
@Path("/api/v2.0/system/scanAll")
public class ScanAllResource extends ScheduledJobResource {
    ScanAllResource(ScanAll scanAll, Schedules schedules, JobRuns runs) {
        super(scanAll, schedules, runs);
    }
}
