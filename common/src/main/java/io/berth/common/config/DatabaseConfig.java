package io.berth.common.config;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;

/** {@code berth.database}: the PostgreSQL server every backend service keeps its schema in. */
@Unremovable
@ConfigMapping(prefix = BerthConfigFile.PREFIX + ".database", namingStrategy = ConfigMapping.NamingStrategy.SNAKE_CASE)
public interface DatabaseConfig {
    /** PostgreSQL URL without the {@code jdbc:} prefix, e.g. postgresql://db:5432/berth. */
    String url();

    String user();

    String password();

    /** auto: use the URL if it answers, else start an embedded server; always; never. */
    Embedded embedded();

    /** Size of each service's reactive connection pool. */
    int maxConnections();
}
