package io.berth.core.robot;

import io.berth.core.api.HarborException;
import io.berth.core.api.Paging;
import io.berth.core.api.Query;
import io.berth.core.audit.AuditLog;
import io.berth.core.identity.Caller;
import io.berth.core.identity.CurrentCaller;
import io.berth.core.project.Project;
import io.berth.core.rbac.Action;
import io.berth.core.rbac.Permissions;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code /api/v2.0/robots}: Harbor's robot account API (v2: system and project level). */
@Path("/api/v2.0/robots")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RobotResource {
    private final RobotService robots;
    private final Permissions permissions;
    private final CurrentCaller current;
    private final AuditLog audit;

    RobotResource(RobotService robots, Permissions permissions, CurrentCaller current, AuditLog audit) {
        this.robots = robots;
        this.permissions = permissions;
        this.current = current;
        this.audit = audit;
    }

    @POST
    public Response create(RobotRequests.Create request) {
        Caller caller = current.authenticated();
        if (!caller.isUser()) {
            throw HarborException.forbidden("robot accounts cannot create robot accounts");
        }
        RobotRequests.Created created = robots.create(request, caller);
        audit.record(caller.name(), projectOf(created.name()), created.name(), "robot", "create", "success", current.clientAddress());
        return Response.status(201).header("Location", "/api/v2.0/robots/" + created.id()).entity(created).build();
    }

    @GET
    public Response list(@QueryParam("q") String q, @QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize,
            @Context UriInfo uri) {
        Caller caller = current.authenticated();
        Paging paging = Paging.of(page, pageSize);
        Map<String, Object> params = new HashMap<>();
        String where = Query.parse(q).where(Map.of("Level", "level", "level", "level", "ProjectID", "str(projectId)",
                "project_id", "str(projectId)", "name", "name"), params);
        if (!caller.sysadmin()) {
            List<Long> manageable = permissions.projects(caller, Action.READ_ROBOTS).stream().map(p -> p.id).toList();
            where += " and projectId in :manageable";
            params.put("manageable", manageable.isEmpty() ? List.of(-1L) : manageable);
        }
        var query = Robot.find(where + " order by name", params);
        List<RobotRequests.View> views = query.page(paging.page() - 1, paging.pageSize()).<Robot>list().stream().map(robots::view).toList();
        return paging.response(views, query.count(), uri);
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
        audit.record(current.get().name(), projectOf(robot.name), robot.name, "robot", change.disable() ? "disable" : "update",
                "success", current.clientAddress());
        return Response.ok().build();
    }

    @PATCH
    @Path("/{id}")
    public RobotRequests.Secret refresh(@PathParam("id") long id, RobotRequests.Secret request) {
        Robot robot = manageable(id);
        String secret = robots.refreshSecret(robot, request == null ? null : request.secret());
        audit.record(current.get().name(), projectOf(robot.name), robot.name, "robot", "refresh secret", "success", current.clientAddress());
        return new RobotRequests.Secret(secret);
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        Robot robot = manageable(id);
        robots.delete(robot);
        audit.record(current.get().name(), projectOf(robot.name), robot.name, "robot", "delete", "success", current.clientAddress());
        return Response.ok().build();
    }

    private Robot manageable(long id) {
        Caller caller = current.authenticated();
        Robot robot = Robot.findById(id);
        if (robot == null) {
            throw HarborException.notFound("robot " + id + " not found");
        }
        robots.requireManage(caller, robot);
        return robot;
    }

    private static String projectOf(String robotName) {
        int plus = robotName.indexOf('+');
        return plus < 0 ? null : robotName.substring("robot$".length(), plus);
    }
}
