package io.berth.common.config;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;

/** {@code berth.redis}: the Redis server (or Sentinel set) that carries events and jobs. */
@Unremovable
@ConfigMapping(prefix = BerthConfigFile.PREFIX + ".redis", namingStrategy = ConfigMapping.NamingStrategy.SNAKE_CASE)
public interface RedisConfig {
    /** redis://[user:password@]host:port[/db]; with Sentinel, the sentinels' URLs, comma-separated. */
    String url();

    Embedded embedded();

    /** standalone or sentinel. */
    ClientType clientType();

    /** The Sentinel master set name. */
    String masterName();

    enum ClientType { STANDALONE, SENTINEL }
}
