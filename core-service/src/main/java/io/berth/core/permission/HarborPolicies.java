package io.berth.core.permission;

import io.berth.core.rbac.Action;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Berth's project actions as Harbor's RBAC policies ({@code resource}, {@code action}), as its portal asks for them. */
final class HarborPolicies {
    /** Harbor's Permission. */
    record Policy(String resource, String action) {}

    private static final Map<Action, List<Policy>> PROJECT = new EnumMap<>(Action.class);

    static {
        put(Action.READ_PROJECT, "project:read", "metadata:read", "metadata:list", "repository:list", "repository:read",
                "artifact:list", "artifact:read", "tag:list", "label:read", "label:list", "quota:read", "artifact-addition:read",
                "accessory:list");
        put(Action.UPDATE_PROJECT, "project:update", "metadata:create", "metadata:update", "metadata:delete", "repository:update");
        put(Action.DELETE_PROJECT, "project:delete");
        put(Action.PULL, "repository:pull");
        put(Action.PUSH, "repository:push", "artifact:create");
        put(Action.DELETE_ARTIFACT, "artifact:delete", "repository:delete");
        put(Action.READ_MEMBERS, "member:read", "member:list");
        put(Action.MANAGE_MEMBERS, "member:create", "member:update", "member:delete");
        put(Action.READ_ROBOTS, "robot:read", "robot:list");
        put(Action.MANAGE_ROBOTS, "robot:create", "robot:update", "robot:delete");
        put(Action.READ_LOGS, "log:list");
        put(Action.CREATE_TAG, "tag:create");
        put(Action.DELETE_TAG, "tag:delete");
        put(Action.MANAGE_LABELS, "label:create", "label:update", "label:delete");
        put(Action.LABEL_ARTIFACT, "artifact-label:create", "artifact-label:delete");
        put(Action.READ_IMMUTABLE_RULES, "immutable-tag:list");
        put(Action.MANAGE_IMMUTABLE_RULES, "immutable-tag:create", "immutable-tag:update", "immutable-tag:delete");
        put(Action.MANAGE_WEBHOOKS, "notification-policy:create", "notification-policy:update", "notification-policy:delete",
                "notification-policy:list", "notification-policy:read");
        put(Action.READ_RETENTION, "tag-retention:read", "tag-retention:list");
        put(Action.MANAGE_RETENTION, "tag-retention:create", "tag-retention:update", "tag-retention:delete", "tag-retention:operate");
        put(Action.READ_SCANNER, "scanner:read", "scan:read");
        put(Action.MANAGE_SCANNER, "scanner:create");
        put(Action.SCAN, "scan:create", "scan:stop");
    }

    /** What a system administrator may do beyond projects (Harbor's system resources that Berth serves). */
    static final List<Policy> SYSTEM = policies("user:create", "user:read", "user:update", "user:delete", "user:list",
            "user-group:create", "user-group:read", "user-group:update", "user-group:delete", "user-group:list",
            "configuration:read", "configuration:update", "project:create", "project:list", "audit-log:list", "ldap-user:list",
            "ldap-user:create", "registry:create", "registry:read", "registry:update", "registry:delete", "registry:list",
            "replication:create", "replication:read", "replication:list", "replication-policy:create", "replication-policy:read",
            "replication-policy:update", "replication-policy:delete", "replication-policy:list", "garbage-collection:create",
            "garbage-collection:read", "garbage-collection:list", "scan-all:create", "scan-all:read", "scanner:create",
            "scanner:read", "scanner:update", "scanner:delete", "scanner:list", "label:create", "label:read", "label:update",
            "label:delete", "label:list", "robot:create", "robot:read", "robot:update", "robot:delete", "robot:list",
            "security-hub:read", "purge-audit:create", "purge-audit:read", "purge-audit:list");

    private HarborPolicies() {}

    /** The policies of these project actions, each once, in the order of the actions. */
    static List<Policy> ofProject(Iterable<Action> actions) {
        java.util.LinkedHashSet<Policy> policies = new java.util.LinkedHashSet<>();
        actions.forEach(a -> policies.addAll(PROJECT.getOrDefault(a, List.of())));
        return List.copyOf(policies);
    }

    private static void put(Action action, String... pairs) {
        PROJECT.put(action, policies(pairs));
    }

    private static List<Policy> policies(String... pairs) {
        return java.util.Arrays.stream(pairs).map(p -> new Policy(p.substring(0, p.indexOf(':')), p.substring(p.indexOf(':') + 1))).toList();
    }
}
