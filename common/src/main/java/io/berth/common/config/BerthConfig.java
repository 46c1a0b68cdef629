package io.berth.common.config;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Optional;

/**
 * The whole of berth.yaml, typed. Every key has its default in {@code berth-defaults.yaml} and is
 * described in docs/configuration.md; every key can be overridden by an environment variable.
 */
@ConfigMapping(prefix = BerthConfigFile.PREFIX, namingStrategy = ConfigMapping.NamingStrategy.SNAKE_CASE)
public interface BerthConfig {

    /** The URL clients use to reach Berth (the gateway); token realms and links are built from it. */
    String externalUrl();

    /** Password of the {@code admin} user, applied on first start only. */
    Optional<String> adminPassword();

    /** Directory for everything Berth keeps on local disk (storage, embedded servers, logs, pid files). */
    String dataDir();

    Database database();

    Redis redis();

    Storage storage();

    Log log();

    Tls tls();

    Gateway gateway();

    /** registry-service: its port, and the URL other processes reach it at. */
    Service registry();

    /** core-service: its port, and the URL other processes reach it at. */
    Service core();

    /** jobservice: its port, and the URL other processes reach it at. */
    Service jobservice();

    /** Whether {@code ./berth up} may start a server of its own instead of using a running one. */
    enum Embedded { AUTO, ALWAYS, NEVER }

    interface Database {
        /** PostgreSQL URL without the {@code jdbc:} prefix, e.g. postgresql://db:5432/berth. */
        String url();

        String user();

        String password();

        /** auto: use the URL if it answers, else start an embedded server; always; never. */
        Embedded embedded();

        /** Size of each service's reactive connection pool. */
        int maxConnections();
    }

    interface Redis {
        /** redis://[user:password@]host:port[/db]; with Sentinel, the sentinels' URLs, comma-separated. */
        String url();

        Embedded embedded();

        /** standalone or sentinel. */
        RedisClientType clientType();

        /** The Sentinel master set name. */
        String masterName();
    }

    enum RedisClientType { STANDALONE, SENTINEL }

    interface Storage {
        /** Which driver holds blobs: filesystem (the default) or s3. */
        StorageDriverKind driver();

        Filesystem filesystem();

        interface Filesystem {
            /** Directory of the blob store. */
            String root();
        }
    }

    enum StorageDriverKind { FILESYSTEM, S3 }

    interface Log {
        /** text or json. */
        LogFormat format();

        /** Root log level. */
        String level();
    }

    enum LogFormat { TEXT, JSON }

    interface Tls {
        /** PEM certificate chain for HTTPS on the gateway; HTTPS is on when cert and key are set. */
        Optional<String> cert();

        /** PEM private key of {@link #cert()}. */
        Optional<String> key();

        int httpsPort();

        /** Answer plain HTTP requests with a redirect to HTTPS. */
        boolean redirectHttp();
    }

    interface Gateway {
        int port();

        /** How long the gateway waits to connect to a service before answering 503. */
        Duration connectTimeout();

        /** How long a proxied exchange may go without a byte moving before it is cut (502). */
        Duration idleTimeout();

        /** On shutdown, how long in-flight requests get to finish. */
        Duration shutdownTimeout();
    }

    interface Service {
        int port();

        String url();
    }
}
