package io.berth.common.config;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;

/** {@code berth.log}: how every service logs. */
@Unremovable
@ConfigMapping(prefix = BerthConfigFile.PREFIX + ".log", namingStrategy = ConfigMapping.NamingStrategy.SNAKE_CASE)
public interface LogConfig {
    /** text or json. */
    Format format();

    /** Root log level. */
    String level();

    enum Format { TEXT, JSON }
}
