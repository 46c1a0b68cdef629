package io.berth.core.event;

import io.quarkus.arc.All;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;

/** Starts every {@link StreamGroup} once core is up (after the admin bootstrap), and stops them on shutdown. */
@Singleton
public class RegistryEventGroups {
    private final List<StreamGroup<?>> groups;

    RegistryEventGroups(@All List<StreamGroup<?>> groups) {
        this.groups = groups;
    }

    void start(@Observes @Priority(20) StartupEvent event) {
        groups.forEach(StreamGroup::startReading);
    }

    void stop(@Observes ShutdownEvent event) {
        groups.forEach(StreamGroup::stopReading);
    }
}
