package io.berth.core.gc;

import io.berth.common.error.HarborException;
import io.berth.core.schedule.Cron;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Fires the garbage-collection schedule once per slot across core replicas: the replica whose guarded UPDATE moves
 * {@code last_fired} forward starts the run. A slot that finds a collection still running is skipped (logged); any
 * other failure hands the slot back for the next tick.
 */
@ApplicationScoped
public class GcSchedules {
    private static final Logger LOG = Logger.getLogger(GcSchedules.class);

    private final GcService gc;

    GcSchedules(GcService gc) {
        this.gc = gc;
    }

    @Scheduled(every = "5s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void fire() {
        GcSchedule schedule = QuarkusTransaction.requiringNew().call(GcSchedule::current);
        if (schedule == null) {
            return;
        }
        try {
            Optional<OffsetDateTime> last = Cron.last(schedule.cron, ZonedDateTime.now(ZoneOffset.UTC));
            if (last.isEmpty() || (schedule.lastFired != null && !last.get().isAfter(schedule.lastFired))) {
                return;
            }
            OffsetDateTime slot = last.get();
            int claimed = QuarkusTransaction.requiringNew().call(() -> GcSchedule.update(
                    "lastFired = ?1 where id = ?2 and (lastFired is null or lastFired < ?1)", slot, schedule.id));
            if (claimed != 1) {
                return;
            }
            try {
                long id = gc.runNow(schedule.parameters, "SCHEDULE", schedule.id);
                LOG.infof("garbage collection scheduled for %s started: %d", slot, id);
            } catch (HarborException e) {
                if (e.status() == 409) {
                    LOG.infof("garbage collection scheduled for %s skipped: one is still running", slot);
                    return;
                }
                QuarkusTransaction.requiringNew().call(() -> GcSchedule.update("lastFired = ?1 where id = ?2 and lastFired = ?3",
                        schedule.lastFired, schedule.id, slot));
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.warnf("scheduled garbage collection: %s", e.getMessage());
        }
    }
}
