package io.berth.jobs.dispatch;

import io.berth.common.config.JobserviceConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Every second: takes back tasks whose worker went silent (a killed process), and puts due Pending
 * tasks on their kind's stream — again if a stream message was lost (Redis flushed or restarted),
 * after the visibility timeout. With several replicas each due task is dispatched by one of them.
 */
@ApplicationScoped
public class Dispatcher {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final TaskStore store;
    private final TaskQueue queue;
    private final Duration visibilityTimeout;
    private final int maxAttempts;

    Dispatcher(TaskStore store, TaskQueue queue, JobserviceConfig config) {
        this.store = store;
        this.queue = queue;
        this.visibilityTimeout = config.visibilityTimeout();
        this.maxAttempts = config.maxAttempts();
    }

    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void dispatch() {
        try {
            int reclaimed = store.reclaimSilent(visibilityTimeout, maxAttempts);
            if (reclaimed > 0) {
                LOG.infof("took back %d task(s) whose worker went silent", reclaimed);
            }
            queue.publish(store.takeDue(visibilityTimeout, 500));
        } catch (RuntimeException e) {
            LOG.warnf("dispatch: %s", e.getMessage());
        }
    }
}
