package io.berth.core.member;

import io.berth.core.api.HarborException;
import io.berth.core.api.Paging;
import io.berth.core.audit.AuditLog;
import io.berth.core.identity.CurrentCaller;
import io.berth.core.identity.User;
import io.berth.core.project.Project;
import io.berth.core.project.ProjectResource;
import io.berth.core.rbac.Action;
import jakarta.transaction.Transactional;
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
import java.util.List;

/** {@code /api/v2.0/projects/{project}/members}: who has which role in a project. */
@Path("/api/v2.0/projects/{project}/members")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MemberResource {
    /** Harbor's ProjectMemberEntity. */
    public record MemberView(long id, long projectId, String entityName, String roleName, int roleId, long entityId,
            String entityType) {}

    /** Harbor's ProjectMember request: a role and a user, by name or id. */
    public record MemberRequest(Integer roleId, MemberUser memberUser) {}

    public record MemberUser(Long userId, String username) {}

    public record RoleRequest(Integer roleId) {}

    private final ProjectResource projects;
    private final CurrentCaller current;
    private final AuditLog audit;

    MemberResource(ProjectResource projects, CurrentCaller current, AuditLog audit) {
        this.projects = projects;
        this.current = current;
        this.audit = audit;
    }

    @GET
    public Response list(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName,
            @QueryParam("entityname") String entityName, @QueryParam("page") Integer page,
            @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        Project project = projects.visible(reference, isName, Action.READ_MEMBERS);
        Paging paging = Paging.of(page, pageSize);
        var query = entityName == null
                ? Member.find("projectId = ?1 order by id", project.id)
                : Member.find("projectId = ?1 and userId in (select u.id from User u where lower(u.username) like ?2) order by id",
                        project.id, "%" + entityName.toLowerCase() + "%");
        List<MemberView> views = query.page(paging.page() - 1, paging.pageSize()).<Member>list().stream().map(MemberResource::view).toList();
        return paging.response(views, query.count(), uri);
    }

    @GET
    @Path("/{mid}")
    public MemberView get(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName,
            @PathParam("mid") long mid) {
        return view(member(projects.visible(reference, isName, Action.READ_MEMBERS), mid));
    }

    @POST
    @Transactional
    public Response add(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName,
            MemberRequest request) {
        Project project = projects.visible(reference, isName, Action.MANAGE_MEMBERS);
        if (request == null || request.roleId() == null || request.memberUser() == null) {
            throw HarborException.badRequest("role_id and member_user are required");
        }
        Role role = Role.of(request.roleId());
        User user = request.memberUser().userId() != null ? User.findById(request.memberUser().userId())
                : User.byName(request.memberUser().username());
        if (user == null) {
            throw HarborException.notFound("user " + (request.memberUser().username() != null ? request.memberUser().username()
                    : request.memberUser().userId()) + " not found");
        }
        if (Member.of(project.id, user.id) != null) {
            throw HarborException.conflict(user.username + " is already a member of " + project.name);
        }
        Member member = new Member();
        member.projectId = project.id;
        member.userId = user.id;
        member.roleId = role.id();
        member.persist();
        audit.record(current.get().name(), project.name, user.username, "member", "create " + role.harborName(), "success",
                current.clientAddress());
        return Response.status(201).header("Location", "/api/v2.0/projects/" + project.id + "/members/" + member.id).build();
    }

    @PUT
    @Path("/{mid}")
    @Transactional
    public Response update(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName,
            @PathParam("mid") long mid, RoleRequest request) {
        Project project = projects.visible(reference, isName, Action.MANAGE_MEMBERS);
        if (request == null || request.roleId() == null) {
            throw HarborException.badRequest("role_id is required");
        }
        Member member = member(project, mid);
        member.roleId = Role.of(request.roleId()).id();
        audit.record(current.get().name(), project.name, userName(member), "member", "update " + Role.of(member.roleId).harborName(),
                "success", current.clientAddress());
        return Response.ok().build();
    }

    @DELETE
    @Path("/{mid}")
    @Transactional
    public Response remove(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName,
            @PathParam("mid") long mid) {
        Project project = projects.visible(reference, isName, Action.MANAGE_MEMBERS);
        Member member = member(project, mid);
        String name = userName(member);
        member.delete();
        audit.record(current.get().name(), project.name, name, "member", "delete", "success", current.clientAddress());
        return Response.ok().build();
    }

    private static Member member(Project project, long mid) {
        Member member = Member.findById(mid);
        if (member == null || member.projectId != project.id) {
            throw HarborException.notFound("member " + mid + " not found in " + project.name);
        }
        return member;
    }

    private static String userName(Member member) {
        User user = User.findById(member.userId);
        return user == null ? "" : user.username;
    }

    static MemberView view(Member m) {
        Role role = Role.of(m.roleId);
        return new MemberView(m.id, m.projectId, userName(m), role.harborName(), role.id(), m.userId, "u");
    }
}
