package io.berth.core.rbac;

import static io.berth.core.rbac.Action.CREATE_TAG;
import static io.berth.core.rbac.Action.DELETE_ARTIFACT;
import static io.berth.core.rbac.Action.DELETE_PROJECT;
import static io.berth.core.rbac.Action.DELETE_TAG;
import static io.berth.core.rbac.Action.LABEL_ARTIFACT;
import static io.berth.core.rbac.Action.MANAGE_LABELS;
import static io.berth.core.rbac.Action.MANAGE_MEMBERS;
import static io.berth.core.rbac.Action.MANAGE_ROBOTS;
import static io.berth.core.rbac.Action.PULL;
import static io.berth.core.rbac.Action.PUSH;
import static io.berth.core.rbac.Action.READ_LOGS;
import static io.berth.core.rbac.Action.READ_MEMBERS;
import static io.berth.core.rbac.Action.READ_PROJECT;
import static io.berth.core.rbac.Action.READ_ROBOTS;
import static io.berth.core.rbac.Action.UPDATE_PROJECT;

import io.berth.core.identity.Caller;
import io.berth.core.member.Member;
import io.berth.core.member.Role;
import io.berth.core.project.Project;
import io.berth.core.robot.RobotPermission;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Harbor's permission matrix: what each project role may do, what a robot's permissions allow, and
 * what everyone may do in a public project (pull). System administrators may do everything.
 */
@ApplicationScoped
public class Permissions {
    private static final Map<Role, Set<Action>> MATRIX = Map.of(
            Role.PROJECT_ADMIN, EnumSet.allOf(Action.class),
            Role.MAINTAINER, EnumSet.of(READ_PROJECT, PULL, PUSH, DELETE_ARTIFACT, READ_MEMBERS, READ_ROBOTS, READ_LOGS,
                    CREATE_TAG, DELETE_TAG, MANAGE_LABELS, LABEL_ARTIFACT),
            Role.DEVELOPER, EnumSet.of(READ_PROJECT, PULL, PUSH, READ_MEMBERS, READ_LOGS, CREATE_TAG, LABEL_ARTIFACT),
            Role.GUEST, EnumSet.of(READ_PROJECT, PULL, READ_MEMBERS, READ_LOGS),
            Role.LIMITED_GUEST, EnumSet.of(READ_PROJECT, PULL));

    public boolean can(Caller caller, Project project, Action action) {
        return allowed(caller, project).contains(action);
    }

    /** Everything the caller may do in the project. */
    public Set<Action> allowed(Caller caller, Project project) {
        if (caller.sysadmin()) {
            return EnumSet.allOf(Action.class);
        }
        return combine(project, role(caller, project),
                caller.isRobot() ? RobotPermission.actions(caller.id(), project.name) : Set.of());
    }

    /**
     * The projects in which the caller may do {@code action}: two queries (projects, then the
     * caller's memberships or robot permissions) whatever the number of projects.
     */
    public List<Project> projects(Caller caller, Action action) {
        List<Project> all = Project.listAll();
        if (caller.sysadmin()) {
            return all;
        }
        Map<Long, Role> roles = caller.isUser() ? Member.<Member>list("userId", caller.id()).stream()
                .collect(Collectors.toMap(m -> m.projectId, m -> Role.of(m.roleId))) : Map.of();
        List<RobotPermission> grants = caller.isRobot() ? RobotPermission.list("robotId", caller.id()) : List.of();
        return all.stream().filter(p -> combine(p, Optional.ofNullable(roles.get(p.id)), RobotPermission.actions(grants, p.name))
                .contains(action)).toList();
    }

    /** Public projects let everyone read and pull; a role adds its column of the matrix; a robot its grants. */
    private static Set<Action> combine(Project project, Optional<Role> role, Set<Action> robotActions) {
        Set<Action> allowed = EnumSet.noneOf(Action.class);
        if (project.isPublic()) {
            allowed.add(READ_PROJECT);
            allowed.add(PULL);
        }
        role.ifPresent(r -> allowed.addAll(MATRIX.get(r)));
        if (!robotActions.isEmpty()) {
            allowed.addAll(robotActions);
            allowed.add(READ_PROJECT);
        }
        return allowed;
    }

    public Optional<Role> role(Caller caller, Project project) {
        if (!caller.isUser()) {
            return Optional.empty();
        }
        Member member = Member.of(project.id, caller.id());
        return member == null ? Optional.empty() : Optional.of(Role.of(member.roleId));
    }

}
