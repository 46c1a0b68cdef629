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

    /** File of the AES key that seals secrets kept at rest; every service of a deployment must share it. */
    String secretKeyFile();

    Database database();

    Redis redis();

    Storage storage();

    Log log();

    Tls tls();

    Gateway gateway();

    Token token();

    Registry registry();

    Core core();

    Jobservice jobservice();

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

        S3 s3();

        interface Filesystem {
            /** Directory of the blob store. */
            String root();
        }

        /** S3-compatible object storage (AWS S3, MinIO, Ceph RGW, …). */
        interface S3 {
            /** Bucket holding the blobs; required with driver s3. */
            Optional<String> bucket();

            String region();

            /** Endpoint of a non-AWS service; AWS's regional endpoint when absent. */
            Optional<String> endpoint();

            /** Static credentials; the AWS default credentials chain when absent. */
            Optional<String> accessKey();

            Optional<String> secretKey();

            /** Key prefix inside the bucket. */
            Optional<String> prefix();

            /** Path-style addressing (bucket in the path), which most non-AWS services need. */
            boolean pathStyle();

            /** Part size of multipart uploads, in MiB (5 to 5120); an upload spools its current part to a temporary file. */
            int partSizeMib();

            /** Answer blob GETs with a 307 to a presigned URL, so clients download from S3 directly. */
            boolean redirect();
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

    interface Service {
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

    /** Registry tokens (Docker token authentication): core-service signs them, registry-service verifies them. */
    interface Token {
        /** The {@code iss} claim core writes and the registry requires. */
        String issuer();

        /** The {@code service} (audience) of registry tokens, as in {@code WWW-Authenticate: Bearer service=…}. */
        String service();

        /** Lifetime of an issued token. */
        Duration expiration();

        /** PEM certificate(s) or public key(s) that verify tokens; a CNCF Distribution's rootcertbundle. */
        String certificate();

        /** PKCS#8 PEM private key core signs tokens with; generated with its certificate on first start if absent. */
        String privateKey();
    }

    interface Core extends Service {
        /**
         * Failed logins for one account from one address within the window after which that address's logins to it
         * are refused until the window passes; failures from all addresses only slow wrong passwords down.
         */
        int loginFailuresPerAccount();

        /** Failed logins from one client address within the window after which its logins are refused. */
        int loginFailuresPerAddress();

        Duration loginFailureWindow();
    }

    interface Registry extends Service {
        /** token: every request needs a Bearer token from core; none: no authorization (local development only). */
        AuthMode auth();

        /** Upload sessions untouched for this long are deleted with their data. */
        Duration uploadPurgeAfter();

        /** A manifest push whose body has not all arrived within this is refused and its connection closed (0: no limit). */
        Duration manifestBodyTimeout();
    }

    enum AuthMode { TOKEN, NONE }

    /** jobservice: its port, the URL core reaches it at, and how it runs tasks. */
    interface Jobservice extends Service {
        /** Worker threads per job kind in each jobservice process. */
        int workers();

        /** A running task whose worker has not been heard of for this long is taken back and run again. */
        Duration visibilityTimeout();

        /** How many times a failing task is tried before its status is Error. */
        int maxAttempts();

        /** The wait before the first retry; it doubles with each further attempt. */
        Duration retryDelay();
    }
}
