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

    /** Worker threads for webhook deliveries in each jobservice process (deliveries mostly wait on the network). */
    int webhookWorkers();

    /** How long one webhook delivery may take (connect and answer): a dead endpoint holds a worker no longer. */
    Duration webhookTimeout();

    /** How many times a webhook delivery is tried before its task is Error (the delay doubles from retry_delay). */
    int webhookAttempts();

    /** Deliveries of one policy in flight at once per process: a slow endpoint cannot take every webhook worker. */
    int webhookPerPolicy();
}
