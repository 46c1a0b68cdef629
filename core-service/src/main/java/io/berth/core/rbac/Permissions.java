package io.berth.core.rbac;

import static io.berth.core.rbac.Action.CREATE_TAG;
import static io.berth.core.rbac.Action.DELETE_ARTIFACT;
import static io.berth.core.rbac.Action.DELETE_PROJECT;
import static io.berth.core.rbac.Action.DELETE_TAG;
import static io.berth.core.rbac.Action.LABEL_ARTIFACT;
import static io.berth.core.rbac.Action.MANAGE_IMMUTABLE_RULES;
import static io.berth.core.rbac.Action.MANAGE_LABELS;
import static io.berth.core.rbac.Action.MANAGE_MEMBERS;
import static io.berth.core.rbac.Action.MANAGE_ROBOTS;
import static io.berth.core.rbac.Action.PULL;
import static io.berth.core.rbac.Action.PUSH;
import static io.berth.core.rbac.Action.READ_IMMUTABLE_RULES;
import static io.berth.core.rbac.Action.READ_LOGS;
import static io.berth.core.rbac.Action.READ_MEMBERS;
import static io.berth.core.rbac.Action.READ_PROJECT;
import static io.berth.core.rbac.Action.READ_RETENTION;
import static io.berth.core.rbac.Action.READ_ROBOTS;
import static io.berth.core.rbac.Action.READ_SCANNER;
import static io.berth.core.rbac.Action.SCAN;
import static io.berth.core.rbac.Action.UPDATE_PROJECT;

import io.berth.core.identity.Caller;
import io.berth.core.usergroup.GroupMemberships;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Harbor's permission matrix: what each project role may do, what a robot's permissions allow, and
 * what everyone may do in a public project (pull). System administrators may do everything. A user's roles are their
 * own membership and those of the user groups they are in now ({@link GroupMemberships#current}): the actions of all
 * of them apply. Projects are known here by id, name and visibility only; {@code project.ProjectAccess} applies this
 * to projects.
 */
@ApplicationScoped
public class Permissions {
    /** The most powerful role first: what {@link #role} answers when a user holds several. */
    private static final List<Role> RANK = List.of(Role.PROJECT_ADMIN, Role.MAINTAINER, Role.DEVELOPER, Role.GUEST, Role.LIMITED_GUEST);

    private static final Map<Role, Set<Action>> MATRIX = Map.of(
            Role.PROJECT_ADMIN, EnumSet.allOf(Action.class),
            Role.MAINTAINER, EnumSet.of(READ_PROJECT, PULL, PUSH, DELETE_ARTIFACT, READ_MEMBERS, READ_ROBOTS, READ_LOGS,
                    CREATE_TAG, DELETE_TAG, MANAGE_LABELS, LABEL_ARTIFACT, READ_IMMUTABLE_RULES, MANAGE_IMMUTABLE_RULES,
                    READ_RETENTION, READ_SCANNER, SCAN),
            Role.DEVELOPER, EnumSet.of(READ_PROJECT, PULL, PUSH, READ_MEMBERS, READ_LOGS, CREATE_TAG, LABEL_ARTIFACT, READ_IMMUTABLE_RULES,
                    READ_SCANNER, SCAN),
            Role.GUEST, EnumSet.of(READ_PROJECT, PULL, READ_MEMBERS, READ_LOGS, READ_IMMUTABLE_RULES, READ_SCANNER),
            Role.LIMITED_GUEST, EnumSet.of(READ_PROJECT, PULL));

    /**
     * Everything the caller may do in a project, known by its id, its name and whether it is public:
     * the caller's membership (users) or permissions (robots) are read here.
     */
    public Set<Action> allowed(Caller caller, long projectId, String projectName, boolean publicProject) {
        if (caller.sysadmin()) {
            return EnumSet.allOf(Action.class);
        }
        return combine(publicProject, roles(caller, projectId),
                caller.isRobot() ? RobotPermission.actions(caller.id(), projectName) : Set.of());
    }

    private final GroupMemberships groups;

    Permissions(GroupMemberships groups) {
        this.groups = groups;
    }

    /** What a caller may do in a project: a project's id, name and whether it is public in, its actions out. */
    public interface Standing {
        Set<Action> in(long projectId, String projectName, boolean publicProject);
    }

    /**
     * The caller's standing in every project at once, from one query (its memberships, or its robot
     * permissions) whatever the number of projects it is then asked about.
     */
    public Standing standing(Caller caller) {
        if (caller.sysadmin()) {
            return (id, name, publicProject) -> EnumSet.allOf(Action.class);
        }
        Map<Long, List<Role>> roles = caller.isUser() ? memberships(caller.id()).stream()
                .collect(Collectors.groupingBy(m -> m.projectId, Collectors.mapping(m -> Role.of(m.roleId), Collectors.toList()))) : Map.of();
        List<RobotPermission> grants = caller.isRobot() ? RobotPermission.list("robotId", caller.id()) : List.of();
        return (id, name, publicProject) -> combine(publicProject, roles.getOrDefault(id, List.of()), RobotPermission.actions(grants, name));
    }

    /** Public projects let everyone read and pull; a role adds its column of the matrix; a robot its grants. */
    private static Set<Action> combine(boolean publicProject, List<Role> roles, Set<Action> robotActions) {
        Set<Action> allowed = EnumSet.noneOf(Action.class);
        if (publicProject) {
            allowed.add(READ_PROJECT);
            allowed.add(PULL);
        }
        roles.forEach(r -> allowed.addAll(MATRIX.get(r)));
        if (!robotActions.isEmpty()) {
            allowed.addAll(robotActions);
            allowed.add(READ_PROJECT);
        }
        return allowed;
    }

    /** The caller's most powerful role in the project (their own or a group's): users only, robots have permissions instead. */
    public Optional<Role> role(Caller caller, long projectId) {
        return roles(caller, projectId).stream().min(Comparator.comparing(RANK::indexOf));
    }

    /** The caller's roles in the project, their own and those of the groups they are in now, each once. */
    public List<Role> roles(Caller caller, long projectId) {
        if (!caller.isUser()) {
            return List.of();
        }
        Set<Long> groupIds = groups.current(caller.id());
        List<Member> members = groupIds.isEmpty() ? Member.list("projectId = ?1 and userId = ?2", projectId, caller.id())
                : Member.list("projectId = ?1 and (userId = ?2 or groupId in ?3)", projectId, caller.id(), groupIds);
        return members.stream().map(m -> Role.of(m.roleId)).distinct().sorted(Comparator.comparing(RANK::indexOf)).toList();
    }

    /** The ids of the user groups a user is in now; none for robots and anonymous callers. */
    public Set<Long> groupsOf(Caller caller) {
        return caller.isUser() ? groups.current(caller.id()) : Set.of();
    }

    /** The memberships of a user in every project: their own and those of the groups they are in now. */
    private List<Member> memberships(long userId) {
        Set<Long> groupIds = groups.current(userId);
        return groupIds.isEmpty() ? Member.list("userId", userId) : Member.list("userId = ?1 or groupId in ?2", userId, groupIds);
    }
}
