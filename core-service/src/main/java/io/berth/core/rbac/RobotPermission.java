package io.berth.core.rbac;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One thing a robot may do in a project ({@code namespace}, or {@code *} for every project). */
@Entity
@Table(name = "robot_permission")
@IdClass(RobotPermission.Key.class)
public class RobotPermission extends PanacheEntityBase {
    @Id
    @Column(name = "robot_id")
    public long robotId;

    @Id
    public String namespace;

    @Id
    public String resource;

    @Id
    public String action;

    public record Key(long robotId, String namespace, String resource, String action) implements Serializable {
        public Key() {
            this(0, null, null, null);
        }
    }

    /**
     * The pairs of Harbor's robot permission vocabulary that Berth honours, mapped onto its actions. The
     * list and read pairs map to pull, because in Berth pull is what lets a caller list and read
     * repositories, artifacts and tags; robot.RobotGrants grants them only together with repository:pull.
     */
    public static final Map<String, Action> ACTIONS = Map.ofEntries(
            Map.entry("repository:pull", Action.PULL),
            Map.entry("repository:push", Action.PUSH),
            Map.entry("repository:delete", Action.DELETE_ARTIFACT),
            Map.entry("repository:list", Action.PULL),
            Map.entry("repository:read", Action.PULL),
            Map.entry("artifact:list", Action.PULL),
            Map.entry("artifact:read", Action.PULL),
            Map.entry("artifact:delete", Action.DELETE_ARTIFACT),
            Map.entry("tag:list", Action.PULL),
            Map.entry("tag:create", Action.CREATE_TAG),
            Map.entry("tag:delete", Action.DELETE_TAG),
            Map.entry("artifact-label:create", Action.LABEL_ARTIFACT),
            Map.entry("artifact-label:delete", Action.LABEL_ARTIFACT),
            Map.entry("project:read", Action.READ_PROJECT),
            Map.entry("log:list", Action.READ_LOGS),
            Map.entry("member:list", Action.READ_MEMBERS),
            Map.entry("immutable-tag:list", Action.READ_IMMUTABLE_RULES),
            Map.entry("immutable-tag:create", Action.MANAGE_IMMUTABLE_RULES),
            Map.entry("immutable-tag:update", Action.MANAGE_IMMUTABLE_RULES),
            Map.entry("immutable-tag:delete", Action.MANAGE_IMMUTABLE_RULES),
            Map.entry("scan:create", Action.SCAN),
            Map.entry("scan:stop", Action.SCAN),
            Map.entry("scanner:read", Action.READ_SCANNER));

    /** What robot {@code robotId} may do in {@code project}. */
    public static Set<Action> actions(long robotId, String project) {
        return actions(list("robotId = ?1 and (namespace = ?2 or namespace = '*')", robotId, project), project);
    }

    /** What {@code grants} (a robot's permissions, read once) allow in {@code project}. */
    public static Set<Action> actions(List<RobotPermission> grants, String project) {
        Set<Action> actions = EnumSet.noneOf(Action.class);
        for (RobotPermission g : grants) {
            Action a = ACTIONS.get(g.resource + ":" + g.action);
            if (a != null && (g.namespace.equals(project) || g.namespace.equals("*"))) {
                actions.add(a);
            }
        }
        return actions;
    }
}
