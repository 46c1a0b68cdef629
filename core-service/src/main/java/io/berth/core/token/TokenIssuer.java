package io.berth.core.token;

import io.berth.common.config.TokenConfig;
import io.berth.common.scope.Scope;
import io.berth.common.token.TokenKeys;
import io.berth.common.token.TokenSigner;
import io.berth.core.configuration.Configurations;
import io.berth.service.db.StartupFailure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.lang.JoseException;

/**
 * Issues registry tokens signed with the key of {@code token.private_key} ({@link TokenSigner}) and
 * publishes the verifying certificate and JWKS. The key pair is generated on first start if absent;
 * every replica must be given the same files.
 */
@ApplicationScoped
public class TokenIssuer {
    private final PublicKey publicKey;
    private final String keyId;
    private final String certificatePem;
    private final Configurations configurations;
    private final TokenSigner signer;

    TokenIssuer(TokenConfig config, Configurations configurations) {
        this.configurations = configurations;
        Path keyFile = Path.of(config.privateKey());
        Path certFile = Path.of(config.certificate());
        PrivateKey key;
        try {
            TokenKeys.generateIfMissing(keyFile, certFile, "berth-token-service");
            key = TokenKeys.readPrivateKey(keyFile);
            this.publicKey = TokenKeys.readPublicKeys(certFile).get(0);
            this.certificatePem = Files.readString(certFile);
        } catch (IOException | RuntimeException e) {
            throw new StartupFailure("berth.token.private_key / berth.token.certificate: cannot load the token signing key: "
                    + e.getMessage());
        }
        this.keyId = TokenKeys.keyId(publicKey);
        this.signer = new TokenSigner(key, keyId, config.issuer(), config.expiration());
    }

    /** A signed token for {@code subject} granting {@code access}, valid for the configuration's {@code token_expiration}. */
    public Issued issue(String subject, String audience, List<Scope> access) {
        Instant now = Instant.now();
        Duration lifetime = configurations.tokenExpiration();
        return new Issued(signer.sign(subject, audience, access, now, lifetime), lifetime.toSeconds(), now);
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
