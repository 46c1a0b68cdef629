package io.berth.core.internal;

import io.berth.common.config.TokenConfig;
import io.berth.common.token.TokenKeys;
import io.berth.common.token.TokenVerifier;
import io.berth.service.http.HarborExceptionMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The check of core's internal APIs, which only jobservice calls (never routed by the gateway, which forwards
 * {@code /service}, {@code /api} and {@code /c} to core): a short-lived token signed by the shared token key for the
 * API's own audience (a registry token, a jobservice token, another internal API's token or a user's credentials are not
 * enough). Each API's pre-matching filter asks here; anything else is a 401 in Harbor's error shape before any resource runs.
 */
@ApplicationScoped
public class InternalCallers {
    private static final int LEEWAY_SECONDS = 30;

    private final TokenConfig config;
    private final Map<String, TokenVerifier> verifiers = new ConcurrentHashMap<>();

    InternalCallers(TokenConfig config) {
        this.config = config;
    }

    /** Null (go on) for a request outside {@code path} or with a valid token of {@code audience}; the refusal otherwise. */
    public Response check(ContainerRequestContext request, String path, String audience) {
        if (!request.getUriInfo().getPath().startsWith(path)) {
            return null;
        }
        String authorization = request.getHeaderString("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return HarborExceptionMapper.body(401, "UNAUTHORIZED", "a Bearer token for " + audience + " is required");
        }
        try {
            verifier(audience).verify(authorization.substring(7).trim());
            return null;
        } catch (TokenVerifier.Rejected e) {
            return HarborExceptionMapper.body(401, "UNAUTHORIZED", "invalid token: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            return HarborExceptionMapper.body(503, "UNAVAILABLE", "cannot read the token certificate: " + e.getMessage());
        }
    }

    private TokenVerifier verifier(String audience) throws IOException {
        TokenVerifier verifier = verifiers.get(audience);
        if (verifier == null) {
            verifier = new TokenVerifier(config.issuer(), audience, TokenKeys.readPublicKeys(Path.of(config.certificate())), LEEWAY_SECONDS);
            verifiers.put(audience, verifier);
        }
        return verifier;
    }
}
