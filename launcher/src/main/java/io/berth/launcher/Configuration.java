package io.berth.launcher;

import io.berth.common.config.BerthConfig;
import io.berth.common.config.BerthConfigSources;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.SmallRyeConfig;

/** The effective configuration, and whether a key was set by the operator or is a built-in default. */
record Configuration(SmallRyeConfig raw, BerthConfig berth) {

    boolean isExplicit(String key) {
        ConfigValue value = raw.getConfigValue(key);
        return value.getValue() != null && value.getSourceOrdinal() > BerthConfigSources.DEFAULTS_ORDINAL;
    }
}
