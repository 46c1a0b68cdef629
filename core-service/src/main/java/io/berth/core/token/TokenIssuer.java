package io.berth.core.token;

import io.berth.common.config.BerthConfig;
import io.berth.common.scope.Scope;
import io.berth.common.token.TokenKeys;
import io.berth.service.db.StartupFailure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Signs registry tokens (Docker token authentication spec): RS256 with the key of
 * {@code token.private_key}, {@code kid} = libtrust fingerprint (what CNCF Distribution matches
 * against its rootcertbundle), {@code iss}, {@code sub}, {@code aud}, {@code exp}, {@code nbf},
 * {@code iat}, {@code jti} and {@code access}. The key pair is generated on first start if absent;
 * every replica must be given the same files.
 */
@ApplicationScoped
public class TokenIssuer {
    private final PrivateKey key;
    private final PublicKey publicKey;
    private final String keyId;
    private final String certificatePem;
    private final String issuer;
    private final Duration lifetime;

    TokenIssuer(BerthConfig config) {
        Path keyFile = Path.of(config.token().privateKey());
        Path certFile = Path.of(config.token().certificate());
        try {
            TokenKeys.generateIfMissing(keyFile, certFile, "berth-token-service");
            this.key = TokenKeys.readPrivateKey(keyFile);
            this.publicKey = TokenKeys.readPublicKeys(certFile).get(0);
            this.certificatePem = Files.readString(certFile);
        } catch (IOException | RuntimeException e) {
            throw new StartupFailure("berth.token.private_key / berth.token.certificate: cannot load the token signing key: "
                    + e.getMessage());
        }
        this.keyId = TokenKeys.keyId(publicKey);
        this.issuer = config.token().issuer();
        this.lifetime = config.token().expiration();
    }

    /** A signed token for {@code subject} granting {@code access}. */
    public Issued issue(String subject, String audience, List<Scope> access) {
        Instant now = Instant.now();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setAudience(audience);
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setNotBefore(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plus(lifetime).getEpochSecond()));
        claims.setGeneratedJwtId();
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Scope s : access) {
            entries.add(Map.of("type", s.type(), "name", s.name(), "actions", List.copyOf(s.actions())));
        }
        claims.setClaim("access", entries);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setKeyIdHeaderValue(keyId);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return new Issued(jws.getCompactSerialization(), lifetime.toSeconds(), now);
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    public record Issued(String token, long expiresIn, Instant issuedAt) {}

    /** The PEM certificate that verifies tokens (a verifier's rootcertbundle). */
    public String certificatePem() {
        return certificatePem;
    }

    /** The verification key as a JSON Web Key Set. */
    public String jwks() {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(publicKey);
            jwk.setKeyId(keyId);
            jwk.setUse("sig");
            jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            return new JsonWebKeySet(List.<JsonWebKey>of(jwk)).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
