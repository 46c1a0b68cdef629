package io.berth.registry.gc;

import io.berth.common.config.TokenConfig;
import io.berth.common.token.Audiences;
import io.berth.common.token.TokenKeys;
import io.berth.common.token.TokenVerifier;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Only jobservice's GC job may call {@code /internal/gc/}: with a short-lived token signed by the shared token key
 * for the audience {@link Audiences#REGISTRY_GC}. A registry token (audience {@code token.service}) or a jobservice
 * token is refused, as is anything else: 401 in Harbor's error shape, before any work.
 */
@ApplicationScoped
public class GcCaller {
    private static final int LEEWAY_SECONDS = 30;
    private final TokenConfig config;
    private volatile TokenVerifier verifier;

    GcCaller(TokenConfig config) {
        this.config = config;
    }

    void check(RoutingContext rc) {
        String authorization = rc.request().getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            GcRoutes.error(rc, 401, "UNAUTHORIZED", "a Bearer token for " + Audiences.REGISTRY_GC + " is required");
            return;
        }
        try {
            verifier().verify(authorization.substring(7).trim());
        } catch (TokenVerifier.Rejected e) {
            GcRoutes.error(rc, 401, "UNAUTHORIZED", "invalid token: " + e.getMessage());
            return;
        } catch (IOException | RuntimeException e) {
            GcRoutes.error(rc, 503, "UNAVAILABLE", "cannot read the token certificate: " + e.getMessage());
            return;
        }
        rc.next();
    }

    private TokenVerifier verifier() throws IOException {
        if (verifier == null) {
            verifier = new TokenVerifier(config.issuer(), Audiences.REGISTRY_GC,
                    TokenKeys.readPublicKeys(Path.of(config.certificate())), LEEWAY_SECONDS);
        }
        return verifier;
    }
}
