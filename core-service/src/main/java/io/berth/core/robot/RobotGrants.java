package io.berth.core.robot;

import io.berth.common.error.HarborException;
import io.berth.core.rbac.Action;
import io.berth.core.rbac.RobotPermission;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a robot may be granted: permissions of kind project (a project name, or * for every project),
 * each with at least one access that allows a pair Berth honours. Anything else is refused with the
 * reason, never stored and ignored: a deny stored as a grant would give what it meant to take away.
 */
final class RobotGrants {
    static final String PULL = "repository:pull";

    private RobotGrants() {}

    /** The distinct {@code resource:action} pairs per namespace of valid permissions, in the order given; 400 otherwise. */
    static Map<String, Set<String>> check(List<RobotRequests.Permission> permissions) {
        if (permissions == null || permissions.isEmpty()) {
            throw HarborException.badRequest("a robot needs at least one permission");
        }
        Map<String, Set<String>> pairs = new LinkedHashMap<>();
        for (RobotRequests.Permission p : permissions) {
            if (p == null) {
                throw HarborException.badRequest("a permission is an object {kind, namespace, access}");
            }
            if (p.kind() != null && !p.kind().equals("project")) {
                throw HarborException.badRequest("permission kind '" + p.kind() + "' is not supported: a robot's permissions are "
                        + "per project (kind project, namespace a project name or * for every project); system-level permissions "
                        + "(kind system, namespace /) are not supported yet");
            }
            if (p.namespace() == null || p.namespace().isBlank()) {
                throw HarborException.badRequest("each permission needs a namespace (a project name, or * for all)");
            }
            if (p.access() == null || p.access().isEmpty()) {
                throw HarborException.badRequest("each permission needs at least one access {resource, action}");
            }
            Set<String> granted = pairs.computeIfAbsent(p.namespace(), k -> new LinkedHashSet<>());
            for (RobotRequests.Access a : p.access()) {
                granted.add(pair(a));
            }
        }
        pairs.values().forEach(RobotGrants::requirePullForReads);
        return pairs;
    }

    private static String pair(RobotRequests.Access a) {
        if (a == null || a.resource() == null || a.action() == null) {
            throw HarborException.badRequest("an access needs a resource and an action");
        }
        if (a.effect() != null && !a.effect().equals("allow")) {
            throw HarborException.badRequest("effect '" + a.effect() + "' is not supported: robot permissions allow (Berth has no deny); "
                    + "leave effect out or send allow");
        }
        String pair = a.resource() + ":" + a.action();
        if (!RobotPermission.ACTIONS.containsKey(pair)) {
            throw HarborException.badRequest("robot permission " + pair + " is not supported; supported: "
                    + new TreeSet<>(RobotPermission.ACTIONS.keySet()));
        }
        return pair;
    }

    /** A list or read pair is honoured by pull: granted alone, it would either not work or give pull, which it does not say. */
    private static void requirePullForReads(Set<String> pairs) {
        for (String pair : pairs) {
            if (!pair.equals(PULL) && RobotPermission.ACTIONS.get(pair) == Action.PULL && !pairs.contains(PULL)) {
                throw HarborException.badRequest("robot permission " + pair + " is granted together with " + PULL
                        + " only: in Berth, listing and reading repositories, artifacts and tags is what pull allows");
            }
        }
    }
}
