package io.berth.core.event;

import io.quarkus.arc.All;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;

/** Starts every {@link RegistryEventGroup} once core is up (after the admin bootstrap), and stops them on shutdown. */
@Singleton
public class RegistryEventGroups {
    private final List<RegistryEventGroup> groups;

    RegistryEventGroups(@All List<RegistryEventGroup> groups) {
        this.groups = groups;
    }

    void start(@Observes @Priority(20) StartupEvent event) {
        groups.forEach(RegistryEventGroup::startReading);
    }

    void stop(@Observes ShutdownEvent event) {
        groups.forEach(RegistryEventGroup::stopReading);
    }
}
