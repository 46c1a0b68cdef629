package io.berth.common.config;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SysPropConfigSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Builds the configuration outside Quarkus (the {@code berth} launcher, plain tests) with the same
 * sources and precedence the services get: defaults, berth.yaml, environment, system properties.
 */
public final class BerthConfigLoader {
    /**
     * Every mapping of berth.yaml. All are registered, whichever a caller reads: a key that none of them
     * knows is refused, and {@link DeploymentConfig}'s prefix is the root {@code berth} of them all.
     */
    private static final List<Class<?>> MAPPINGS = List.of(DeploymentConfig.class, DatabaseConfig.class,
            RedisConfig.class, StorageConfig.class, LogConfig.class, TlsConfig.class, GatewayConfig.class,
            TokenConfig.class, RegistryConfig.class, CoreConfig.class, JobserviceConfig.class, ScannerConfig.class,
            ConfigurationsConfig.class);

    /** Every section's mapping, as registered: what berth.yaml may hold. */
    public static List<Class<?>> mappings() {
        return MAPPINGS;
    }

    private BerthConfigLoader() {}

    public static SmallRyeConfig load() {
        return load(System.getenv());
    }

    /** With an explicit environment, so tests can check overrides without touching the process's. */
    public static SmallRyeConfig load(Map<String, String> environment) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new BerthConfigSources())
                .withSources(new EnvConfigSource(environment, 300), new SysPropConfigSource())
                .withConverter(Duration.class, 200, DurationValues::parse)
                .withMappingIgnore(BerthConfigFile.LOCATION_PROPERTY);
        MAPPINGS.forEach(builder::withMapping);
        return builder.build();
    }
}
