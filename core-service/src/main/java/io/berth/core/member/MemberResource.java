package io.berth.core.member;

import io.berth.core.api.Paging;
import io.berth.core.member.MemberService.MemberRequest;
import io.berth.core.member.MemberService.MemberView;
import io.berth.core.project.Project;
import io.berth.core.project.ProjectAccess;
import io.berth.core.rbac.Action;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

/** {@code /api/v2.0/projects/{project}/members}: who has which role in a project. */
@Path("/api/v2.0/projects/{project}/members")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MemberResource {
    public record RoleRequest(Integer roleId) {}

    private final ProjectAccess access;
    private final MemberService members;

    MemberResource(ProjectAccess access, MemberService members) {
        this.access = access;
        this.members = members;
    }

    @GET
    public Response list(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName,
            @QueryParam("entityname") String entityName, @QueryParam("page") Integer page,
            @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        Project project = access.visible(reference, isName, Action.READ_MEMBERS);
        Paging paging = Paging.of(page, pageSize);
        return paging.response(members.list(project, entityName, paging), uri);
    }

    @GET
    @Path("/{mid}")
    public MemberView get(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName,
            @PathParam("mid") long mid) {
        return members.get(access.visible(reference, isName, Action.READ_MEMBERS), mid);
    }

    @POST
    public Response add(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName,
            MemberRequest request) {
        Project project = access.visible(reference, isName, Action.MANAGE_MEMBERS);
        long id = members.add(project, request).id;
        return Response.status(201).header("Location", "/api/v2.0/projects/" + project.id + "/members/" + id).build();
    }

    @PUT
    @Path("/{mid}")
    public Response update(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName,
            @PathParam("mid") long mid, RoleRequest request) {
        members.changeRole(access.visible(reference, isName, Action.MANAGE_MEMBERS), mid, request == null ? null : request.roleId());
        return Response.ok().build();
    }

    @DELETE
    @Path("/{mid}")
    public Response remove(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName,
            @PathParam("mid") long mid) {
        members.remove(access.visible(reference, isName, Action.MANAGE_MEMBERS), mid);
        return Response.ok().build();
    }
}
