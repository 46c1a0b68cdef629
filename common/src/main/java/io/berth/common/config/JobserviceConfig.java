package io.berth.common.config;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** {@code berth.jobservice}: its port, the URL core reaches it at, and how it runs tasks. */
@Unremovable
@ConfigMapping(prefix = BerthConfigFile.PREFIX + ".jobservice", namingStrategy = ConfigMapping.NamingStrategy.SNAKE_CASE)
public interface JobserviceConfig extends ServiceConfig {
    /** Worker threads per job kind in each jobservice process. */
    int workers();

    /** A running task whose worker has not been heard of for this long is taken back and run again. */
    Duration visibilityTimeout();

    /** How many times a failing task is tried before its status is Error. */
    int maxAttempts();

    /** The wait before the first retry; it doubles with each further attempt. */
    Duration retryDelay();
}
