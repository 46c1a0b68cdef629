package io.berth.jobs.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.service.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** An execution and its (first) task as jobservice recorded them in the test database, and waiting for a status. */
public final class Executions {
    private Executions() {}

    public static void awaitStatus(long id, String status) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(execution(id).get("status")).as(() -> row(id)).isEqualTo(status));
    }

    public static String row(long id) {
        try {
            return task(id).toString();
        } catch (Exception e) {
            return e.toString();
        }
    }

    public static Map<String, Object> execution(long id) throws Exception {
        return one("SELECT * FROM jobs.execution_view WHERE id = ?", id);
    }

    public static Map<String, Object> task(long execution) throws Exception {
        return one("SELECT status, attempts, log, report::text AS report FROM jobs.task_view WHERE execution_id = ?", execution);
    }

    public static Map<String, Object> one(String sql, long id) throws Exception {
        try (Connection c = DriverManager.getConnection(JobsTestResource.jdbcUrl, PostgresTestDatabase.USER, PostgresTestDatabase.PASSWORD);
                PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, id);
            ResultSet rs = st.executeQuery();
            rs.next();
            Map<String, Object> row = new HashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
            }
            return row;
        }
    }
}
