package io.berth.common.config;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** {@code berth.token}: registry tokens (Docker token authentication): core-service signs them, registry-service verifies them. */
@Unremovable
@ConfigMapping(prefix = BerthConfigFile.PREFIX + ".token", namingStrategy = ConfigMapping.NamingStrategy.SNAKE_CASE)
public interface TokenConfig {
    /** The {@code iss} claim core writes and the registry requires. */
    String issuer();

    /** The {@code service} (audience) of registry tokens, as in {@code WWW-Authenticate: Bearer service=…}. */
    String service();

    /** Lifetime of an issued token. */
    Duration expiration();

    /** PEM certificate(s) or public key(s) that verify tokens; a CNCF Distribution's rootcertbundle. */
    String certificate();

    /** PKCS#8 PEM private key core signs tokens with; generated with its certificate on first start if absent. */
    String privateKey();
}
