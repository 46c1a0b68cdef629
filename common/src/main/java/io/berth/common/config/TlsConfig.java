package io.berth.common.config;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** {@code berth.tls}: HTTPS on the gateway, the one public port. */
@Unremovable
@ConfigMapping(prefix = BerthConfigFile.PREFIX + ".tls", namingStrategy = ConfigMapping.NamingStrategy.SNAKE_CASE)
public interface TlsConfig {
    /** PEM certificate chain for HTTPS on the gateway; HTTPS is on when cert and key are set. */
    Optional<String> cert();

    /** PEM private key of {@link #cert()}. */
    Optional<String> key();

    int httpsPort();

    /** Answer plain HTTP requests with a redirect to HTTPS. */
    boolean redirectHttp();
}
