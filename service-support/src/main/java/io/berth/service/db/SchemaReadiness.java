package io.berth.service.db;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready before the schema migrations have run: the HTTP port opens before start-up ends. */
@Readiness
@ApplicationScoped
public class SchemaReadiness implements HealthCheck {
    private final SchemaMigrator migrator;

    SchemaReadiness(SchemaMigrator migrator) {
        this.migrator = migrator;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("database-schema").status(migrator.done()).build();
    }
}
