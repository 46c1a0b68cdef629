package io.berth.core.scrub;

import io.berth.core.api.Paging;
import io.berth.core.identity.SysadminOnly;
import io.berth.core.schedule.Schedules.ExecHistory;
import io.berth.core.schedule.Schedules.ScheduleRequest;
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
import java.net.URI;
import java.util.Map;

/**
 * {@code /api/v2.0/system/scrub} for system administrators, modelled on Harbor's {@code /system/gc}: a run started
 * now ({@code POST} with {@code {"parameters":{"rate_limit":<MB/s>}}}), the history, one run, its log, a stop, and
 * Harbor's schedule API ({@code GET/POST/PUT /schedule}: Manual, Hourly, Daily, Weekly, Custom, None) ({@link ScrubService}).
 */
@SysadminOnly
@Path("/api/v2.0/system/scrub")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ScrubResource {
    private final ScrubService scrub;

    ScrubResource(ScrubService scrub) {
        this.scrub = scrub;
    }

    /** Runs a scrub now: 201 with its address; 409 while one runs. */
    @POST
    public Response run(Map<String, Object> body) {
        return created(scrub.runNow(body));
    }

    private static Response created(long id) {
        return Response.created(URI.create("/api/v2.0/system/scrub/" + id)).build();
    }

    @GET
    public Response history(@QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        Paging paging = Paging.of(page, pageSize);
        return paging.response(scrub.history(paging), uri);
    }

    @GET
    @Path("/schedule")
    public Object schedule() {
        ExecHistory schedule = scrub.schedule();
        return schedule == null ? Map.of() : schedule;
    }

    @POST
    @Path("/schedule")
    public Response createSchedule(ScheduleRequest request) {
        Long id = scrub.create(request);
        return id == null ? Response.status(201).build() : created(id);
    }

    @PUT
    @Path("/schedule")
    public Response updateSchedule(ScheduleRequest request) {
        Long id = scrub.update(request);
        return id == null ? Response.ok().build() : created(id);
    }

    @GET
    @Path("/{scrub_id}")
    public ExecHistory get(@PathParam("scrub_id") long id) {
        return scrub.get(id);
    }

    @GET
    @Path("/{scrub_id}/log")
    @Produces(MediaType.TEXT_PLAIN)
    public String log(@PathParam("scrub_id") long id) {
        return scrub.log(id);
    }

    /** Stops a running scrub (409 if it has ended). */
    @PUT
    @Path("/{scrub_id}")
    @Consumes(MediaType.WILDCARD)
    public Response stop(@PathParam("scrub_id") long id) {
        scrub.stop(id);
        return Response.ok().build();
    }
}
