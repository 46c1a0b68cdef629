package io.berth.common.token;

import io.berth.common.scope.Scope;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Signs registry tokens (Docker token authentication spec): RS256, {@code kid} = libtrust key id
 * (what CNCF Distribution matches against its rootcertbundle), {@code iss}, {@code sub}, {@code aud},
 * {@code exp}, {@code nbf}, {@code iat}, {@code jti} and {@code access}.
 */
public final class TokenSigner {
    private final PrivateKey key;
    private final String keyId;
    private final String issuer;
    private final Duration lifetime;

    public TokenSigner(PrivateKey key, String keyId, String issuer, Duration lifetime) {
        this.key = key;
        this.keyId = keyId;
        this.issuer = issuer;
        this.lifetime = lifetime;
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** A compact JWS for {@code subject} granting {@code access}, valid from {@code now} for the lifetime. */
    public String sign(String subject, String audience, List<Scope> access, Instant now) {
        return sign(subject, audience, access, now, lifetime);
    }

    /** As {@link #sign(String, String, List, Instant)}, valid for {@code validFor} (a lifetime configured at run time). */
    public String sign(String subject, String audience, List<Scope> access, Instant now, Duration validFor) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setAudience(audience);
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setNotBefore(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plus(validFor).getEpochSecond()));
        claims.setGeneratedJwtId();
        claims.setClaim(AccessClaim.NAME, AccessClaim.encode(access));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setKeyIdHeaderValue(keyId);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }
}
