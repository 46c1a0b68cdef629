package io.berth.core.user;

import io.berth.common.config.DeploymentConfig;
import io.berth.core.identity.PasswordHasher;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.util.Base64;
import org.jboss.logging.Logger;

/**
 * First start: the {@code admin} system administrator with {@code admin_password} (then
 * {@code project.LibraryBootstrap} adds the public {@code library} project). Later starts change
 * nothing (an operator may have changed the password).
 */
@ApplicationScoped
public class AdminBootstrap {
    /** The advisory lock that serialises replicas starting together; the library's bootstrap takes it too. */
    public static final long LOCK = 7234;
    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    private final DeploymentConfig config;
    private final PasswordHasher hasher;

    AdminBootstrap(DeploymentConfig config, PasswordHasher hasher) {
        this.config = config;
        this.hasher = hasher;
    }

    @Transactional
    void onStart(@Observes @Priority(10) StartupEvent event) {
        // after SchemaMigrator (priority 1); replicas starting together are serialised by the unique username
        User.getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(" + LOCK + ")").getSingleResult();
        if (User.byName("admin") != null) {
            return;
        }
        User admin = new User();
        admin.username = "admin";
        admin.email = "admin@berth.local";
        admin.realname = "system administrator";
        admin.sysadmin = true;
        String password = config.adminPassword().orElseGet(() -> {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "A1";
            LOG.warnf("admin_password is not set: the admin password is %s (change it)", generated);
            return generated;
        });
        admin.passwordHash = hasher.hash(password);
        admin.persist();
        LOG.info("created the admin user");
    }
}
