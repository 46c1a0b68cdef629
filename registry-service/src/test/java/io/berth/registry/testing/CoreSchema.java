package io.berth.registry.testing;

import io.berth.service.testing.PostgresTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;

/**
 * core-service's schema in the test database, for registry tests of what registry-service reads from core's views
 * (immutable tag rules, quotas): core's own migrations (db/core, read from core-service's sources), run as core runs
 * them at start, and projects with their quota rows as core's API writes them.
 */
public final class CoreSchema {
    private static volatile boolean migrated;

    private CoreSchema() {}

    public static String jdbcUrl() {
        return "jdbc:" + ConfigProvider.getConfig().getValue("berth.database.url", String.class);
    }

    public static Connection connect() throws Exception {
        return DriverManager.getConnection(jdbcUrl(), PostgresTestDatabase.USER, PostgresTestDatabase.PASSWORD);
    }

    /** Runs core-service's migrations once (Flyway finds them applied if another test class ran them on this database). */
    public static synchronized void migrate() {
        if (migrated) {
            return;
        }
        Flyway.configure().dataSource(jdbcUrl(), PostgresTestDatabase.USER, PostgresTestDatabase.PASSWORD).schemas("core")
                .createSchemas(true).locations("filesystem:" + migrations()).load().migrate();
        migrated = true;
    }

    /** Creates a project in core (migrated first) with its storage hard limit in bytes (-1 unlimited), as core's API does. */
    public static void project(String name, long hardStorage) throws Exception {
        migrate();
        try (Connection c = connect(); PreparedStatement st = c.prepareStatement("WITH p AS (INSERT INTO core.project (name) VALUES (?) "
                + "RETURNING id) INSERT INTO core.quota (project_id, hard_storage) SELECT id, ? FROM p")) {
            st.setString(1, name);
            st.setLong(2, hardStorage);
            st.executeUpdate();
        }
    }

    /** Changes a project's storage hard limit, as {@code PUT /api/v2.0/quotas/{id}} does. */
    public static void hardStorage(String project, long hardStorage) throws Exception {
        try (Connection c = connect(); PreparedStatement st = c.prepareStatement("UPDATE core.quota SET hard_storage = ?, update_time = now() "
                + "WHERE project_id = (SELECT id FROM core.project WHERE name = ?)")) {
            st.setLong(1, hardStorage);
            st.setString(2, project);
            if (st.executeUpdate() != 1) {
                throw new IllegalStateException("no quota for project " + project);
            }
        }
    }

    /** core-service's migrations, found from whichever directory of the build the test runs in. */
    static Path migrations() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path migrations = dir.resolve("core-service/src/main/resources/db/core");
            if (Files.isDirectory(migrations)) {
                return migrations;
            }
        }
        throw new IllegalStateException("core-service/src/main/resources/db/core not found above " + Path.of("").toAbsolutePath());
    }
}
