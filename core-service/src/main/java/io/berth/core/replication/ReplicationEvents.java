package io.berth.core.replication;

import io.berth.core.event.RegistryEventGroup;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Singleton;
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
        super(redis, "core-replication");
        this.replicator = replicator;
    }

    @Override
    protected void handle(List<JsonObject> events) {
        List<ReplicationPolicy> policies = QuarkusTransaction.requiringNew().call(() -> ReplicationPolicy.<ReplicationPolicy>list(
                "enabled = true and triggerType = 'event_based' and srcRegistryId is null"));
        if (policies.isEmpty()) {
            return;
        }
        for (JsonObject e : events) {
            boolean deleted = "DELETE_ARTIFACT".equals(e.getString("type"));
            if (!deleted && !"PUSH_ARTIFACT".equals(e.getString("type"))) {
                continue;
            }
            var tags = e.getJsonArray("tags");
            if (tags == null || tags.isEmpty()) {
                continue; // replication is by tag: untagged pushes (children of an index) travel with their index
            }
            for (ReplicationPolicy policy : policies) {
                if (deleted && !policy.replicateDeletion) {
                    continue;
                }
                for (Object tag : tags) {
                    try {
                        replicator.run(policy, "EVENT", new Replicator.Resource(e.getString("repository"), (String) tag, deleted, e.getString("digest")));
                    } catch (io.berth.core.api.HarborException failure) {
                        if (failure.status() >= 500) {
                            throw failure; // jobservice down or failing: leave the events unacknowledged, to be handled again
                        }
                        LOG.warnf("event-based replication %s of %s:%s: %s", policy.name, e.getString("repository"), tag, failure.getMessage());
                    } catch (RuntimeException failure) {
                        LOG.warnf("event-based replication %s of %s:%s: %s", policy.name, e.getString("repository"), tag, failure.getMessage());
                    }
                }
            }
        }
    }
}
