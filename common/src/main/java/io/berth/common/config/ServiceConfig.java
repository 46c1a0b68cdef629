package io.berth.common.config;

/**
 * The keys every backend service's section has ({@link RegistryConfig}, {@link CoreConfig},
 * {@link JobserviceConfig}); not a mapping of its own.
 */
public interface ServiceConfig {
    /** The port the service listens on. */
    int port();

    /** The URL other processes reach the service at. */
    String url();

    /** The port of its management interface: {@code /q/health/*} and {@code /q/metrics}, not on {@link #port()}. */
    int managementPort();

    /** Where other processes reach its management interface: {@link #url()} with {@link #managementPort()}. */
    default String managementUrl() {
        java.net.URI u = java.net.URI.create(url());
        return u.getScheme() + "://" + u.getHost() + ":" + managementPort();
    }
}
