package io.berth.core.replication;

import io.berth.core.configuration.Configurations;
import io.berth.core.schedule.Cron;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Fires scheduled replication policies ({@link Cron}, UTC). The instant a policy last fired for is kept on the policy,
 * so a schedule survives restarts and, with several core replicas, fires once: the replica whose
 * guarded UPDATE moves it forward runs the policy. While {@code read_only} is on, a slot is claimed and skipped
 * (logged): replication would write artifacts into this Berth or push out of it on a schedule nobody is watching.
 */
@ApplicationScoped
public class Schedules {
    private static final Logger LOG = Logger.getLogger(Schedules.class);

    private final Replicator replicator;
    private final Configurations configurations;

    Schedules(Replicator replicator, Configurations configurations) {
        this.replicator = replicator;
        this.configurations = configurations;
    }

    @Scheduled(every = "${berth.core.schedule_interval}", delayed = "${berth.core.schedule_interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void fire() {
        List<ReplicationPolicy> due = QuarkusTransaction.requiringNew()
                .call(() -> ReplicationPolicy.<ReplicationPolicy>list("enabled = true and triggerType = 'scheduled'"));
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        for (ReplicationPolicy policy : due) {
            try {
                Optional<OffsetDateTime> last = Cron.last(policy.cron, now);
                if (last.isEmpty()) {
                    continue;
                }
                OffsetDateTime instant = last.get();
                if (policy.lastFired != null && !instant.isAfter(policy.lastFired)) {
                    continue;
                }
                int claimed = QuarkusTransaction.requiringNew().call(() -> ReplicationPolicy.update(
                        "lastFired = ?1 where id = ?2 and (lastFired is null or lastFired < ?1)", instant, policy.id));
                if (claimed == 1 && configurations.readOnly()) {
                    LOG.infof("replication policy %s scheduled for %s skipped: Berth is in read-only mode (configuration read_only)",
                            policy.name, instant);
                } else if (claimed == 1) {
                    try {
                        long execution = replicator.run(policy, "SCHEDULE", null);
                        LOG.infof("replication policy %s fired for %s: execution %d", policy.name, instant, execution);
                    } catch (RuntimeException e) {
                        // hand the slot back, so that this or another replica fires it at the next tick
                        QuarkusTransaction.requiringNew().call(() -> ReplicationPolicy.update("lastFired = ?1 where id = ?2 and lastFired = ?3",
                                policy.lastFired, policy.id, instant));
                        throw e;
                    }
                }
            } catch (RuntimeException e) {
                LOG.warnf("scheduled replication policy %s: %s", policy.name, e.getMessage());
            }
        }
    }
}
