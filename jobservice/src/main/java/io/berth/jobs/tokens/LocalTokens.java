package io.berth.jobs.tokens;

import io.berth.common.client.OciClient;
import io.berth.common.client.RegistryEndpoint;
import io.berth.common.config.RegistryConfig;
import io.berth.common.config.TokenConfig;
import io.berth.common.scope.Scope;
import io.berth.common.token.TokenKeys;
import io.berth.common.token.TokenSigner;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The token service's key, as jobservice signs with it: its calls to this Berth's registry-service (replication
 * into or out of this Berth, garbage collection) carry tokens core would have signed. Read once, on first use.
 */
@ApplicationScoped
public class LocalTokens {
    private final TokenConfig token;
    private final RegistryConfig registry;
    private volatile TokenSigner signer;

    LocalTokens(TokenConfig token, RegistryConfig registry) {
        this.token = token;
        this.registry = registry;
    }

    /**
     * A client of this Berth's own registry-service, reached directly, whose requests carry tokens signed here for
     * {@code subject} (the actor registry-service records in its events) and exactly the scopes each request needs.
     */
    public OciClient localRegistry(String subject) throws IOException {
        TokenSigner tokens = signer();
        return new OciClient(new RegistryEndpoint(URI.create(registry.url()), null, null, false), Duration.ofMillis(500),
                scopes -> tokens.sign(subject, token.service(), scopes.stream().map(Scope::parse).toList(), Instant.now()));
    }

    public TokenSigner signer() throws IOException {
        if (signer == null) {
            synchronized (this) {
                if (signer == null) {
                    Path key = Path.of(token.privateKey());
                    Path certificate = Path.of(token.certificate());
                    TokenKeys.generateIfMissing(key, certificate, "berth-token-service");
                    signer = new TokenSigner(TokenKeys.readPrivateKey(key), TokenKeys.keyId(TokenKeys.readPublicKeys(certificate).get(0)),
                            token.issuer(), Duration.ofMinutes(30));
                }
            }
        }
        return signer;
    }
}
