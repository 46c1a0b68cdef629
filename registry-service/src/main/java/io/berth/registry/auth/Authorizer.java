package io.berth.registry.auth;

import io.berth.common.config.DeploymentConfig;
import io.berth.common.config.RegistryConfig;
import io.berth.common.config.TokenConfig;
import io.berth.common.oci.RepositoryName;
import io.berth.common.scope.Scope;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Route handlers that let a request through only with the access it needs. No token, or one that
 * cannot be verified: 401 with a challenge naming the scope, so the client fetches a token. A valid
 * token without the actions the request needs: 401 with the same challenge and
 * {@code error="insufficient_scope"}, as CNCF Distribution answers (Docker token authentication
 * spec): clients cache a token per repository and action and ask for a wider one only on a 401. If
 * the token service refuses the wider token too, the client gets the 401 again and reports it.
 */
@ApplicationScoped
public class Authorizer {
    private static final Logger LOG = Logger.getLogger(Authorizer.class);
    public static final String ACCESS = "berth.access";
    public static final String REPOSITORY = "berth.repository";

    private final TokenVerifier verifier;
    private final boolean enforced;
    private final String realm;
    private final String service;

    Authorizer(TokenVerifier verifier, DeploymentConfig deployment, RegistryConfig registry, TokenConfig token) {
        this.verifier = verifier;
        this.enforced = registry.auth() == RegistryConfig.AuthMode.TOKEN;
        this.realm = deployment.externalUrl().replaceAll("/+$", "") + "/service/token";
        this.service = token.service();
        if (!enforced) {
            LOG.warn("registry.auth is 'none': every request may read, push and delete anything. For local development only.");
        }
    }

    /** Any valid token (the {@code GET /v2/} check). */
    public Handler<RoutingContext> authenticated() {
        return rc -> {
            rc.put(ACCESS, access(rc, List.of()));
            allowed(rc);
        };
    }

    /** Every one of {@code actions} on the repository named by the {@code name} path parameter. */
    public Handler<RoutingContext> repository(String... actions) {
        return rc -> {
            RepositoryName name = RepositoryName.parse(rc.pathParam("name"));
            Scope needed = challengeScope(name.value(), actions);
            Access access = access(rc, List.of(needed));
            requireActions(access, name, List.of(needed), actions);
            rc.put(ACCESS, access);
            rc.put(REPOSITORY, name);
            allowed(rc);
        };
    }

    /**
     * Starting an upload: push on the repository and, for a mount with {@code from=}, pull on the source
     * as well, as Distribution requires. A token that says nothing about the source gets a challenge
     * naming both scopes, so the client can fetch one that does; a token whose service already refused
     * pull on the source (it names the source without pull) opens an ordinary upload instead (202).
     */
    public Handler<RoutingContext> uploadStart() {
        return rc -> {
            RepositoryName name = RepositoryName.parse(rc.pathParam("name"));
            List<Scope> needed = new ArrayList<>(List.of(challengeScope(name.value(), Scope.PUSH)));
            String from = rc.request().getParam("from");
            if (rc.request().getParam("mount") != null && from != null) {
                RepositoryName source = RepositoryName.parse(from);
                if (!source.equals(name)) {
                    needed.add(Scope.repository(source.value(), Scope.PULL));
                }
            }
            Access access = access(rc, needed);
            requireActions(access, name, needed, Scope.PUSH, Scope.PULL);
            for (Scope source : needed.subList(1, needed.size())) {
                if (!access.mayPull(source.name()) && !access.mentions(source.name())) {
                    throw insufficientScope(needed, source.name(), Scope.PULL);
                }
            }
            rc.put(ACCESS, access);
            rc.put(REPOSITORY, name);
            allowed(rc);
        };
    }

    private void requireActions(Access access, RepositoryName name, List<Scope> needed, String... actions) {
        for (String action : actions) {
            if (!access.allows(name.value(), action)) {
                throw insufficientScope(needed, name.value(), action);
            }
        }
    }

    private Unauthorized insufficientScope(List<Scope> needed, String repository, String action) {
        return new Unauthorized("insufficient scope: " + action + " on " + repository + " is not granted by the token",
                challenge(needed, "insufficient_scope"),
                List.of(Map.of("Type", Scope.REPOSITORY, "Name", repository, "Action", action)));
    }

    /** Clients ask for pull along with push (they read blobs while pushing), as Distribution's challenges do. */
    private static Scope challengeScope(String name, String... actions) {
        LinkedHashSet<String> all = new LinkedHashSet<>(List.of(actions));
        if (all.contains(Scope.PUSH)) {
            all.add(Scope.PULL);
        }
        List<String> ordered = new ArrayList<>(all);
        ordered.sort(Comparator.comparing(a -> a.equals(Scope.PULL) ? 0 : a.equals(Scope.PUSH) ? 1 : 2));
        return Scope.repository(name, ordered.toArray(String[]::new));
    }

    public Handler<RoutingContext> catalog() {
        return rc -> {
            Access access = access(rc, List.of(Scope.catalog()));
            if (!access.allowsCatalog()) {
                throw new Unauthorized("insufficient scope: the token does not grant the catalog",
                        challenge(List.of(Scope.catalog()), "insufficient_scope"), null);
            }
            rc.put(ACCESS, access);
            allowed(rc);
        };
    }

    /**
     * Lets the request through, and asks for its body if the client waits to be asked (Expect: 100-continue):
     * only now, so that a client without the right token is refused before it sends a body.
     */
    private static void allowed(RoutingContext rc) {
        if ("100-continue".equalsIgnoreCase(rc.request().getHeader("Expect")) && rc.request().version() == HttpVersion.HTTP_1_1) {
            rc.response().writeContinue();
        }
        rc.next();
    }

    private Access access(RoutingContext rc, List<Scope> needed) {
        if (!enforced) {
            return Access.everything();
        }
        String header = rc.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Unauthorized("authentication required", challenge(needed, null), null);
        }
        try {
            return verifier.verify(header.substring(7).trim());
        } catch (InvalidTokenException e) {
            throw new Unauthorized(e.getMessage(), challenge(needed, "invalid_token"), null);
        }
    }

    /** The challenge; several scopes go in one {@code scope} parameter, separated by spaces, as Distribution writes them. */
    private String challenge(List<Scope> scopes, String error) {
        StringBuilder c = new StringBuilder("Bearer realm=\"").append(realm).append("\",service=\"").append(service).append('"');
        if (!scopes.isEmpty()) {
            c.append(",scope=\"").append(scopes.stream().map(Scope::toString).collect(Collectors.joining(" "))).append('"');
        }
        if (error != null) {
            c.append(",error=\"").append(error).append('"');
        }
        return c.toString();
    }

    public static Access accessOf(RoutingContext rc) {
        return rc.get(ACCESS);
    }

    public static RepositoryName repositoryOf(RoutingContext rc) {
        return rc.get(REPOSITORY);
    }
}
