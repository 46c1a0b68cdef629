package io.berth.registry.auth;

import io.berth.common.scope.Scope;
import java.time.Instant;
import java.util.List;

/**
 * What a request may do: the {@code access} grants of its verified token, or everything when the
 * registry runs with {@code registry.auth: none}.
 */
public record Access(String subject, List<Scope> grants, Instant expiresAt, boolean unrestricted) {

    public static Access everything() {
        return new Access("anonymous", List.of(), Instant.MAX, true);
    }

    /**
     * Whether the grants cover {@code action} on repository {@code name}. Reading is also allowed
     * by a delete grant: clients (skopeo, containers/image) fetch the manifest they delete with the
     * token they were given for deleting, and whoever may delete may read.
     */
    public boolean allows(String name, String action) {
        if (unrestricted) {
            return true;
        }
        for (Scope g : grants) {
            if (Scope.REPOSITORY.equals(g.type()) && g.name().equals(name)
                    && (g.allows(action) || (Scope.PULL.equals(action) && g.allows(Scope.DELETE)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the caller may read repository {@code name}: a pull (or delete) grant on it, or on another
     * repository of its project. Berth's roles, like Harbor's, are given per project, so the token service
     * grants pull on one repository of a project exactly when it would grant it on all of them. This lets a
     * mount without {@code from} take a blob from a sibling repository the token does not name.
     */
    public boolean mayPull(String name) {
        if (allows(name, Scope.PULL)) {
            return true;
        }
        String project = projectOf(name);
        for (Scope g : grants) {
            if (Scope.REPOSITORY.equals(g.type()) && project.equals(projectOf(g.name()))
                    && (g.allows(Scope.PULL) || g.allows(Scope.DELETE))) {
                return true;
            }
        }
        return false;
    }

    private static String projectOf(String repository) {
        int slash = repository.indexOf('/');
        return slash < 0 ? repository : repository.substring(0, slash);
    }

    /** Whether the token says anything about repository {@code name}: if so, its token service has decided on it. */
    public boolean mentions(String name) {
        return unrestricted || grants.stream().anyMatch(g -> Scope.REPOSITORY.equals(g.type()) && g.name().equals(name));
    }

    public boolean allowsCatalog() {
        return unrestricted || grants.stream().anyMatch(g -> Scope.REGISTRY.equals(g.type()) && "catalog".equals(g.name())
                && g.allows(Scope.ALL));
    }

    public boolean expired(Instant now) {
        return !unrestricted && now.isAfter(expiresAt);
    }
}
