package io.berth.registry.proxy;

import io.berth.common.client.Manifest;
import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import io.berth.common.oci.RepositoryName;
import io.berth.registry.auth.Access;
import io.berth.registry.manifest.ManifestService;
import io.berth.registry.manifest.StoredManifest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Records manifests fetched from an upstream as ordinary content, through the push path ({@link ManifestService#put}:
 * one transaction, references checked, quota charged, the event emitted). A manifest is recorded only once every blob
 * and child manifest it references is cached, as a push would be: the client that pulled it fetches those next (through
 * this cache), so recording is tried again after {@link #RETRY}, twice that, … (at most {@link #LONGEST_WAIT} apart) for up
 * to {@link #PATIENCE}. A manifest whose content is
 * never all pulled (an index of platforms nobody runs) stays uncached and keeps being fetched from the upstream.
 */
@ApplicationScoped
public class ManifestCaching {
    private static final Logger LOG = Logger.getLogger(ManifestCaching.class);
    static final Duration RETRY = Duration.ofMillis(500);
    static final Duration LONGEST_WAIT = Duration.ofSeconds(30);
    static final Duration PATIENCE = Duration.ofMinutes(30);

    private final ManifestService service;
    private final Vertx vertx;
    /** The manifests waiting for their content here, as repository@digest:tag: one wait each. */
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();

    ManifestCaching(ManifestService service, Vertx vertx) {
        this.service = service;
        this.vertx = vertx;
    }

    /** Moves {@code tag} to a manifest the cache holds: the upstream's tag names it now. */
    Future<Void> retag(RepositoryName repository, String tag, StoredManifest cached, Access access, String requestId) {
        return service.put(repository, tag, List.of(), cached.content(), cached.mediaType(), access, requestId).mapEmpty();
    }

    /** Records {@code manifest} (under {@code tag}, if not null) once its content is cached; returns at once. */
    void cacheWhenComplete(RepositoryName repository, String tag, Manifest manifest, Access access, String requestId) {
        String key = repository + "@" + manifest.digest() + ":" + tag;
        if (waiting.add(key)) {
            attempt(key, repository, tag, manifest, access, requestId, System.nanoTime() + PATIENCE.toNanos(), RETRY.toMillis());
        }
    }

    private void attempt(String key, RepositoryName repository, String tag, Manifest manifest, Access access, String requestId,
            long deadline, long wait) {
        service.put(repository, tag != null ? tag : manifest.digest(), List.of(), manifest.content(), manifest.mediaType(), access, requestId)
                .onSuccess(pushed -> waiting.remove(key))
                .onFailure(e -> {
                    if (e instanceof OciException oci && oci.code() == OciErrorCode.MANIFEST_BLOB_UNKNOWN && System.nanoTime() < deadline) {
                        vertx.setTimer(wait, t -> attempt(key, repository, tag, manifest, access, requestId, deadline,
                                Math.min(2 * wait, LONGEST_WAIT.toMillis())));
                    } else {
                        waiting.remove(key);
                        LOG.infof("manifest %s of %s fetched from the upstream is not cached: %s", manifest.digest(), repository, e.getMessage());
                    }
                });
    }
}
