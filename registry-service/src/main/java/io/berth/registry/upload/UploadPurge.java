package io.berth.registry.upload;

import io.berth.common.config.BerthConfig;
import io.berth.registry.storage.BlobPaths;
import io.berth.registry.storage.StorageDriver;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Deletes upload sessions abandoned for {@code registry.upload_purge_after}, with their bytes. */
@ApplicationScoped
public class UploadPurge {
    private static final Logger LOG = Logger.getLogger(UploadPurge.class);

    private final UploadSessions sessions;
    private final StorageDriver storage;
    private final Duration age;

    UploadPurge(UploadSessions sessions, StorageDriver storage, BerthConfig config) {
        this.sessions = sessions;
        this.storage = storage;
        this.age = config.registry().uploadPurgeAfter();
    }

    @Scheduled(every = "10m", delay = 1, delayUnit = java.util.concurrent.TimeUnit.MINUTES,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        purgeOlderThan(age);
    }

    /** Deletes sessions untouched for {@code olderThan}; returns how many. */
    public int purgeOlderThan(Duration olderThan) {
        List<UUID> stale = sessions.deleteStale(olderThan).toCompletionStage().toCompletableFuture().join();
        for (UUID id : stale) {
            try {
                storage.delete(BlobPaths.upload(id));
            } catch (RuntimeException e) {
                LOG.warnf("could not delete the data of purged upload %s: %s", id, e.getMessage());
            }
        }
        if (!stale.isEmpty()) {
            LOG.infof("purged %d abandoned upload sessions", stale.size());
        }
        return stale.size();
    }
}
