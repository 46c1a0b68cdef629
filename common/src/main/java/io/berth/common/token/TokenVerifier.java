package io.berth.common.token;

import io.berth.common.scope.Scope;
import java.security.Key;
import java.security.PublicKey;
import java.time.Instant;
import java.util.HashMap;
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
 * Verifies a token {@link TokenSigner} wrote, for one audience: the signature by one of the trusted
 * keys (the one the {@code kid} header names, so keys can be rotated: trust the old and the new
 * certificate while tokens of both are about), {@code iss}, {@code aud}, {@code exp}/{@code nbf} with
 * leeway. Used by registry-service for registry tokens and by jobservice for core's calls.
 */
public final class TokenVerifier {
    /** What a verified token says. */
    public record Verified(String subject, List<Scope> access, Instant expiresAt) {}

    /** A refused token, with the reason in words of our own (never jose4j's, which quote the token back). */
    public static final class Rejected extends RuntimeException {
        private final boolean expired;

        Rejected(String reason, boolean expired) {
            super(reason, null, false, false);
            this.expired = expired;
        }

        public boolean expired() {
            return expired;
        }
    }

    private final JwtConsumer consumer;

    public TokenVerifier(String issuer, String audience, List<PublicKey> keys, int leewaySeconds) {
        Map<String, PublicKey> byKid = new HashMap<>();
        keys.forEach(k -> byKid.put(TokenKeys.keyId(k), k));
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(leewaySeconds)
                .setExpectedIssuer(issuer)
                .setExpectedAudience(audience)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384,
                        AlgorithmIdentifiers.RSA_USING_SHA512, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                        AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384)
                .setVerificationKeyResolver(new ByKeyId(Map.copyOf(byKid), List.copyOf(keys)))
                .build();
    }

    /** What the token says, or {@link Rejected} saying why it is refused. */
    public Verified verify(String token) {
        try {
            JwtClaims claims = consumer.processToClaims(token);
            return new Verified(claims.getSubject() == null ? "anonymous" : claims.getSubject(),
                    AccessClaim.decode(claims.getClaimValue(AccessClaim.NAME)),
                    Instant.ofEpochSecond(claims.getExpirationTime().getValue()));
        } catch (InvalidJwtException e) {
            throw new Rejected(e.hasExpired() ? "token expired" : reason(e), e.hasExpired());
        } catch (MalformedClaimException | RuntimeException e) {
            throw new Rejected("malformed token", false);
        }
    }

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

    /** The key named by the token's kid (a libtrust fingerprint); with one trusted key, that key whatever the kid. */
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
