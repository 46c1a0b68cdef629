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
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

/**
 * Brings the service's schema up to date at start-up. Replicas starting together take turns on a
 * PostgreSQL advisory lock, so exactly one applies each migration and the others find it done.
 * The service reports ready only once this has finished ({@link SchemaReadiness}).
 */
@ApplicationScoped
public class SchemaMigrator {
    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class);
    /** Any constant works; it only has to be the same for every replica of every service. */
    static final long MIGRATION_LOCK = 0x6265727468L; // "berth"

    private final Flyway flyway;
    private final AgroalDataSource dataSource;
    private final String databaseUrl;
    private volatile boolean done;

    SchemaMigrator(Flyway flyway, AgroalDataSource dataSource,
            @ConfigProperty(name = "berth.database.url") String databaseUrl) {
        this.flyway = flyway;
        this.dataSource = dataSource;
        this.databaseUrl = databaseUrl;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        Connection lockHolder;
        try {
            lockHolder = dataSource.getConnection();
        } catch (SQLException e) {
            throw new StartupFailure("berth.database.url: cannot connect to PostgreSQL at " + databaseUrl
                    + ": " + rootMessage(e));
        }
        try (lockHolder) {
            MigrateResult result = migrate(lockHolder, flyway);
            var current = flyway.info().current();
            LOG.infof("schema %s at version %s (%d migrations applied now)",
                    String.join(",", flyway.getConfiguration().getSchemas()),
                    current == null ? "none" : current.getVersion(), result.migrationsExecuted);
            done = true;
        } catch (SQLException e) {
            throw new StartupFailure("berth.database.url: schema migration failed: " + rootMessage(e));
        }
    }

    public boolean done() {
        return done;
    }

    /** Runs {@code flyway} while {@code lockHolder}'s session holds the migration lock. */
    public static MigrateResult migrate(Connection lockHolder, Flyway flyway) throws SQLException {
        try (Statement st = lockHolder.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + MIGRATION_LOCK + ")");
            try {
                return flyway.migrate();
            } finally {
                st.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")");
            }
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
