package io.berth.core.token;

import io.berth.common.scope.Scope;
import io.berth.core.identity.Caller;
import io.berth.core.project.Project;
import io.berth.core.project.ProjectAccess;
import io.berth.core.rbac.Action;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a token may grant: for each requested scope, the requested actions the caller's role allows
 * on the repository's project. A project that does not exist grants nothing, exactly like one the
 * caller may not see, so nothing leaks whether it exists.
 */
@ApplicationScoped
public class ScopeGrants {
    private static final Map<String, Action> REPOSITORY_ACTIONS = Map.of(
            Scope.PULL, Action.PULL, Scope.PUSH, Action.PUSH, Scope.DELETE, Action.DELETE_ARTIFACT);

    private final ProjectAccess access;

    ScopeGrants(ProjectAccess access) {
        this.access = access;
    }

    public List<Scope> grant(Caller caller, List<Scope> requested) {
        Map<String, Scope> merged = new LinkedHashMap<>();
        for (Scope scope : requested) {
            Scope granted = grant(caller, scope);
            merged.merge(granted.type() + "\u0000" + granted.name(), granted, (a, b) -> {
                Set<String> actions = new LinkedHashSet<>(a.actions());
                actions.addAll(b.actions());
                return new Scope(a.type(), a.resourceClass(), a.name(), actions);
            });
        }
        return new ArrayList<>(merged.values());
    }

    private Scope grant(Caller caller, Scope scope) {
        Set<String> granted = new LinkedHashSet<>();
        if (Scope.REPOSITORY.equals(scope.type())) {
            int slash = scope.name().indexOf('/');
            Project project = Project.byName(slash < 0 ? scope.name() : scope.name().substring(0, slash));
            if (project != null) {
                Set<Action> allowed = access.allowed(caller, project);
                Set<String> wanted = scope.actions().contains(Scope.ALL) ? REPOSITORY_ACTIONS.keySet() : scope.actions();
                for (String action : wanted) {
                    Action a = REPOSITORY_ACTIONS.get(action);
                    if (a != null && allowed.contains(a)) {
                        granted.add(action);
                    }
                }
                if (scope.actions().contains(Scope.ALL) && granted.size() == REPOSITORY_ACTIONS.size()) {
                    granted = new LinkedHashSet<>(Set.of(Scope.ALL));
                }
            }
        } else if (Scope.REGISTRY.equals(scope.type()) && "catalog".equals(scope.name()) && caller.sysadmin()
                && scope.actions().contains(Scope.ALL)) {
            granted.add(Scope.ALL);
        }
        return new Scope(scope.type(), null, scope.name(), ordered(granted));
    }

    /** pull before push before delete, as clients and Distribution write them. */
    private static Set<String> ordered(Set<String> actions) {
        List<String> list = new ArrayList<>(actions);
        list.sort(java.util.Comparator.comparingInt(a -> List.of(Scope.PULL, Scope.PUSH, Scope.DELETE, Scope.ALL).indexOf(a)));
        return new LinkedHashSet<>(list);
    }
}
