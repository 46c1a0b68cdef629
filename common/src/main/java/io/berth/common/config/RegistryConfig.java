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

    /**
     * Garbage collection spares what was pushed, linked or used within this (Harbor's time window); a HEAD or GET of a
     * blob or manifest by digest confirms its use when it is older than half of it.
     */
    Duration gcGrace();

    enum AuthMode { TOKEN, NONE }
}
