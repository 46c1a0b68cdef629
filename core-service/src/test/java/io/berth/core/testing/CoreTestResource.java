package io.berth.core.testing;

import io.berth.service.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * What core-service tests run against: a database of their own on the real PostgreSQL, holding
 * registry-service's and jobservice's schemas too (core reads their documented views, as in
 * production where all share the database), the real Redis, and a token key pair in a directory of their own.
 */
public class CoreTestResource implements QuarkusTestResourceLifecycleManager {
    public static final String ADMIN_PASSWORD = "Harbor12345";
    public static final Path DIR = createDir();
    private static final String REGISTRY_MIGRATIONS = "filesystem:" + Path.of("../registry-service/src/main/resources/db/registry")
            .toAbsolutePath().normalize();
    private static final String JOBS_MIGRATIONS = "filesystem:" + Path.of("../jobservice/src/main/resources/db/jobs")
            .toAbsolutePath().normalize();

    private final PostgresTestDatabase database = new PostgresTestDatabase();

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(database.start());
        String db = config.get("berth.database.url").substring(config.get("berth.database.url").lastIndexOf('/') + 1);
        Flyway.configure().dataSource(PostgresTestDatabase.jdbcUrl(db), PostgresTestDatabase.USER, PostgresTestDatabase.PASSWORD)
                .schemas("registry").locations(REGISTRY_MIGRATIONS).load().migrate();
        Flyway.configure().dataSource(PostgresTestDatabase.jdbcUrl(db), PostgresTestDatabase.USER, PostgresTestDatabase.PASSWORD)
                .schemas("jobs").locations(JOBS_MIGRATIONS).load().migrate();
        config.put("berth.data_dir", DIR.toString());
        config.put("berth.admin_password", ADMIN_PASSWORD);
        config.put("berth.token.private_key", DIR.resolve("token.key").toString());
        config.put("berth.token.certificate", DIR.resolve("token.crt").toString());
        config.put("berth.core.login_failures_per_account", "5");
        // Nothing listens there: these tests see registry-service and jobservice down.
        config.put("berth.registry.url", "http://127.0.0.1:" + unusedPort());
        config.put("berth.jobservice.url", "http://127.0.0.1:" + unusedPort());
        return config;
    }

    @Override
    public void stop() {
        database.stop();
    }

    private static int unusedPort() {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path createDir() {
        try {
            return Files.createTempDirectory("berth-core-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
