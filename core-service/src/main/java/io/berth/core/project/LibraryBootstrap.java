package io.berth.core.project;

import io.berth.core.user.AdminBootstrap;
import io.berth.core.user.User;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.util.Map;
import org.jboss.logging.Logger;

/** First start, right after {@link AdminBootstrap}: the public {@code library} project, owned by admin. Later starts change nothing. */
@ApplicationScoped
public class LibraryBootstrap {
    private static final Logger LOG = Logger.getLogger(LibraryBootstrap.class);

    private final ProjectService projects;

    LibraryBootstrap(ProjectService projects) {
        this.projects = projects;
    }

    @Transactional
    void onStart(@Observes @Priority(11) StartupEvent event) {
        Project.getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(" + AdminBootstrap.LOCK + ")").getSingleResult();
        if (projects.byName("library") == null) {
            projects.create("library", true, User.byName("admin"), Map.of());
            LOG.info("created the public project library");
        }
    }
}
