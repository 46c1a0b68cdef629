package io.berth.common.config;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** {@code berth.registry}: registry-service, read by itself and by those who call it (the gateway, core, jobservice). */
@Unremovable
@ConfigMapping(prefix = BerthConfigFile.PREFIX + ".registry", namingStrategy = ConfigMapping.NamingStrategy.SNAKE_CASE)
public interface RegistryConfig extends ServiceConfig {
    /** token: every request needs a Bearer token from core; none: no authorization (local development only). */
    AuthMode auth();

    /** Upload sessions untouched for this long are deleted with their data. */
    Duration uploadPurgeAfter();

    /** A manifest push whose body has not all arrived within this is refused and its connection closed (0: no limit). */
    Duration manifestBodyTimeout();

    enum AuthMode { TOKEN, NONE }
}
