package io.berth.core.project;

import io.berth.core.api.HarborException;
import io.berth.core.api.Paging;
import io.berth.core.api.Params;
import io.berth.core.api.Query;
import io.berth.core.audit.AuditLog;
import io.berth.core.identity.Caller;
import io.berth.core.identity.CurrentCaller;
import io.berth.core.identity.User;
import io.berth.core.member.Member;
import io.berth.core.member.Role;
import io.berth.core.rbac.Action;
import io.berth.core.rbac.Permissions;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code /api/v2.0/projects}: Harbor's project API. A project the caller may not see does not exist for them (404). */
@Path("/api/v2.0/projects")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProjectResource {
    private final ProjectService projects;
    private final Permissions permissions;
    private final CurrentCaller current;
    private final AuditLog audit;

    ProjectResource(ProjectService projects, Permissions permissions, CurrentCaller current, AuditLog audit) {
        this.projects = projects;
        this.permissions = permissions;
        this.current = current;
        this.audit = audit;
    }

    @POST
    public Response create(ProjectRequest request) {
        Caller caller = current.authenticated();
        if (!caller.isUser()) {
            throw HarborException.forbidden("robot accounts cannot create projects");
        }
        if (request == null || request.projectName() == null) {
            throw HarborException.badRequest("project_name is required");
        }
        request.refuseUnsupported();
        Map<String, String> metadata = ProjectMetadata.validate(request.metadata());
        Project project = projects.create(request.projectName(), Boolean.TRUE.equals(request.isPublic()),
                User.findById(caller.id()), metadata);
        audit.record(caller.name(), project.name, project.name, "project", "create", "success", current.clientAddress());
        return Response.status(201).header("Location", "/api/v2.0/projects/" + project.id).build();
    }

    @HEAD
    public Response exists(@QueryParam("project_name") String name) {
        if (name == null) {
            throw HarborException.badRequest("project_name is required");
        }
        Project project = projects.byName(name);
        return Response.status(project == null || !permissions.can(current.get(), project, Action.READ_PROJECT) ? 404 : 200).build();
    }

    @GET
    public Response list(@QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize,
            @QueryParam("q") String q, @QueryParam("name") String name, @QueryParam("public") String publicParam,
            @QueryParam("owner") String owner, @QueryParam("with_detail") String withDetail, @Context UriInfo uri) {
        Paging paging = Paging.of(page, pageSize);
        Boolean isPublic = Params.optionalBool("public", publicParam);
        Params.bool("with_detail", withDetail, true); // the detail is always there: with_detail=false gets a superset
        Caller caller = current.get();
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder(Query.parse(q).where(Map.of("name", "p.name"), params));
        if (name != null) {
            where.append(" and lower(p.name) like :name");
            params.put("name", "%" + name.toLowerCase() + "%");
        }
        if (isPublic != null) {
            where.append(" and coalesce(p.metadata['public'], 'false') = :public");
            params.put("public", isPublic.toString());
        }
        if (owner != null) {
            where.append(" and p.ownerId = (select u.id from User u where u.username = :owner)");
            params.put("owner", owner);
        }
        if (!caller.sysadmin()) {
            where.append(" and (p.metadata['public'] = 'true'");
            if (caller.isUser()) {
                where.append(" or exists (select 1 from Member m where m.projectId = p.id and m.userId = :me)");
                params.put("me", caller.id());
            } else if (caller.isRobot()) {
                where.append(" or exists (select 1 from RobotPermission rp where rp.robotId = :me and (rp.namespace = p.name or rp.namespace = '*'))");
                params.put("me", caller.id());
            }
            where.append(")");
        }
        var query = Project.find("from Project p where " + where + " order by p.name", params);
        long total = query.count();
        List<ProjectView> views = new ArrayList<>();
        for (Project p : query.page(paging.page() - 1, paging.pageSize()).<Project>list()) {
            views.add(view(p, caller));
        }
        return paging.response(views, total, uri);
    }

    @GET
    @Path("/{project}")
    public ProjectView get(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName) {
        return view(visible(reference, isName, Action.READ_PROJECT), current.get());
    }

    @PUT
    @Path("/{project}")
    public Response update(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName,
            ProjectRequest request) {
        Project project = visible(reference, isName, Action.UPDATE_PROJECT);
        if (request != null) {
            request.refuseUnsupported();
            if (request.projectName() != null && !request.projectName().equals(project.name)) {
                throw HarborException.badRequest("a project cannot be renamed: project_name is " + project.name + " or left out");
            }
        }
        Map<String, String> metadata = ProjectMetadata.validate(request == null ? null : request.metadata());
        if (request != null && request.isPublic() != null) {
            metadata.put("public", request.isPublic().toString());
        }
        projects.update(project, metadata);
        audit.record(current.get().name(), project.name, project.name, "project", "update", "success", current.clientAddress());
        return Response.ok().build();
    }

    @DELETE
    @Path("/{project}")
    public Response delete(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName) {
        Project project = visible(reference, isName, Action.DELETE_PROJECT);
        projects.delete(project);
        audit.record(current.get().name(), project.name, project.name, "project", "delete", "success", current.clientAddress());
        return Response.ok().build();
    }

    @GET
    @Path("/{project}/summary")
    public Map<String, Object> summary(@PathParam("project") String reference, @HeaderParam("X-Is-Resource-Name") boolean isName) {
        Project project = visible(reference, isName, Action.READ_PROJECT);
        Map<String, Object> summary = new HashMap<>();
        summary.put("repo_count", projects.repositoryCount(project.name));
        for (Role role : Role.values()) {
            summary.put(snake(role.harborName()) + "_count", Member.count("projectId = ?1 and roleId = ?2", project.id, role.id()));
        }
        summary.put("quota", Map.of("hard", Map.of("storage", -1), "used", Map.of("storage", projects.usedBytes(project.name))));
        return summary;
    }

    /** The project named or numbered by {@code reference} if the caller may do {@code action} in it; 404 if they may not even see it. */
    public Project visible(String reference, boolean isName, Action action) {
        Project project = resolve(reference, isName);
        Caller caller = current.get();
        var allowed = project == null ? java.util.Set.<Action>of() : permissions.allowed(caller, project);
        if (!allowed.contains(Action.READ_PROJECT)) {
            if (!caller.authenticated()) {
                throw HarborException.unauthorized("authentication required");
            }
            throw HarborException.notFound("project " + reference + " not found");
        }
        if (!allowed.contains(action)) {
            throw HarborException.forbidden("not allowed to " + action.name().toLowerCase().replace('_', ' ') + " in project " + project.name);
        }
        return project;
    }

    static Project resolve(String reference, boolean isName) {
        if (!isName && reference.chars().allMatch(Character::isDigit)) {
            try {
                return Project.findById(Long.parseLong(reference));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return Project.byName(reference);
    }

    /** The project as Harbor's API shows it to {@code caller}. */
    public ProjectView view(Project p, Caller caller) {
        User owner = p.ownerId == null ? null : User.findById(p.ownerId);
        Integer role = permissions.role(caller, p).map(Role::id).orElse(null);
        return new ProjectView(p.id, p.ownerId, p.name, owner == null ? null : owner.username, p.creationTime, p.updateTime,
                false, true, role, role == null ? List.of() : List.of(role), projects.repositoryCount(p.name), p.metadata);
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase();
    }
}
