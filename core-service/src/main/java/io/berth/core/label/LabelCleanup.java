package io.berth.core.label;

import io.berth.core.event.RegistryEventGroup;
import io.berth.core.views.RegistryViews;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.berth.common.event.RegistryEvent;
import jakarta.inject.Singleton;
import java.util.EnumSet;
import java.util.List;

/**
 * Takes the labels off an artifact once registry-service has deleted it (consumer group
 * {@code core-labels}): the same digest pushed again later starts without labels, as in Harbor.
 * A deleted tag leaves the artifact, and its labels, in place; so does an artifact pushed again
 * before the event is handled.
 */
@Singleton
public class LabelCleanup extends RegistryEventGroup {
    private final RegistryViews registry;
    private final ArtifactLabels labels;

    LabelCleanup(RedisDataSource redis, RegistryViews registry, ArtifactLabels labels) {
        // from now: deletions from before labels existed took no label with them
        super(redis, "core-labels", true, EnumSet.of(RegistryEvent.Type.DELETE_ARTIFACT));
        this.registry = registry;
        this.labels = labels;
    }

    @Override
    protected void handle(List<RegistryEvent> events) {
        List<RegistryEvent> deleted = events.stream().filter(e -> e.type() == RegistryEvent.Type.DELETE_ARTIFACT).toList();
        if (deleted.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            for (RegistryEvent e : deleted) {
                if (!registry.holds(e.repository(), e.digest())) {
                    labels.removeAll(e.repository(), e.digest());
                }
            }
        });
    }
}
