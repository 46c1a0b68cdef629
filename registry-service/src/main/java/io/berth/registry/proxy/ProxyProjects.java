package io.berth.registry.proxy;

import io.berth.common.client.OciClient;
import io.berth.common.client.RegistryEndpoint;
import io.berth.common.client.Retry;
import io.berth.common.config.DeploymentConfig;
import io.berth.common.secret.SecretBox;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which projects are proxy caches, and of what: read from core's {@code core.proxy_cache_view} (db/core V26, core's
 * documented read contract), the secret unsealed with the shared {@code secret_key_file}. No call to core: a project's
 * answer is kept {@link #FRESH} in memory, so a pull from an ordinary project costs a map lookup, and an endpoint
 * changed in core is seen within that time. Until core has created the view, no project is a proxy cache.
 */
@ApplicationScoped
public class ProxyProjects {
    static final Duration FRESH = Duration.ofSeconds(10);
    /** A manifest or HEAD request to the upstream waits this long for its answer before the cache serves alone. */
    static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(10);

    private record Known(Optional<Upstream> upstream, long readAt) {}

    private final Pool db;
    private final Vertx vertx;
    private final DeploymentConfig deployment;
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Map<Long, OciClient> clients = new ConcurrentHashMap<>();
    private volatile SecretBox box;

    ProxyProjects(Pool db, Vertx vertx, DeploymentConfig deployment) {
        this.db = db;
        this.vertx = vertx;
        this.deployment = deployment;
    }

    /** The upstream of {@code project}, or empty if it is an ordinary project (or none). */
    public Future<Optional<Upstream>> of(String project) {
        Known k = known.get(project);
        if (k != null && System.nanoTime() - k.readAt() < FRESH.toNanos()) {
            return Future.succeededFuture(k.upstream());
        }
        return db.query("SELECT to_regclass('core.proxy_cache_view') IS NOT NULL").execute()
                .compose(present -> !present.iterator().next().getBoolean(0) ? Future.succeededFuture((Row) null)
                        : db.preparedQuery("SELECT registry_id, type, url, access_key, access_secret, insecure FROM core.proxy_cache_view "
                                + "WHERE project = $1").execute(Tuple.of(project)).map(rows -> rows.iterator().hasNext() ? rows.iterator().next() : null))
                .compose(row -> row == null ? Future.succeededFuture(Optional.<Upstream>empty())
                        : vertx.executeBlocking(() -> Optional.of(upstream(project, row)), false))
                .onSuccess(upstream -> known.put(project, new Known(upstream, System.nanoTime())));
    }

    /** Whether {@code project} is a proxy cache, as last read (for refusing pushes). */
    public Future<Boolean> isProxy(String project) {
        return of(project).map(Optional::isPresent);
    }

    private Upstream upstream(String project, Row row) throws java.io.IOException {
        long id = row.getLong(0);
        String type = row.getString(1);
        String secret = row.getString(4) == null ? null : box().decrypt(row.getString(4));
        RegistryEndpoint endpoint = new RegistryEndpoint(URI.create(Upstream.apiUrl(type, row.getString(2))), row.getString(3), secret,
                row.getBoolean(5));
        OciClient client = clients.get(id);
        if (client == null || !client.endpoint().equals(endpoint)) {
            // never retried: a pull waits for no backoff, and an upstream that is down means serving from the cache
            client = new OciClient(endpoint, new Retry(1, Duration.ZERO), UPSTREAM_TIMEOUT, null);
            clients.put(id, client);
        }
        return new Upstream(project, id, type, client);
    }

    private SecretBox box() throws java.io.IOException {
        if (box == null) {
            box = SecretBox.fromFile(Path.of(deployment.secretKeyFile()));
        }
        return box;
    }
}
