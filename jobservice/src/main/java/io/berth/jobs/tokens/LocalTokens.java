package io.berth.jobs.tokens;

import io.berth.common.config.TokenConfig;
import io.berth.common.token.TokenKeys;
import io.berth.common.token.TokenSigner;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The token service's key, as jobservice signs with it: its calls to this Berth's registry-service (replication
 * into or out of this Berth, garbage collection) carry tokens core would have signed. Read once, on first use.
 */
@ApplicationScoped
public class LocalTokens {
    private final TokenConfig token;
    private volatile TokenSigner signer;

    LocalTokens(TokenConfig token) {
        this.token = token;
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
