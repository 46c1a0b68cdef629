package io.berth.core.rbac;

import static io.berth.core.rbac.Action.CREATE_TAG;
import static io.berth.core.rbac.Action.DELETE_ARTIFACT;
import static io.berth.core.rbac.Action.DELETE_PROJECT;
import static io.berth.core.rbac.Action.DELETE_TAG;
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

/**
 * Harbor's permission matrix: what each project role may do, what a robot's permissions allow, and
 * what everyone may do in a public project (pull). System administrators may do everything.
 */
@ApplicationScoped
public class Permissions {
    private static final Map<Role, Set<Action>> MATRIX = Map.of(
            Role.PROJECT_ADMIN, EnumSet.allOf(Action.class),
            Role.MAINTAINER, EnumSet.of(READ_PROJECT, PULL, PUSH, DELETE_ARTIFACT, READ_MEMBERS, READ_ROBOTS, READ_LOGS,
                    CREATE_TAG, DELETE_TAG),
            Role.DEVELOPER, EnumSet.of(READ_PROJECT, PULL, PUSH, READ_MEMBERS, READ_LOGS, CREATE_TAG),
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
        Set<Action> allowed = EnumSet.noneOf(Action.class);
        if (project.isPublic()) {
            allowed.add(READ_PROJECT);
            allowed.add(PULL);
        }
        if (caller.isUser()) {
            role(caller, project).ifPresent(role -> allowed.addAll(MATRIX.get(role)));
        } else if (caller.isRobot()) {
            allowed.addAll(RobotPermission.actions(caller.id(), project.name));
            if (!allowed.isEmpty()) {
                allowed.add(READ_PROJECT);
            }
        }
        return allowed;
    }

    /** The projects in which the caller may do {@code action}. */
    public List<Project> projects(Caller caller, Action action) {
        return Project.<Project>listAll().stream().filter(p -> can(caller, p, action)).toList();
    }

    public Optional<Role> role(Caller caller, Project project) {
        if (!caller.isUser()) {
            return Optional.empty();
        }
        Member member = Member.of(project.id, caller.id());
        return member == null ? Optional.empty() : Optional.of(Role.of(member.roleId));
    }

}
