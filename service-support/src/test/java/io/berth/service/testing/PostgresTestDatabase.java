package io.berth.service.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * Gives a test class a database of its own on the real PostgreSQL at 127.0.0.1:5432 (override with
 * BERTH_TEST_PG_HOST/PORT/USER/PASSWORD), and drops it afterwards.
 */
public class PostgresTestDatabase implements QuarkusTestResourceLifecycleManager {
    public static final String HOST = env("BERTH_TEST_PG_HOST", "127.0.0.1");
    public static final String PORT = env("BERTH_TEST_PG_PORT", "5432");
    public static final String USER = env("BERTH_TEST_PG_USER", "postgres");
    public static final String PASSWORD = env("BERTH_TEST_PG_PASSWORD", "postgres");

    private String name;

    @Override
    public Map<String, String> start() {
        name = create();
        return Map.of(
                "berth.database.url", "postgresql://" + HOST + ":" + PORT + "/" + name,
                "berth.database.user", USER,
                "berth.database.password", PASSWORD);
    }

    @Override
    public void stop() {
        drop(name);
    }

    /** Creates an empty database with a unique name and returns the name. */
    public static String create() {
        String db = "berth_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + db);
        return db;
    }

    public static void drop(String db) {
        if (db != null) {
            admin("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        }
    }

    public static String jdbcUrl(String db) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + db;
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
                Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for tests at " + HOST + ":" + PORT + ": " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
