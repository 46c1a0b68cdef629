package io.berth.core.permission;

import io.berth.common.error.HarborException;
import io.berth.core.identity.Caller;
import io.berth.core.permission.HarborPolicies.Policy;
import io.berth.core.project.Project;
import io.berth.core.project.ProjectAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Harbor's {@code /users/current/permissions}: what the caller may do in a scope, {@code /project/{id}} (their roles,
 * their groups' roles, public access) or the system ({@code /} or {@code /system}: everything for a system
 * administrator, nothing for others). A project the caller may not see has no permission, as one that does not exist.
 */
@ApplicationScoped
public class CurrentPermissions {
    private static final Pattern PROJECT = Pattern.compile("/project/(\\d{1,18})");

    private final ProjectAccess access;

    CurrentPermissions(ProjectAccess access) {
        this.access = access;
    }

    /** The policies; with {@code relative}, resources are named within the scope, else under it. */
    @Transactional
    public List<Policy> of(Caller caller, String scope, boolean relative) {
        String s = scope == null ? "" : scope.trim();
        if (s.isEmpty() || s.equals("/") || s.equals("/system")) {
            List<Policy> system = caller.sysadmin() ? HarborPolicies.SYSTEM : List.of();
            return relative ? system : system.stream().map(p -> new Policy("/system/" + p.resource(), p.action())).toList();
        }
        Matcher project = PROJECT.matcher(s);
        if (!project.matches()) {
            throw HarborException.badRequest("scope must be /project/{project_id}, / or /system, not " + s);
        }
        Project p = Project.findById(Long.parseLong(project.group(1)));
        var allowed = p == null ? EnumSet.noneOf(io.berth.core.rbac.Action.class) : access.allowed(caller, p);
        if (!allowed.contains(io.berth.core.rbac.Action.READ_PROJECT)) {
            return List.of();
        }
        List<Policy> policies = HarborPolicies.ofProject(allowed);
        return relative ? policies : policies.stream().map(x -> new Policy(s + "/" + x.resource(), x.action())).toList();
    }
}
