package io.berth.core.schedule;

import io.berth.core.api.Paging;
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
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;

/**
 * Harbor's API of a housekeeping job, written once: a subclass names the path ({@code /api/v2.0/system/gc},
 * {@code /system/purgeaudit}) and the {@link ScheduledJob}, and gets {@code GET} (history, paged),
 * {@code GET/POST/PUT /schedule}, {@code GET /{id}}, {@code GET /{id}/log} and {@code PUT /{id}} (stop).
 */
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public abstract class ScheduledJobResource {
    private final ScheduledJob job;
    private final Schedules schedules;
    private final JobRuns runs;

    protected ScheduledJobResource(ScheduledJob job, Schedules schedules, JobRuns runs) {
        this.job = job;
        this.schedules = schedules;
        this.runs = runs;
    }

    @GET
    public Response history(@QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        Paging paging = Paging.of(page, pageSize);
        return paging.response(runs.history(job, paging), uri);
    }

    @GET
    @Path("/schedule")
    public Object schedule() {
        ExecHistory schedule = schedules.get(job);
        return schedule == null ? Map.of() : schedule;
    }

    @POST
    @Path("/schedule")
    public Response createSchedule(ScheduleRequest request) {
        return started(schedules.create(job, request));
    }

    @PUT
    @Path("/schedule")
    public Response updateSchedule(ScheduleRequest request) {
        Long id = schedules.update(job, request);
        return id == null ? Response.ok().build() : started(id);
    }

    @GET
    @Path("/{id}")
    public ExecHistory get(@PathParam("id") long id) {
        return runs.get(job, id);
    }

    @GET
    @Path("/{id}/log")
    @Produces(MediaType.TEXT_PLAIN)
    public String log(@PathParam("id") long id) {
        return runs.log(job, id);
    }

    /** Stops a running run. */
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.WILDCARD)
    public Response stop(@PathParam("id") long id) {
        runs.stop(job, id);
        return Response.ok().build();
    }

    /** 201; with the run's address when one was started now. */
    private Response started(Long id) {
        return id == null ? Response.status(201).build()
                : Response.created(UriBuilder.fromResource(annotated()).path(String.valueOf(id)).build()).build();
    }

    /** The subclass that carries the {@code @Path} (CDI may hand out a generated subclass of it). */
    private Class<?> annotated() {
        Class<?> c = getClass();
        while (!c.isAnnotationPresent(Path.class)) {
            c = c.getSuperclass();
        }
        return c;
    }
}
