package io.berth.core.project;

import io.berth.common.error.HarborException;
import io.berth.core.identity.Caller;
import io.berth.core.identity.CurrentCaller;
import io.berth.core.rbac.Action;
import io.berth.core.rbac.Permissions;
import io.berth.core.rbac.Role;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may see and do what in which project: {@link Permissions} applied to projects. A project the
 * caller may not see does not exist for them (404), and for an anonymous caller it is a 401. Every
 * feature that works inside a project (members, robots, labels, logs, repositories, search) asks here.
 */
@ApplicationScoped
public class ProjectAccess {
    private final Permissions permissions;
    private final CurrentCaller current;

    ProjectAccess(Permissions permissions, CurrentCaller current) {
        this.permissions = permissions;
        this.current = current;
    }

    /**
     * The project named ({@code isName}, or {@code reference} not all digits) or numbered by
     * {@code reference} if the current caller may do {@code action} in it; 404 if they may not even
     * see it (401 when anonymous), 403 if they may see it but not do that.
     */
    public Project visible(String reference, boolean isName, Action action) {
        Project project = resolve(reference, isName);
        Caller caller = current.get();
        Set<Action> allowed = project == null ? Set.of() : allowed(caller, project);
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

    /** The project named {@code name} in which the caller may do {@code action}, or null if there is none (whether it exists or not). */
    public Project allowing(Caller caller, String name, Action action) {
        Project project = Project.byName(name);
        return project != null && can(caller, project, action) ? project : null;
    }

    public boolean can(Caller caller, Project project, Action action) {
        return allowed(caller, project).contains(action);
    }

    /** Everything the caller may do in the project. */
    public Set<Action> allowed(Caller caller, Project project) {
        return permissions.allowed(caller, project.id, project.name, project.isPublic());
    }

    /** The caller's role in the project, if they are a member (the most powerful one, with their groups'). */
    public Optional<Role> role(Caller caller, Project project) {
        return permissions.role(caller, project.id);
    }

    /** All the caller's roles in the project: their own and their groups'. */
    public List<Role> roles(Caller caller, Project project) {
        return permissions.roles(caller, project.id);
    }

    /**
     * The projects in which the caller may do {@code action}: two queries (projects, then the caller's
     * memberships or robot permissions) whatever the number of projects.
     */
    public List<Project> projects(Caller caller, Action action) {
        List<Project> all = Project.listAll();
        if (caller.sysadmin()) {
            return all;
        }
        Permissions.Standing standing = permissions.standing(caller);
        return all.stream().filter(p -> standing.in(p.id, p.name, p.isPublic()).contains(action)).toList();
    }

    /**
     * A condition, to be and-ed to a query's, that keeps the rows whose {@code column} is the name of a
     * project in which the caller may do {@code action}; none for a system administrator.
     */
    public String namedIn(Caller caller, Action action, String column, Map<String, Object> params) {
        return caller.sysadmin() ? "" : in(column, projects(caller, action).stream().map(p -> (Object) p.name).toList(), "", params);
    }

    /** The same for a {@code column} that holds the project's id. */
    public String numberedIn(Caller caller, Action action, String column, Map<String, Object> params) {
        return caller.sysadmin() ? "" : in(column, projects(caller, action).stream().map(p -> (Object) p.id).toList(), -1L, params);
    }

    private static String in(String column, List<Object> allowed, Object none, Map<String, Object> params) {
        params.put("allowed", allowed.isEmpty() ? List.of(none) : allowed);
        return " and " + column + " in (:allowed)";
    }

    /**
     * A JPQL condition, to be and-ed, on {@code Project p}: the projects the caller may see (public ones,
     * those they are a member of, those a robot has permissions in); none for a system administrator.
     */
    String visibleCondition(Caller caller, Map<String, Object> params) {
        if (caller.sysadmin()) {
            return "";
        }
        StringBuilder where = new StringBuilder(" and (p.metadata['public'] = 'true'");
        if (caller.isUser()) {
            where.append(" or exists (select 1 from Member m where m.projectId = p.id and (m.userId = :me or m.groupId in (:groups)))");
            params.put("me", caller.id());
            Set<Long> groups = permissions.groupsOf(caller);
            params.put("groups", groups.isEmpty() ? List.of(-1L) : groups);
        } else if (caller.isRobot()) {
            where.append(" or exists (select 1 from RobotPermission rp where rp.robotId = :me and (rp.namespace = p.name or rp.namespace = '*'))");
            params.put("me", caller.id());
        }
        return where.append(")").toString();
    }

    private static Project resolve(String reference, boolean isName) {
        if (!isName && reference.chars().allMatch(Character::isDigit)) {
            try {
                return Project.findById(Long.parseLong(reference));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return Project.byName(reference);
    }
}
