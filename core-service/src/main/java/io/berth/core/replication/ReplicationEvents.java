package io.berth.core.replication;

import io.berth.core.event.RegistryEventGroup;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.berth.common.event.RegistryEvent;
import jakarta.inject.Singleton;
import java.util.EnumSet;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Event-based replication: each tagged push (and, where the policy replicates deletions, each
 * delete) starts an execution of every enabled event-based policy for that one artifact, in the
 * consumer group {@code core-replication}. The policy's filters decide in jobservice.
 */
@Singleton
public class ReplicationEvents extends RegistryEventGroup {
    private static final Logger LOG = Logger.getLogger(ReplicationEvents.class);

    private final Replicator replicator;

    ReplicationEvents(RedisDataSource redis, Replicator replicator) {
        super(redis, "core-replication", false, EnumSet.of(RegistryEvent.Type.PUSH_ARTIFACT, RegistryEvent.Type.DELETE_ARTIFACT));
        this.replicator = replicator;
    }

    @Override
    protected void handle(List<RegistryEvent> events) {
        List<ReplicationPolicy> policies = QuarkusTransaction.requiringNew().call(() -> ReplicationPolicy.<ReplicationPolicy>list(
                "enabled = true and triggerType = 'event_based' and srcRegistryId is null"));
        if (policies.isEmpty()) {
            return;
        }
        for (RegistryEvent e : events) {
            boolean deleted = e.type() == RegistryEvent.Type.DELETE_ARTIFACT;
            if (!deleted && e.type() != RegistryEvent.Type.PUSH_ARTIFACT) {
                continue;
            }
            List<String> tags = e.tags();
            if (tags == null || tags.isEmpty()) {
                continue; // replication is by tag: untagged pushes (children of an index) travel with their index
            }
            for (ReplicationPolicy policy : policies) {
                if (deleted && !policy.replicateDeletion) {
                    continue;
                }
                for (String tag : tags) {
                    try {
                        replicator.run(policy, "EVENT", new Replicator.Resource(e.repository(), tag, deleted, e.digest()));
                    } catch (io.berth.common.error.HarborException failure) {
                        if (failure.status() >= 500) {
                            throw failure; // jobservice down or failing: leave the events unacknowledged, to be handled again
                        }
                        LOG.warnf("event-based replication %s of %s:%s: %s", policy.name, e.repository(), tag, failure.getMessage());
                    } catch (RuntimeException failure) {
                        LOG.warnf("event-based replication %s of %s:%s: %s", policy.name, e.repository(), tag, failure.getMessage());
                    }
                }
            }
        }
    }
}
