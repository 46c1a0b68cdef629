package io.berth.jobs.testing;

import io.berth.service.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * What jobservice tests run against: a database of their own on the real PostgreSQL, holding core's
 * schema too (jobservice reads core's registry_view), the real Redis, a secret key and token key
 * pair in a directory of their own, and short timeouts so retries and reclaims happen within a test.
 */
public class JobsTestResource implements QuarkusTestResourceLifecycleManager {
    public static final Path DIR = createDir();
    private static final String CORE_MIGRATIONS = "filesystem:" + Path.of("../core-service/src/main/resources/db/core")
            .toAbsolutePath().normalize();

    private final PostgresTestDatabase database = new PostgresTestDatabase();
    public static String jdbcUrl;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(database.start());
        String db = config.get("berth.database.url").substring(config.get("berth.database.url").lastIndexOf('/') + 1);
        jdbcUrl = PostgresTestDatabase.jdbcUrl(db);
        Flyway.configure().dataSource(jdbcUrl, PostgresTestDatabase.USER, PostgresTestDatabase.PASSWORD)
                .schemas("core").locations(CORE_MIGRATIONS).load().migrate();
        config.put("berth.data_dir", DIR.toString());
        config.put("berth.secret_key_file", DIR.resolve("secret.key").toString());
        config.put("berth.token.private_key", DIR.resolve("token.key").toString());
        config.put("berth.token.certificate", DIR.resolve("token.crt").toString());
        config.put("berth.jobservice.workers", "2");
        config.put("berth.jobservice.visibility_timeout", "4s");
        config.put("berth.jobservice.retry_delay", "1s");
        config.put("berth.jobservice.max_attempts", "5");
        config.put("berth.jobservice.webhook_timeout", "1s");
        config.put("berth.jobservice.webhook_attempts", "3");
        config.put("berth.jobservice.webhook_workers", "6");
        return config;
    }

    @Override
    public void stop() {
        database.stop();
    }

    private static Path createDir() {
        try {
            return Files.createTempDirectory("berth-jobs-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
