package io.berth.jobs.api;

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
import java.security.PublicKey;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Only core may call {@code /jobs}: with a short-lived token signed by the shared token key for the
 * audience {@link Audiences#JOBSERVICE} (the same key that signs registry tokens; jobservice holds the
 * certificate, and several during a key rotation: the token's {@code kid} picks). Anything else is a 401
 * before any resource runs.
 */
@ApplicationScoped
public class CallerCheck {
    public static final String AUDIENCE = Audiences.JOBSERVICE;

    private final TokenConfig config;
    private volatile TokenVerifier verifier;

    CallerCheck(TokenConfig config) {
        this.config = config;
    }

    @ServerRequestFilter
    public Response check(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/jobs")) {
            return null;
        }
        String authorization = request.getHeaderString("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return refuse("a Bearer token from core-service is required");
        }
        try {
            verifier().verify(authorization.substring(7).trim());
            return null;
        } catch (TokenVerifier.Rejected e) {
            return refuse("invalid token: " + e.getMessage());
        } catch (IOException e) {
            return HarborExceptionMapper.body(503, "UNAVAILABLE", "cannot read the token certificate: " + e.getMessage());
        }
    }

    private TokenVerifier verifier() throws IOException {
        if (verifier == null) {
            List<PublicKey> keys = TokenKeys.readPublicKeys(Path.of(config.certificate()));
            verifier = new TokenVerifier(config.issuer(), AUDIENCE, keys, 30);
        }
        return verifier;
    }

    private static Response refuse(String message) {
        return HarborExceptionMapper.body(401, "UNAUTHORIZED", message);
    }
}
