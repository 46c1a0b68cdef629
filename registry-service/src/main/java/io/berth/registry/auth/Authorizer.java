package io.berth.registry.auth;

import io.berth.common.config.BerthConfig;
import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import io.berth.common.oci.RepositoryName;
import io.berth.common.scope.Scope;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Route handlers that let a request through only with the access it needs. No token, or one that
 * cannot be verified, or one that says nothing about the repository: 401 with a challenge naming
 * the scope, so the client fetches a token. A valid token that mentions the repository but lacks
 * the action: 403 DENIED (the token service has already decided).
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

    Authorizer(TokenVerifier verifier, BerthConfig config) {
        this.verifier = verifier;
        this.enforced = config.registry().auth() == BerthConfig.AuthMode.TOKEN;
        this.realm = config.externalUrl().replaceAll("/+$", "") + "/service/token";
        this.service = config.token().service();
        if (!enforced) {
            LOG.warn("registry.auth is 'none': every request may read, push and delete anything. For local development only.");
        }
    }

    /** Any valid token (the {@code GET /v2/} check). */
    public Handler<RoutingContext> authenticated() {
        return rc -> {
            rc.put(ACCESS, access(rc, null));
            allowed(rc);
        };
    }

    /** Every one of {@code actions} on the repository named by the {@code name} path parameter. */
    public Handler<RoutingContext> repository(String... actions) {
        return rc -> {
            RepositoryName name = RepositoryName.parse(rc.pathParam("name"));
            Scope needed = challengeScope(name.value(), actions);
            Access access = access(rc, needed);
            for (String action : actions) {
                if (!access.allows(name.value(), action)) {
                    if (access.mentions(name.value())) {
                        throw new OciException(OciErrorCode.DENIED, "requested access to the resource is denied",
                                java.util.Map.of("repository", name.value(), "action", action));
                    }
                    throw new Unauthorized("authentication required", challenge(needed, null));
                }
            }
            rc.put(ACCESS, access);
            rc.put(REPOSITORY, name);
            allowed(rc);
        };
    }

    /** Clients ask for pull along with push (they read blobs while pushing), as Distribution's challenges do. */
    private static Scope challengeScope(String name, String... actions) {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(java.util.List.of(actions));
        if (all.contains(Scope.PUSH)) {
            all.add(Scope.PULL);
        }
        java.util.List<String> ordered = new java.util.ArrayList<>(all);
        ordered.sort(java.util.Comparator.comparing(a -> a.equals(Scope.PULL) ? 0 : a.equals(Scope.PUSH) ? 1 : 2));
        return Scope.repository(name, ordered.toArray(String[]::new));
    }

    public Handler<RoutingContext> catalog() {
        return rc -> {
            Access access = access(rc, Scope.catalog());
            if (!access.allowsCatalog()) {
                throw new Unauthorized("authentication required", challenge(Scope.catalog(), null));
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

    private Access access(RoutingContext rc, Scope needed) {
        if (!enforced) {
            return Access.everything();
        }
        String header = rc.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Unauthorized("authentication required", challenge(needed, null));
        }
        try {
            return verifier.verify(header.substring(7).trim());
        } catch (InvalidTokenException e) {
            throw new Unauthorized(e.getMessage(), challenge(needed, "invalid_token"));
        }
    }

    private String challenge(Scope scope, String error) {
        StringBuilder c = new StringBuilder("Bearer realm=\"").append(realm).append("\",service=\"").append(service).append('"');
        if (scope != null) {
            c.append(",scope=\"").append(scope).append('"');
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
