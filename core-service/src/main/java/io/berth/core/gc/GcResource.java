package io.berth.core.gc;

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

/** Harbor's {@code /api/v2.0/system/gc} for system administrators: runs, their history and logs, the schedule ({@link GcService}). */
@SysadminOnly
@Path("/api/v2.0/system/gc")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GcResource {
    private final GcService gc;

    GcResource(GcService gc) {
        this.gc = gc;
    }

    @GET
    public Response history(@QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        Paging paging = Paging.of(page, pageSize);
        return paging.response(gc.history(paging), uri);
    }

    @GET
    @Path("/schedule")
    public Object schedule() {
        ExecHistory schedule = gc.schedule();
        return schedule == null ? Map.of() : schedule;
    }

    @POST
    @Path("/schedule")
    public Response createSchedule(ScheduleRequest request) {
        return started(gc.create(request));
    }

    @PUT
    @Path("/schedule")
    public Response updateSchedule(ScheduleRequest request) {
        Long id = gc.update(request);
        return id == null ? Response.ok().build() : started(id);
    }

    @GET
    @Path("/{gc_id}")
    public ExecHistory get(@PathParam("gc_id") long id) {
        return gc.get(id);
    }

    @GET
    @Path("/{gc_id}/log")
    @Produces(MediaType.TEXT_PLAIN)
    public String log(@PathParam("gc_id") long id) {
        return gc.log(id);
    }

    /** Stops a running collection. */
    @PUT
    @Path("/{gc_id}")
    @Consumes(MediaType.WILDCARD)
    public Response stop(@PathParam("gc_id") long id) {
        gc.stop(id);
        return Response.ok().build();
    }

    /** 201; with the run's address when one was started now. */
    private static Response started(Long id) {
        return id == null ? Response.status(201).build() : Response.created(URI.create("/api/v2.0/system/gc/" + id)).build();
    }
}
