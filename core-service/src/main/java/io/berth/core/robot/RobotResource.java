package io.berth.core.robot;

import io.berth.common.error.HarborException;
import io.berth.core.api.Paging;
import io.berth.core.identity.Caller;
import io.berth.core.identity.CurrentCaller;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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

/** {@code /api/v2.0/robots}: Harbor's robot account API (v2: system and project level). */
@Path("/api/v2.0/robots")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RobotResource {
    private final RobotService robots;
    private final CurrentCaller current;

    RobotResource(RobotService robots, CurrentCaller current) {
        this.robots = robots;
        this.current = current;
    }

    @POST
    public Response create(RobotRequests.Create request) {
        Caller caller = current.authenticated();
        if (!caller.isUser()) {
            throw HarborException.forbidden("robot accounts cannot create robot accounts");
        }
        RobotRequests.Created created = robots.create(request, caller);
        return Response.status(201).header("Location", "/api/v2.0/robots/" + created.id()).entity(created).build();
    }

    @GET
    public Response list(@QueryParam("q") String q, @QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize,
            @Context UriInfo uri) {
        Caller caller = current.authenticated();
        Paging paging = Paging.of(page, pageSize);
        return paging.response(robots.list(q, caller, paging), uri);
    }

    @GET
    @Path("/{id}")
    public RobotRequests.View get(@PathParam("id") long id) {
        return robots.view(manageable(id));
    }

    @PUT
    @Path("/{id}")
    public Response update(@PathParam("id") long id, RobotRequests.View change) {
        Robot robot = manageable(id);
        if (change == null) {
            throw HarborException.badRequest("a robot body is required");
        }
        robots.update(robot, change, current.get());
        return Response.ok().build();
    }

    @PATCH
    @Path("/{id}")
    public RobotRequests.Secret refresh(@PathParam("id") long id, RobotRequests.Secret request) {
        Robot robot = manageable(id);
        return new RobotRequests.Secret(robots.refreshSecret(robot, request == null ? null : request.secret()));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        Robot robot = manageable(id);
        robots.delete(robot);
        return Response.ok().build();
    }

    private Robot manageable(long id) {
        Caller caller = current.authenticated();
        Robot robot = HarborException.found(Robot.findById(id), "robot " + id);
        robots.requireManage(caller, robot);
        return robot;
    }
}
