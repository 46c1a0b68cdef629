package io.berth.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.service.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Core V11: the garbage-collection schedule of V9's gc_schedule moves into the per-kind schedule table, keeping its id. */
class ScheduleMigrationTest {
    String db;

    @BeforeEach
    void create() {
        db = PostgresTestDatabase.create();
    }

    @AfterEach
    void drop() {
        PostgresTestDatabase.drop(db);
    }

    @Test
    void theGcScheduleRowMovesIntoTheScheduleTableWithItsIdAndLastSlot() throws Exception {
        flyway("9").migrate();
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO core.gc_schedule (id, type, cron, parameters, last_fired) "
                    + "VALUES (7, 'Custom', '0 30 2 * * 6', '{\"workers\":3}', '2026-12-01T02:30:00Z')");
        }
        flyway("11").migrate();
        try (Connection c = connect(); Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT id, kind, type, cron, parameters->>'workers', last_fired FROM core.schedule");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(7);
            assertThat(rs.getString(2)).isEqualTo("GARBAGE_COLLECTION");
            assertThat(rs.getString(3)).isEqualTo("Custom");
            assertThat(rs.getString(4)).isEqualTo("0 30 2 * * 6");
            assertThat(rs.getString(5)).isEqualTo("3");
            assertThat(rs.getObject(6, java.time.OffsetDateTime.class).toInstant()).isEqualTo(java.time.Instant.parse("2026-12-01T02:30:00Z"));
            assertThat(rs.next()).isFalse();
            ResultSet gone = st.executeQuery("SELECT to_regclass('core.gc_schedule') IS NULL");
            gone.next();
            assertThat(gone.getBoolean(1)).isTrue();
            ResultSet next = st.executeQuery("INSERT INTO core.schedule (kind, type, cron) VALUES ('SCRUB', 'Daily', '0 0 0 * * *') RETURNING id");
            next.next();
            assertThat(next.getLong(1)).isGreaterThan(7);
        }
    }

    @Test
    void withoutAGcScheduleTheTableStartsEmpty() throws Exception {
        flyway("11").migrate();
        try (Connection c = connect(); Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT count(*) FROM core.schedule");
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    private Flyway flyway(String target) {
        return Flyway.configure().dataSource(PostgresTestDatabase.jdbcUrl(db), PostgresTestDatabase.USER, PostgresTestDatabase.PASSWORD)
                .schemas("core").locations("classpath:db/core").target(target).load();
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(PostgresTestDatabase.jdbcUrl(db), PostgresTestDatabase.USER, PostgresTestDatabase.PASSWORD);
    }
}
