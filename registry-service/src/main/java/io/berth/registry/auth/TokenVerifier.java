package io.berth.registry.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.berth.common.config.BerthConfig;
import io.berth.common.scope.Scope;
import io.berth.common.token.TokenKeys;
import io.berth.service.db.StartupFailure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.security.Key;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Verifies registry tokens locally, without a call to core: signature by a key of
 * {@code token.certificate} (chosen by the {@code kid} header), {@code iss}, {@code aud},
 * {@code exp}/{@code nbf} with a minute of leeway. Verified tokens are cached until they expire, so
 * the hot path (every kubelet's manifest GET) costs a hash lookup.
 */
@ApplicationScoped
public class TokenVerifier {
    private static final int LEEWAY_SECONDS = 60;

    private final JwtConsumer consumer;
    private final Cache<String, Access> verified = Caffeine.newBuilder()
            .maximumSize(20_000).expireAfterWrite(Duration.ofMinutes(5)).build();

    @jakarta.inject.Inject
    TokenVerifier(BerthConfig config) {
        this(config.token().issuer(), config.token().service(), keys(config));
    }

    TokenVerifier(String issuer, String service, List<PublicKey> keys) {
        Map<String, PublicKey> byKid = new HashMap<>();
        keys.forEach(k -> byKid.put(TokenKeys.keyId(k), k));
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(LEEWAY_SECONDS)
                .setExpectedIssuer(issuer)
                .setExpectedAudience(service)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384,
                        AlgorithmIdentifiers.RSA_USING_SHA512, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                        AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384)
                .setVerificationKeyResolver(new ByKeyId(byKid, keys))
                .build();
    }

    private static List<PublicKey> keys(BerthConfig config) {
        if (config.registry().auth() == BerthConfig.AuthMode.NONE) {
            return List.of();
        }
        String file = config.token().certificate();
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
            JwtClaims claims = consumer.processToClaims(token);
            Access access = new Access(claims.getSubject() == null ? "anonymous" : claims.getSubject(),
                    grants(claims.getClaimValue("access")),
                    Instant.ofEpochSecond(claims.getExpirationTime().getValue()), false);
            verified.put(token, access);
            return access;
        } catch (InvalidJwtException e) {
            throw new InvalidTokenException(e.hasExpired() ? "token expired" : reason(e));
        } catch (MalformedClaimException | RuntimeException e) {
            throw new InvalidTokenException("malformed token");
        }
    }

    /**
     * Why a token is refused, in words of our own: jose4j's messages name its exceptions and quote the
     * token back, and the reason goes into the response and the logs.
     */
    private static String reason(InvalidJwtException e) {
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) || e.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
            return "token signature invalid";
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return "token not issued for this service (aud)";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID) || e.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return "token not issued by a trusted issuer (iss)";
        }
        if (e.hasErrorCode(ErrorCodes.NOT_YET_VALID) || e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
            return "token not valid yet (nbf)";
        }
        if (e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
            return "token without expiry (exp)";
        }
        return "malformed token";
    }

    /** The {@code access} claim: {@code [{"type","name","actions":[…]}]}. */
    private static List<Scope> grants(Object claim) {
        List<Scope> grants = new ArrayList<>();
        if (claim instanceof Collection<?> entries) {
            for (Object entry : entries) {
                if (entry instanceof Map<?, ?> map && map.get("type") instanceof String type
                        && map.get("name") instanceof String name) {
                    LinkedHashSet<String> actions = new LinkedHashSet<>();
                    if (map.get("actions") instanceof Collection<?> list) {
                        list.forEach(a -> actions.add(String.valueOf(a)));
                    }
                    grants.add(new Scope(type, null, name, actions));
                }
            }
        }
        return grants;
    }

    /** The key named by the token's kid (a libtrust fingerprint); with one configured key, that key. */
    private record ByKeyId(Map<String, PublicKey> byKid, List<PublicKey> all) implements VerificationKeyResolver {
        @Override
        public Key resolveKey(JsonWebSignature jws, List<JsonWebStructure> nestingContext) throws UnresolvableKeyException {
            String kid = jws.getKeyIdHeaderValue();
            if (kid != null && byKid.containsKey(kid)) {
                return byKid.get(kid);
            }
            if (all.size() == 1) {
                return all.get(0);
            }
            throw new UnresolvableKeyException("no verification key with kid " + kid);
        }
    }
}
