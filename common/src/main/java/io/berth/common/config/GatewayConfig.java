package io.berth.common.config;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** {@code berth.gateway}: the proxy-gateway's port and its bounds on slow peers. */
@Unremovable
@ConfigMapping(prefix = BerthConfigFile.PREFIX + ".gateway", namingStrategy = ConfigMapping.NamingStrategy.SNAKE_CASE)
public interface GatewayConfig {
    int port();

    /** The port of the gateway's management interface ({@code /q/health/*}, {@code /q/metrics}), never public. */
    int managementPort();

    /** How long the gateway waits to connect to a service before answering 503. */
    Duration connectTimeout();

    /** How long a proxied exchange may go without a byte moving before it is cut (502). */
    Duration idleTimeout();

    /** On shutdown, how long in-flight requests get to finish. */
    Duration shutdownTimeout();

    /** How long a request's head (request line and headers) may take to arrive from its first byte; 0: no limit. */
    Duration headerTimeout();

    /**
     * Send blob downloads straight from filesystem storage when the gateway sees the same files
     * as registry-service (see {@code BlobFileHandoff}); otherwise they are relayed.
     */
    boolean blobFiles();

    /**
     * Bytes the gateway may hold, all transfers together, for clients and services that do not take
     * them yet (a client that stopped reading a download); past it, each transfer holds at most the
     * piece in hand. 0: a quarter of the direct memory the JVM allows.
     */
    long queueBudget();
}
