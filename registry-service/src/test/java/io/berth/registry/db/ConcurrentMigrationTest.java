package io.berth.registry.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.service.db.SchemaMigrator;
import io.berth.service.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replicas starting at once on an empty database: one applies each migration, none fails. */
class ConcurrentMigrationTest {
    private String db;

    @BeforeEach
    void createDatabase() {
        db = PostgresTestDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        PostgresTestDatabase.drop(db);
    }

    @Test
    void fourReplicasMigratingTogetherApplyEachMigrationOnce() throws Exception {
        String url = PostgresTestDatabase.jdbcUrl(db);
        int replicas = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            Callable<Integer> replica = () -> {
                Flyway flyway = Flyway.configure()
                        .dataSource(url, PostgresTestDatabase.USER, PostgresTestDatabase.PASSWORD)
                        .schemas("registry").createSchemas(true).locations("classpath:db/registry").load();
                try (Connection lock = DriverManager.getConnection(url, PostgresTestDatabase.USER,
                        PostgresTestDatabase.PASSWORD)) {
                    start.await();
                    return SchemaMigrator.migrate(lock, flyway).migrationsExecuted;
                }
            };
            results.add(pool.submit(replica));
        }
        start.countDown();
        int applied = 0;
        for (Future<Integer> r : results) {
            applied += r.get();
        }
        pool.shutdown();

        try (Connection c = DriverManager.getConnection(url, PostgresTestDatabase.USER, PostgresTestDatabase.PASSWORD);
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT count(*), count(DISTINCT version) FROM registry.flyway_schema_history WHERE success AND version IS NOT NULL")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(applied).isEqualTo(rs.getInt(2)).isPositive();
        }
    }

    @Test
    void migratingAnUpToDateSchemaAppliesNothing() throws Exception {
        String url = PostgresTestDatabase.jdbcUrl(db);
        Flyway flyway = Flyway.configure().dataSource(url, PostgresTestDatabase.USER, PostgresTestDatabase.PASSWORD)
                .schemas("registry").locations("classpath:db/registry").load();
        try (Connection lock = DriverManager.getConnection(url, PostgresTestDatabase.USER, PostgresTestDatabase.PASSWORD)) {
            assertThat(SchemaMigrator.migrate(lock, flyway).migrationsExecuted).isPositive();
            assertThat(SchemaMigrator.migrate(lock, flyway).migrationsExecuted).isZero();
        }
    }
}
