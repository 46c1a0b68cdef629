package io.berth.launcher;

import io.berth.common.config.BerthConfigSources;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.SmallRyeConfig;

/**
 * The effective configuration, and whether a key was set by the operator or is a built-in default.
 * The launcher starts the whole system and reads whichever sections of berth.yaml it needs from here
 * ({@link #mapping}); a service injects only the mappings it uses.
 */
record Configuration(SmallRyeConfig raw) {

    boolean isExplicit(String key) {
        ConfigValue value = raw.getConfigValue(key);
        return value.getValue() != null && value.getSourceOrdinal() > BerthConfigSources.DEFAULTS_ORDINAL;
    }

    /** One section, e.g. {@code mapping(DatabaseConfig.class)}; every mapping is registered by {@code BerthConfigLoader}. */
    <T> T mapping(Class<T> type) {
        return raw.getConfigMapping(type);
    }
}
