package io.berth.common.config;

import io.smallrye.config.common.MapBackedConfigSource;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSourceProvider;

/**
 * Adds berth.yaml and the built-in defaults to every process's configuration, discovered through
 * {@code ServiceLoader}. Ordinals: defaults (100) &lt; application.properties (250) &lt;
 * berth.yaml (270) &lt; environment variables (300) &lt; system properties (400).
 */
public class BerthConfigSources implements ConfigSourceProvider {
    public static final int DEFAULTS_ORDINAL = 100;
    public static final int FILE_ORDINAL = 270;

    @Override
    public Iterable<ConfigSource> getConfigSources(ClassLoader forClassLoader) {
        List<ConfigSource> sources = new ArrayList<>();
        sources.add(new MapBackedConfigSource("berth-defaults.yaml", BerthConfigFile.defaults(), DEFAULTS_ORDINAL) {});
        BerthConfigFile.location().ifPresent(path -> sources.add(
                new MapBackedConfigSource(path.toAbsolutePath().toString(), BerthConfigFile.read(path), FILE_ORDINAL) {}));
        return sources;
    }
}
