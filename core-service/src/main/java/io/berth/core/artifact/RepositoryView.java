package io.berth.core.artifact;

import io.berth.core.views.RegistryViews;
import java.time.OffsetDateTime;

/** Harbor's Repository: {@code name} is the full name, project included. */
public record RepositoryView(long id, long projectId, String name, String description, long artifactCount, long pullCount,
        OffsetDateTime creationTime, OffsetDateTime updateTime) {

    static RepositoryView of(RegistryViews.RepositoryRow r) {
        return new RepositoryView(r.id(), r.projectId(), r.name(), null, r.artifactCount(), r.pullCount(), r.creationTime(), r.updateTime());
    }
}
