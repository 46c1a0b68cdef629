package io.berth.registry.upload;

import io.berth.common.config.RegistryConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/** Deletes upload sessions abandoned for {@code registry.upload_purge_after}, with their bytes. */
@ApplicationScoped
public class UploadPurge {
    private static final Logger LOG = Logger.getLogger(UploadPurge.class);

    private final UploadSessions sessions;
    private final UploadService uploads;
    private final Duration age;

    UploadPurge(UploadSessions sessions, UploadService uploads, RegistryConfig registry) {
        this.sessions = sessions;
        this.uploads = uploads;
        this.age = registry.uploadPurgeAfter();
    }

    @Scheduled(every = "10m", delay = 1, delayUnit = java.util.concurrent.TimeUnit.MINUTES,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        purgeOlderThan(age);
    }

    /** Deletes sessions untouched for {@code olderThan}; returns how many. */
    public int purgeOlderThan(Duration olderThan) {
        List<UploadSession> stale = sessions.deleteStale(olderThan).toCompletionStage().toCompletableFuture().join();
        for (UploadSession session : stale) {
            try {
                uploads.discardBytes(session);
            } catch (RuntimeException e) {
                LOG.warnf("could not delete the data of purged upload %s: %s", session.id(), e.getMessage());
            }
        }
        if (!stale.isEmpty()) {
            LOG.infof("purged %d abandoned upload sessions", stale.size());
        }
        return stale.size();
    }
}
