package io.berth.core.purge;

import io.berth.common.config.TokenConfig;
import io.berth.common.token.Audiences;
import io.berth.common.token.TokenKeys;
import io.berth.common.token.TokenVerifier;
import io.berth.service.http.HarborExceptionMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Path;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Only jobservice may call {@link InternalPurgeResource}: with a short-lived token signed by the shared token key for
 * the audience {@link Audiences#CORE_AUDIT_PURGE} (a registry token, a jobservice token or a user's credentials are
 * not enough). Anything else is a 401 in Harbor's error shape before any resource runs.
 */
@ApplicationScoped
public class PurgeCallerCheck {
    static final String PATH = "/internal/audit/purge";
    private static final int LEEWAY_SECONDS = 30;

    private final TokenConfig config;
    private volatile TokenVerifier verifier;

    PurgeCallerCheck(TokenConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith(PATH)) {
            return null;
        }
        String authorization = request.getHeaderString("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return HarborExceptionMapper.body(401, "UNAUTHORIZED", "a Bearer token for " + Audiences.CORE_AUDIT_PURGE + " is required");
        }
        try {
            verifier().verify(authorization.substring(7).trim());
            return null;
        } catch (TokenVerifier.Rejected e) {
            return HarborExceptionMapper.body(401, "UNAUTHORIZED", "invalid token: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            return HarborExceptionMapper.body(503, "UNAVAILABLE", "cannot read the token certificate: " + e.getMessage());
        }
    }

    private TokenVerifier verifier() throws IOException {
        if (verifier == null) {
            verifier = new TokenVerifier(config.issuer(), Audiences.CORE_AUDIT_PURGE, TokenKeys.readPublicKeys(Path.of(config.certificate())),
                    LEEWAY_SECONDS);
        }
        return verifier;
    }
}
