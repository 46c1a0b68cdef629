package io.berth.core.usergroup;

import io.berth.core.api.Paging;
import io.berth.core.identity.CurrentCaller;
import io.berth.core.identity.SysadminOnly;
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

/** Harbor's {@code /api/v2.0/usergroups}: system administrators manage groups; any user may search them by name. */
@Path("/api/v2.0/usergroups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserGroupResource {
    private final UserGroupService groups;
    private final CurrentCaller caller;

    UserGroupResource(UserGroupService groups, CurrentCaller caller) {
        this.groups = groups;
        this.caller = caller;
    }

    @GET
    @SysadminOnly
    public Response list(@QueryParam("group_name") String groupName, @QueryParam("ldap_group_dn") String ldapGroupDn,
            @QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        Paging paging = Paging.of(page, pageSize);
        return paging.response(groups.list(groupName, ldapGroupDn, paging), uri);
    }

    @GET
    @Path("/search")
    public Response search(@QueryParam("groupname") String groupName, @QueryParam("page") Integer page,
            @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        caller.authenticated();
        Paging paging = Paging.of(page, pageSize);
        return paging.response(groups.search(groupName, paging), uri);
    }

    @POST
    @SysadminOnly
    public Response create(UserGroupView request) {
        long id = groups.create(request).id;
        return Response.status(201).header("Location", "/api/v2.0/usergroups/" + id).build();
    }

    @GET
    @Path("/{id}")
    @SysadminOnly
    public UserGroupView get(@PathParam("id") long id) {
        return groups.get(id);
    }

    @PUT
    @Path("/{id}")
    @SysadminOnly
    public Response update(@PathParam("id") long id, UserGroupView request) {
        groups.rename(id, request);
        return Response.ok().build();
    }

    @DELETE
    @Path("/{id}")
    @SysadminOnly
    public Response delete(@PathParam("id") long id) {
        groups.delete(id);
        return Response.ok().build();
    }
}
