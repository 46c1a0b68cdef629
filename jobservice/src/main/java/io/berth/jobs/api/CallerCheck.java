package io.berth.jobs.api;

import io.berth.common.config.BerthConfig;
import io.berth.common.token.TokenKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * Only core may call {@code /jobs}: with a short-lived token signed by the shared token key for the
 * audience {@value #AUDIENCE} (the same key that signs registry tokens; jobservice holds the
 * certificate). Anything else is a 401 before any resource runs.
 */
@ApplicationScoped
public class CallerCheck {
    public static final String AUDIENCE = "berth-jobservice";

    private final BerthConfig config;
    private volatile JwtConsumer consumer;

    CallerCheck(BerthConfig config) {
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
            consumer().process(authorization.substring(7).trim());
            return null;
        } catch (InvalidJwtException e) {
            return refuse("invalid token: " + e.getErrorDetails().get(0).getErrorMessage());
        } catch (IOException e) {
            return Response.status(503).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("errors",
                    List.of(Map.of("code", "UNAVAILABLE", "message", "cannot read the token certificate: " + e.getMessage())))).build();
        }
    }

    private JwtConsumer consumer() throws IOException {
        if (consumer == null) {
            Path certificate = Path.of(config.token().certificate());
            List<PublicKey> keys = TokenKeys.readPublicKeys(certificate);
            consumer = new JwtConsumerBuilder().setRequireExpirationTime().setAllowedClockSkewInSeconds(30)
                    .setExpectedIssuer(config.token().issuer()).setExpectedAudience(AUDIENCE)
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                    .setVerificationKey(keys.get(0)).build();
        }
        return consumer;
    }

    private static Response refuse(String message) {
        return Response.status(401).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("errors", List.of(Map.of("code", "UNAUTHORIZED", "message", message)))).build();
    }
}
