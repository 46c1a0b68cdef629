package io.berth.common.config;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SysPropConfigSource;
import java.time.Duration;
import java.util.Map;

/**
 * Builds the configuration outside Quarkus (the {@code berth} launcher, plain tests) with the same
 * sources and precedence the services get: defaults, berth.yaml, environment, system properties.
 */
public final class BerthConfigLoader {
    private BerthConfigLoader() {}

    public static SmallRyeConfig load() {
        return load(System.getenv());
    }

    /** With an explicit environment, so tests can check overrides without touching the process's. */
    public static SmallRyeConfig load(Map<String, String> environment) {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new BerthConfigSources())
                .withSources(new EnvConfigSource(environment, 300), new SysPropConfigSource())
                .withConverter(Duration.class, 200, DurationValues::parse)
                .withMapping(BerthConfig.class)
                .withMappingIgnore(BerthConfigFile.LOCATION_PROPERTY)
                .build();
    }
}
