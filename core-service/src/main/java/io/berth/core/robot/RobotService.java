package io.berth.core.robot;

import io.berth.common.error.HarborException;
import io.berth.core.api.Page;
import io.berth.core.api.Paging;
import io.berth.core.api.Query;
import io.berth.core.audit.AuditLog;
import io.berth.core.configuration.Configurations;
import io.berth.core.identity.Caller;
import io.berth.core.identity.PasswordHasher;
import io.berth.core.identity.PasswordPolicy;
import io.berth.core.project.Project;
import io.berth.core.project.ProjectAccess;
import io.berth.core.rbac.Action;
import io.berth.core.rbac.RobotPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Robot accounts: named {@code robot$<project>+<name>} (project level) or {@code robot$<name>}
 * (system level), a secret shown once and stored hashed, an expiry, and permissions per project.
 */
@ApplicationScoped
public class RobotService {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*");
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final PasswordHasher hasher;
    private final ProjectAccess access;
    private final AuditLog audit;
    private final Configurations configurations;
    private final SecureRandom random = new SecureRandom();

    RobotService(PasswordHasher hasher, ProjectAccess access, AuditLog audit, Configurations configurations) {
        this.configurations = configurations;
        this.hasher = hasher;
        this.access = access;
        this.audit = audit;
    }

    /** The robots matching Harbor's {@code q} that the caller may read: all for a system administrator, else those of projects whose robots they may read. */
    public Page<RobotRequests.View> list(String q, Caller caller, Paging paging) {
        Map<String, Object> params = new HashMap<>();
        String where = Query.parse(q).where(Map.of("Level", "level", "level", "level", "ProjectID", "str(projectId)",
                "project_id", "str(projectId)", "name", "name"), params);
        where += access.numberedIn(caller, Action.READ_ROBOTS, "projectId", params);
        return Page.of(Robot.<Robot>find(where + " order by name", params), paging, this::view);
    }

    /** Creates a robot; returns it with its secret (the only time the secret is seen). */
    @Transactional
    public RobotRequests.Created create(RobotRequests.Create request, Caller by) {
        if (request == null || request.name() == null || !NAME.matcher(request.name()).matches() || request.name().length() > 100) {
            throw HarborException.badRequest("invalid robot name: lower-case letters and digits separated by '.', '_' or '-'");
        }
        String level = request.level() == null ? "system" : request.level();
        Map<String, Set<String>> grants = RobotGrants.check(request.permissions());
        long duration = duration(request.duration() == null ? -1 : request.duration());
        Robot robot = new Robot();
        if ("project".equals(level)) {
            if (grants.size() != 1 || grants.containsKey("*")) {
                throw HarborException.badRequest("a project robot has permissions in exactly one project");
            }
            Project project = project(grants.keySet().iterator().next());
            requireManage(by, project);
            robot.projectId = project.id;
            robot.name = Caller.ROBOT_PREFIX + project.name + "+" + request.name();
        } else if ("system".equals(level)) {
            if (!by.sysadmin()) {
                throw HarborException.forbidden("only system administrators create system robot accounts");
            }
            robot.name = Caller.ROBOT_PREFIX + request.name();
        } else {
            throw HarborException.badRequest("level must be system or project");
        }
        if (Robot.byName(robot.name) != null) {
            throw HarborException.conflict("the robot account " + robot.name + " already exists");
        }
        robot.level = level;
        robot.description = request.description() == null ? "" : request.description();
        robot.disabled = Boolean.TRUE.equals(request.disable());
        robot.duration = duration;
        robot.creator = by.name();
        String secret = newSecret();
        robot.secretHash = hasher.hash(secret);
        robot.persist();
        robot.expiresAt = expiry(robot.creationTime, duration); // counted from the creation time, as a later PUT does
        savePermissions(robot, grants, by);
        audit.success(projectOf(robot.name), robot.name, "robot", "create");
        return new RobotRequests.Created(robot.id, robot.name, secret, robot.creationTime, epochSeconds(robot.expiresAt));
    }

    /**
     * Harbor's PUT: description and disable as given; a duration that differs moves the expiry to the
     * creation time plus the new duration (the same one leaves it); permissions, when given, replace the
     * old ones. Name and level cannot change. Nothing changes unless all of it is valid.
     */
    @Transactional
    public void update(Robot robot, RobotRequests.View change, Caller by) {
        Robot managed = Robot.findById(robot.id);
        if (change.level() != null && !change.level().equals(managed.level)) {
            throw HarborException.badRequest("the level of a robot cannot be changed");
        }
        if (change.name() != null && !names(managed).contains(change.name())) {
            throw HarborException.badRequest("the name of a robot cannot be changed");
        }
        Map<String, Set<String>> grants = change.permissions() == null ? null : RobotGrants.check(change.permissions());
        if (change.duration() != null && duration(change.duration()) != managed.duration) {
            managed.duration = duration(change.duration());
            managed.expiresAt = expiry(managed.creationTime, managed.duration);
        }
        if (change.description() != null) {
            managed.description = change.description();
        }
        managed.disabled = change.disable();
        if (grants != null) {
            RobotPermission.delete("robotId", managed.id);
            RobotPermission.getEntityManager().flush();
            savePermissions(managed, grants, by);
        }
        hasher.forget(managed.name);
        audit.success(projectOf(managed.name), managed.name, "robot", change.disable() ? "disable" : "update");
    }

    /** A new secret, random unless {@code chosen} is given; the old one stops working at once. */
    @Transactional
    public String refreshSecret(Robot robot, String chosen) {
        String secret = chosen == null || chosen.isEmpty() ? newSecret() : PasswordPolicy.check(chosen);
        Robot managed = Robot.findById(robot.id);
        managed.secretHash = hasher.hash(secret);
        hasher.forget(managed.name);
        audit.success(projectOf(managed.name), managed.name, "robot", "refresh secret");
        return secret;
    }

    @Transactional
    public void delete(Robot robot) {
        hasher.forget(robot.name);
        Robot.deleteById(robot.id);
        audit.success(projectOf(robot.name), robot.name, "robot", "delete");
    }

    public RobotRequests.View view(Robot r) {
        Map<String, List<RobotRequests.Access>> byNamespace = new LinkedHashMap<>();
        for (RobotPermission p : RobotPermission.<RobotPermission>list("robotId = ?1 order by namespace, resource, action", r.id)) {
            byNamespace.computeIfAbsent(p.namespace, k -> new ArrayList<>()).add(new RobotRequests.Access(p.resource, p.action, "allow"));
        }
        List<RobotRequests.Permission> perms = new ArrayList<>();
        byNamespace.forEach((ns, access) -> perms.add(new RobotRequests.Permission("project", ns, access)));
        return new RobotRequests.View(r.id, r.name, r.description, r.level, r.duration, true, r.disabled, epochSeconds(r.expiresAt), perms,
                r.creationTime, r.updateTime);
    }

    /** May {@code by} manage this robot: sysadmin, or admin of the robot's project. */
    public void requireManage(Caller by, Robot robot) {
        if (by.sysadmin()) {
            return;
        }
        if (robot.projectId == null) {
            throw HarborException.forbidden("only system administrators manage system robot accounts");
        }
        requireManage(by, (Project) Project.findById(robot.projectId));
    }

    private void requireManage(Caller by, Project project) {
        if (!access.can(by, project, Action.MANAGE_ROBOTS)) {
            throw HarborException.forbidden("not allowed to manage robot accounts of " + project.name);
        }
    }

    private void savePermissions(Robot robot, Map<String, Set<String>> grants, Caller by) {
        grants.forEach((namespace, pairs) -> {
            if (!"*".equals(namespace)) {
                Project project = project(namespace);
                if (robot.projectId != null && !project.id.equals(robot.projectId)) {
                    throw HarborException.badRequest("a project robot may only have permissions in its own project");
                }
                requireManage(by, project);
            } else if (!by.sysadmin()) {
                throw HarborException.forbidden("only system administrators grant permissions on every project");
            }
            for (String pair : pairs) {
                RobotPermission grant = new RobotPermission();
                grant.robotId = robot.id;
                grant.namespace = namespace;
                grant.resource = pair.substring(0, pair.indexOf(':'));
                grant.action = pair.substring(pair.indexOf(':') + 1);
                grant.persist();
            }
        });
    }

    private static Project project(String name) {
        return HarborException.found(Project.byName(name), "project " + name);
    }

    /** Harbor's duration: days, -1 for never, or 0 for the system default (configuration robot_token_duration). */
    private long duration(long days) {
        if (days == 0) {
            return configurations.robotTokenDuration();
        }
        if (days < -1) {
            throw HarborException.badRequest("duration is a number of days (1 or more), -1 for never, or 0 for the system default");
        }
        return days;
    }

    private static OffsetDateTime expiry(OffsetDateTime from, long days) {
        return days == -1 ? null : from.plusDays(days);
    }

    /** An expiry as Harbor shows it: Unix seconds, -1 for never. */
    private static long epochSeconds(OffsetDateTime expiresAt) {
        return expiresAt == null ? -1 : expiresAt.toEpochSecond();
    }

    /** The project of a project robot ({@code robot$<project>+<name>}); null for a system robot. */
    private static String projectOf(String robotName) {
        int plus = robotName.indexOf('+');
        return plus < 0 ? null : robotName.substring(Caller.ROBOT_PREFIX.length(), plus);
    }

    /** The full name, and the name without prefix (and project) a client may send back instead. */
    private static Set<String> names(Robot robot) {
        String bare = robot.name.substring(Caller.ROBOT_PREFIX.length());
        return Set.of(robot.name, bare.substring(bare.indexOf('+') + 1));
    }

    private String newSecret() {
        StringBuilder s = new StringBuilder();
        while (s.length() < 32) {
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.append("Aa1").toString(); // always satisfies the password rule
    }
}
