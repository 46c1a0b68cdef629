package io.berth.service.db;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Brings the service's schema up to date before it serves anything. Replicas starting together
 * take turns on a PostgreSQL advisory lock, so exactly one applies each migration and the others
 * find it done.
 */
@ApplicationScoped
public class SchemaMigrator {
    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class);
    /** Any constant works; it only has to be the same for every replica of every service. */
    private static final long MIGRATION_LOCK = 0x6265727468L; // "berth"

    private final Flyway flyway;
    private final AgroalDataSource dataSource;
    private final String databaseUrl;

    SchemaMigrator(Flyway flyway, AgroalDataSource dataSource,
            @ConfigProperty(name = "berth.database.url") String databaseUrl) {
        this.flyway = flyway;
        this.dataSource = dataSource;
        this.databaseUrl = databaseUrl;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        migrate();
    }

    public void migrate() {
        try (Connection lockHolder = connect(); Statement st = lockHolder.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + MIGRATION_LOCK + ")");
            try {
                var result = flyway.migrate();
                LOG.infof("schema %s at version %s (%d migrations applied now)",
                        String.join(",", flyway.getConfiguration().getSchemas()),
                        result.targetSchemaVersion == null ? "none" : result.targetSchemaVersion,
                        result.migrationsExecuted);
            } finally {
                st.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("schema migration failed: " + e.getMessage(), e);
        }
    }

    private Connection connect() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new StartupFailure("berth.database.url: cannot connect to PostgreSQL at " + databaseUrl
                    + ": " + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
