package io.berth.registry.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.berth.common.config.RegistryConfig;
import io.berth.common.config.TokenConfig;
import io.berth.common.token.TokenKeys;
import io.berth.service.db.StartupFailure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Verifies registry tokens locally, without a call to core ({@link io.berth.common.token.TokenVerifier}:
 * signature by a key of {@code token.certificate} chosen by the {@code kid} header, {@code iss},
 * {@code aud}, {@code exp}/{@code nbf} with a minute of leeway). Verified tokens are cached until they
 * expire, so the hot path (every kubelet's manifest GET) costs a hash lookup.
 */
@ApplicationScoped
public class TokenVerifier {
    private static final int LEEWAY_SECONDS = 60;

    private final io.berth.common.token.TokenVerifier tokens;
    private final Cache<String, Access> verified = Caffeine.newBuilder()
            .maximumSize(20_000).expireAfterWrite(Duration.ofMinutes(5)).build();

    @jakarta.inject.Inject
    TokenVerifier(TokenConfig token, RegistryConfig registry) {
        this(token.issuer(), token.service(), keys(token, registry));
    }

    TokenVerifier(String issuer, String service, List<PublicKey> keys) {
        this.tokens = new io.berth.common.token.TokenVerifier(issuer, service, keys, LEEWAY_SECONDS);
    }

    private static List<PublicKey> keys(TokenConfig token, RegistryConfig registry) {
        if (registry.auth() == RegistryConfig.AuthMode.NONE) {
            return List.of();
        }
        String file = token.certificate();
        try {
            return TokenKeys.readPublicKeys(Path.of(file));
        } catch (IOException e) {
            throw new StartupFailure("berth.token.certificate: cannot read token verification keys from " + file
                    + ": " + e.getMessage());
        }
    }

    /** The access a token grants, or {@link InvalidTokenException} saying why it is refused. */
    public Access verify(String token) {
        Access cached = verified.getIfPresent(token);
        Instant now = Instant.now();
        if (cached != null) {
            if (cached.expired(now.minusSeconds(LEEWAY_SECONDS))) {
                verified.invalidate(token);
                throw new InvalidTokenException("token expired");
            }
            return cached;
        }
        try {
            io.berth.common.token.TokenVerifier.Verified claims = tokens.verify(token);
            Access access = new Access(claims.subject(), claims.access(), claims.expiresAt(), false);
            verified.put(token, access);
            return access;
        } catch (io.berth.common.token.TokenVerifier.Rejected e) {
            throw new InvalidTokenException(e.getMessage());
        }
    }
}
