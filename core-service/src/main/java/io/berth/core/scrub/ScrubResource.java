package io.berth.core.scrub;

import io.berth.core.identity.SysadminOnly;
import io.berth.core.schedule.JobRuns;
import io.berth.core.schedule.ScheduledJobResource;
import io.berth.core.schedule.Schedules;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;

/**
 * {@code /api/v2.0/system/scrub} for system administrators (docs/scrub.md): Harbor's housekeeping-job API as for
 * {@code /system/gc} ({@link ScheduledJobResource}: history, one run, its log, a stop, the schedule) and a run started
 * now by {@code POST} with {@code {"parameters":{"rate_limit":<MB/s>}}} ({@link ScrubService}).
 */
@SysadminOnly
@Path("/api/v2.0/system/scrub")
public class ScrubResource extends ScheduledJobResource {
    private final ScrubService scrub;

    ScrubResource(ScrubService scrub, Schedules schedules, JobRuns runs) {
        super(scrub, schedules, runs);
        this.scrub = scrub;
    }

    /** Runs a scrub now: 201 with its address; 409 while one runs. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response run(Map<String, Object> body) {
        return Response.created(URI.create("/api/v2.0/system/scrub/" + scrub.runNow(body))).build();
    }
}
