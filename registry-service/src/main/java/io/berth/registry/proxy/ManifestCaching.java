package io.berth.registry.proxy;

import io.berth.common.client.Manifest;
import io.berth.common.event.RegistryEvent;
import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import io.berth.common.oci.RepositoryName;
import io.berth.registry.auth.Access;
import io.berth.registry.event.PullRecorder;
import io.berth.registry.manifest.ManifestService;
import io.berth.registry.manifest.ManifestStore;
import io.berth.registry.manifest.StoredManifest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Records manifests fetched from an upstream as ordinary content, through the push path ({@link ManifestService#cache}:
 * one transaction, references checked, quota charged, the event emitted). An image manifest is recorded only once every
 * blob it references is cached, as a push would be: the client that pulled it fetches those next (through this cache),
 * so recording is tried again after {@link #RETRY}, twice that, … (at most {@link #LONGEST_WAIT} apart) for up to
 * {@link #PATIENCE}. An index is recorded at once with the platforms cached so far, and each platform manifest cached
 * later is linked to it: the cache serves an index and the platforms that were pulled, not only complete indexes.
 * <p>
 * The pulls answered from the upstream meanwhile are pulls as any other: their events are recorded once the manifest
 * is (so that its pull count and time count them, as retention reads them), or when it is given up (the events alone).
 */
@ApplicationScoped
public class ManifestCaching {
    private static final Logger LOG = Logger.getLogger(ManifestCaching.class);
    static final Duration RETRY = Duration.ofMillis(500);
    static final Duration LONGEST_WAIT = Duration.ofSeconds(30);
    static final Duration PATIENCE = Duration.ofMinutes(30);

    private final ManifestService service;
    private final ManifestStore manifests;
    private final PullRecorder pulls;
    private final Pool db;
    private final Vertx vertx;
    /** The manifests waiting for their content here, as repository@digest:tag: one wait each, with the pulls it answered. */
    private final Map<String, List<RegistryEvent>> waiting = new ConcurrentHashMap<>();

    ManifestCaching(ManifestService service, ManifestStore manifests, PullRecorder pulls, Pool db, Vertx vertx) {
        this.service = service;
        this.manifests = manifests;
        this.pulls = pulls;
        this.db = db;
        this.vertx = vertx;
    }

    /** Moves {@code tag} to a manifest the cache holds: the upstream's tag names it now. */
    Future<Void> retag(RepositoryName repository, String tag, StoredManifest cached, Access access, String requestId) {
        return service.cache(repository, tag, cached.content(), cached.mediaType(), access, requestId).mapEmpty(); // an index may be partial
    }

    /**
     * Records {@code manifest} (under {@code tag}, if not null) once its content is cached, and then the {@code pull}
     * that was answered with it (null for a HEAD); returns at once.
     */
    void cacheWhenComplete(RepositoryName repository, String tag, Manifest manifest, RegistryEvent pull, Access access, String requestId) {
        String key = repository + "@" + manifest.digest() + ":" + tag;
        boolean[] first = {false};
        waiting.compute(key, (k, events) -> {
            List<RegistryEvent> list = events;
            if (list == null) {
                list = new ArrayList<>();
                first[0] = true;
            }
            if (pull != null) {
                list.add(pull);
            }
            return list;
        });
        if (first[0]) {
            attempt(key, repository, tag, manifest, access, requestId, System.nanoTime() + PATIENCE.toNanos(), RETRY.toMillis());
        }
    }

    /** The wait for {@code key} is over: its pulls are recorded, counted on the cached manifest if there is one now. */
    private void finish(String key, RepositoryName repository, String digest) {
        List<RegistryEvent> answered = waiting.remove(key);
        if (answered == null || answered.isEmpty()) {
            return;
        }
        manifests.find(db, repository.value(), digest, true).onComplete(found -> {
            StoredManifest cached = found.succeeded() ? found.result() : null;
            for (RegistryEvent e : answered) {
                // cached, the manifest's size is its content's, as an ordinary pull reports it
                pulls.record(cached == null ? e : new RegistryEvent(e.id(), e.type(), e.repository(), e.project(), e.digest(), e.tags(),
                        e.mediaType(), cached.totalSize(), e.actor(), e.occurredAt(), e.requestId(), e.details()),
                        cached == null ? 0 : cached.repositoryId());
            }
        });
    }

    private void attempt(String key, RepositoryName repository, String tag, Manifest manifest, Access access, String requestId,
            long deadline, long wait) {
        service.cache(repository, tag != null ? tag : manifest.digest(), manifest.content(), manifest.mediaType(), access, requestId)
                .compose(pushed -> manifests.linkToIndexes(db, repository.value(), manifest.digest()))
                .onSuccess(linked -> finish(key, repository, manifest.digest()))
                .onFailure(e -> {
                    if (e instanceof OciException oci && oci.code() == OciErrorCode.MANIFEST_BLOB_UNKNOWN && System.nanoTime() < deadline) {
                        vertx.setTimer(wait, t -> attempt(key, repository, tag, manifest, access, requestId, deadline,
                                Math.min(2 * wait, LONGEST_WAIT.toMillis())));
                    } else {
                        finish(key, repository, manifest.digest());
                        LOG.infof("manifest %s of %s fetched from the upstream is not cached: %s", manifest.digest(), repository, e.getMessage());
                    }
                });
    }
}
