package io.berth.core.robot;

import io.berth.core.api.HarborException;
import io.berth.core.identity.Authenticator;
import io.berth.core.identity.Caller;
import io.berth.core.identity.PasswordHasher;
import io.berth.core.project.Project;
import io.berth.core.rbac.Action;
import io.berth.core.rbac.Permissions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final Permissions permissions;
    private final SecureRandom random = new SecureRandom();

    RobotService(PasswordHasher hasher, Permissions permissions) {
        this.hasher = hasher;
        this.permissions = permissions;
    }

    /** Creates a robot; returns it with its secret (the only time the secret is seen). */
    @Transactional
    public RobotRequests.Created create(RobotRequests.Create request, Caller by) {
        if (request == null || request.name() == null || !NAME.matcher(request.name()).matches() || request.name().length() > 100) {
            throw HarborException.badRequest("invalid robot name: lower-case letters and digits separated by '.', '_' or '-'");
        }
        String level = request.level() == null ? "system" : request.level();
        List<RobotRequests.Permission> perms = request.permissions() == null ? List.of() : request.permissions();
        if (perms.isEmpty()) {
            throw HarborException.badRequest("a robot needs at least one permission");
        }
        Robot robot = new Robot();
        if ("project".equals(level)) {
            if (perms.size() != 1 || perms.get(0).namespace() == null) {
                throw HarborException.badRequest("a project robot has permissions in exactly one project");
            }
            Project project = project(perms.get(0).namespace());
            requireManage(by, project);
            robot.projectId = project.id;
            robot.name = Authenticator.ROBOT_PREFIX + project.name + "+" + request.name();
        } else if ("system".equals(level)) {
            if (!by.sysadmin()) {
                throw HarborException.forbidden("only system administrators create system robot accounts");
            }
            robot.name = Authenticator.ROBOT_PREFIX + request.name();
        } else {
            throw HarborException.badRequest("level must be system or project");
        }
        if (Robot.byName(robot.name) != null) {
            throw HarborException.conflict("the robot account " + robot.name + " already exists");
        }
        robot.level = level;
        robot.description = request.description() == null ? "" : request.description();
        robot.disabled = Boolean.TRUE.equals(request.disable());
        robot.expiresAt = expiry(request.duration());
        robot.creator = by.name();
        String secret = newSecret();
        robot.secretHash = hasher.hash(secret);
        robot.persist();
        savePermissions(robot, perms, by);
        return new RobotRequests.Created(robot.id, robot.name, secret, robot.creationTime, robot.expiresAt);
    }

    @Transactional
    public void update(Robot robot, RobotRequests.View change, Caller by) {
        Robot managed = Robot.findById(robot.id);
        if (change.description() != null) {
            managed.description = change.description();
        }
        managed.disabled = change.disable();
        if (change.duration() != 0) {
            managed.expiresAt = expiry(change.duration());
        }
        if (change.permissions() != null && !change.permissions().isEmpty()) {
            RobotPermission.delete("robotId", managed.id);
            RobotPermission.getEntityManager().flush();
            savePermissions(managed, change.permissions(), by);
        }
        hasher.forget(managed.name);
    }

    /** A new secret, random unless {@code chosen} is given; the old one stops working at once. */
    @Transactional
    public String refreshSecret(Robot robot, String chosen) {
        String secret = chosen == null || chosen.isEmpty() ? newSecret() : io.berth.core.identity.PasswordPolicy.check(chosen);
        Robot managed = Robot.findById(robot.id);
        managed.secretHash = hasher.hash(secret);
        hasher.forget(managed.name);
        return secret;
    }

    @Transactional
    public void delete(Robot robot) {
        hasher.forget(robot.name);
        Robot.deleteById(robot.id);
    }

    public RobotRequests.View view(Robot r) {
        Map<String, List<RobotRequests.Access>> byNamespace = new LinkedHashMap<>();
        for (RobotPermission p : RobotPermission.<RobotPermission>list("robotId = ?1 order by namespace, resource, action", r.id)) {
            byNamespace.computeIfAbsent(p.namespace, k -> new ArrayList<>()).add(new RobotRequests.Access(p.resource, p.action, "allow"));
        }
        List<RobotRequests.Permission> perms = new ArrayList<>();
        byNamespace.forEach((ns, access) -> perms.add(new RobotRequests.Permission("project", ns, access)));
        long duration = r.expiresAt == null ? -1 : Math.max(0, ChronoUnit.DAYS.between(r.creationTime, r.expiresAt));
        return new RobotRequests.View(r.id, r.name, r.description, r.level, duration, true, r.disabled, r.expiresAt, perms,
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
        if (!permissions.can(by, project, Action.MANAGE_ROBOTS)) {
            throw HarborException.forbidden("not allowed to manage robot accounts of " + project.name);
        }
    }

    private void savePermissions(Robot robot, List<RobotRequests.Permission> perms, Caller by) {
        for (RobotRequests.Permission p : perms) {
            String namespace = p.namespace();
            if (namespace == null) {
                throw HarborException.badRequest("each permission needs a namespace (a project name, or * for all)");
            }
            if (!"*".equals(namespace)) {
                Project project = project(namespace);
                if (robot.projectId != null && !project.id.equals(robot.projectId)) {
                    throw HarborException.badRequest("a project robot may only have permissions in its own project");
                }
                requireManage(by, project);
            } else if (!by.sysadmin()) {
                throw HarborException.forbidden("only system administrators grant permissions on every project");
            }
            for (RobotRequests.Access a : p.access() == null ? List.<RobotRequests.Access>of() : p.access()) {
                if (!RobotPermission.known(a.resource(), a.action())) {
                    throw HarborException.badRequest("unknown robot permission " + a.resource() + ":" + a.action());
                }
                RobotPermission grant = new RobotPermission();
                grant.robotId = robot.id;
                grant.namespace = namespace;
                grant.resource = a.resource();
                grant.action = a.action();
                grant.persist();
            }
        }
    }

    private static Project project(String name) {
        Project project = Project.byName(name);
        if (project == null) {
            throw HarborException.notFound("project " + name + " not found");
        }
        return project;
    }

    private static OffsetDateTime expiry(Long days) {
        if (days == null || days == -1) {
            return null;
        }
        if (days <= 0) {
            throw HarborException.badRequest("duration is a number of days, or -1 for never");
        }
        return OffsetDateTime.now().plusDays(days);
    }

    private String newSecret() {
        StringBuilder s = new StringBuilder();
        while (s.length() < 32) {
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.append("Aa1").toString(); // always satisfies the password rule
    }
}
