package io.berth.core.user;

import io.berth.common.error.HarborException;
import io.berth.core.api.Paging;
import io.berth.core.identity.Caller;
import io.berth.core.identity.CurrentCaller;
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

/** {@code /api/v2.0/users}: Harbor's user API (database authentication mode). */
@Path("/api/v2.0/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {
    private final UserService users;
    private final CurrentCaller current;
    private final OidcUserMeta.Source oidc;

    UserResource(UserService users, CurrentCaller current, OidcUserMeta.Source oidc) {
        this.users = users;
        this.current = current;
        this.oidc = oidc;
    }

    @POST
    public Response create(UserRequests.Creation request) {
        User user = users.create(request, current.get());
        return Response.status(201).header("Location", "/api/v2.0/users/" + user.id).build();
    }

    @GET
    public Response list(@QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize, @QueryParam("q") String q,
            @Context UriInfo uri) {
        current.sysadmin();
        Paging paging = Paging.of(page, pageSize);
        return paging.response(users.list(q, paging), uri);
    }

    @GET
    @Path("/current")
    public UserView currentUser() {
        Caller caller = current.authenticated();
        if (!caller.isUser()) {
            throw HarborException.notFound("robot accounts are not users");
        }
        User user = users.existing(caller.id());
        return withOidc(UserView.of(user, caller.sysadmin() && !user.sysadmin), caller);
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
        return paging.response(users.search(username, paging), uri);
    }

    @GET
    @Path("/{id}")
    public UserView get(@PathParam("id") long id) {
        Caller caller = selfOrSysadmin(id);
        return withOidc(UserView.of(users.existing(id)), caller);
    }

    @PUT
    @Path("/{id}")
    public Response update(@PathParam("id") long id, UserRequests.Profile profile) {
        selfOrSysadmin(id);
        if (profile == null) {
            throw HarborException.badRequest("a profile body is required");
        }
        users.updateProfile(id, profile);
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
        return Response.ok().build();
    }

    @PUT
    @Path("/{id}/sysadmin")
    public Response sysadmin(@PathParam("id") long id, UserRequests.SysadminFlag flag) {
        current.sysadmin();
        if (flag == null) {
            throw HarborException.badRequest("a body {\"sysadmin_flag\": true|false} is required");
        }
        boolean sysadmin = Boolean.TRUE.equals(flag.sysadminFlag()); // Harbor's clients leave false out
        users.setSysadmin(id, sysadmin);
        return Response.ok().build();
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        current.sysadmin();
        users.delete(id);
        return Response.ok().build();
    }

    /** The view with the user's OIDC meta, if they are an OIDC user; the CLI secret only for the user themself, as in Harbor. */
    private UserView withOidc(UserView view, Caller caller) {
        boolean self = caller.isUser() && caller.id() == view.userId();
        return oidc.of(view.userId(), self).map(view::with).orElse(view);
    }

    private Caller selfOrSysadmin(long id) {
        Caller caller = current.authenticated();
        if (!caller.sysadmin() && !(caller.isUser() && caller.id() == id)) {
            throw HarborException.forbidden("only the user themselves or a system administrator may do this");
        }
        return caller;
    }
}
