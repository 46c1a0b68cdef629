package io.berth.core.identity;

import io.berth.core.api.HarborException;
import io.berth.core.api.Paging;
import io.berth.core.api.Query;
import io.berth.core.audit.AuditLog;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code /api/v2.0/users}: Harbor's user API (database authentication mode). */
@Path("/api/v2.0/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {
    private final UserService users;
    private final CurrentCaller current;
    private final AuditLog audit;

    UserResource(UserService users, CurrentCaller current, AuditLog audit) {
        this.users = users;
        this.current = current;
        this.audit = audit;
    }

    @POST
    public Response create(UserRequests.Creation request) {
        Caller admin = current.sysadmin();
        User user = users.create(request);
        audit.record(admin.name(), null, user.username, "user", "create", "success", current.clientAddress());
        return Response.status(201).header("Location", "/api/v2.0/users/" + user.id).build();
    }

    @GET
    public Response list(@QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize, @QueryParam("q") String q,
            @Context UriInfo uri) {
        current.sysadmin();
        Paging paging = Paging.of(page, pageSize);
        Map<String, Object> params = new HashMap<>();
        String where = Query.parse(q).where(Map.of("username", "username", "email", "email"), params);
        var query = User.find(where + " order by username", params);
        List<UserView> views = query.page(paging.page() - 1, paging.pageSize()).<User>list().stream().map(UserView::of).toList();
        return paging.response(views, query.count(), uri);
    }

    @GET
    @Path("/current")
    public UserView currentUser() {
        Caller caller = current.authenticated();
        if (!caller.isUser()) {
            throw HarborException.notFound("robot accounts are not users");
        }
        return UserView.of(users.existing(caller.id()));
    }

    @GET
    @Path("/search")
    public Response search(@QueryParam("username") String username, @QueryParam("page") Integer page,
            @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        current.authenticated();
        if (username == null || username.isBlank()) {
            throw HarborException.badRequest("username is required");
        }
        Paging paging = Paging.of(page, pageSize);
        var query = User.find("lower(username) like ?1 order by username", "%" + username.toLowerCase() + "%");
        List<Map<String, Object>> found = query.page(paging.page() - 1, paging.pageSize()).<User>list().stream()
                .map(u -> Map.<String, Object>of("user_id", u.id, "username", u.username)).toList();
        return paging.response(found, query.count(), uri);
    }

    @GET
    @Path("/{id}")
    public UserView get(@PathParam("id") long id) {
        selfOrSysadmin(id);
        return UserView.of(users.existing(id));
    }

    @PUT
    @Path("/{id}")
    public Response update(@PathParam("id") long id, UserRequests.Profile profile) {
        Caller caller = selfOrSysadmin(id);
        if (profile == null) {
            throw HarborException.badRequest("a profile body is required");
        }
        users.updateProfile(id, profile);
        audit.record(caller.name(), null, users.existing(id).username, "user", "update", "success", current.clientAddress());
        return Response.ok().build();
    }

    @PUT
    @Path("/{id}/password")
    public Response password(@PathParam("id") long id, UserRequests.PasswordChange change) {
        Caller caller = selfOrSysadmin(id);
        if (change == null) {
            throw HarborException.badRequest("old_password and new_password are required");
        }
        users.changePassword(id, change, caller);
        audit.record(caller.name(), null, users.existing(id).username, "user", "change password", "success", current.clientAddress());
        return Response.ok().build();
    }

    @PUT
    @Path("/{id}/sysadmin")
    public Response sysadmin(@PathParam("id") long id, UserRequests.SysadminFlag flag) {
        Caller admin = current.sysadmin();
        if (flag == null) {
            throw HarborException.badRequest("a body {\"sysadmin_flag\": true|false} is required");
        }
        boolean sysadmin = Boolean.TRUE.equals(flag.sysadminFlag()); // Harbor's clients leave false out
        users.setSysadmin(id, sysadmin);
        audit.record(admin.name(), null, users.existing(id).username, "user", "set sysadmin " + sysadmin, "success",
                current.clientAddress());
        return Response.ok().build();
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        Caller admin = current.sysadmin();
        String name = users.existing(id).username;
        users.delete(id);
        audit.record(admin.name(), null, name, "user", "delete", "success", current.clientAddress());
        return Response.ok().build();
    }

    private Caller selfOrSysadmin(long id) {
        Caller caller = current.authenticated();
        if (!caller.sysadmin() && !(caller.isUser() && caller.id() == id)) {
            throw HarborException.forbidden("only the user themselves or a system administrator may do this");
        }
        return caller;
    }
}
