package io.berth.jobs.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Executions and tasks in schema {@code jobs}: the durable truth of what runs. Every change of a
 * task's state is one guarded UPDATE, so concurrent workers and replicas never both own a task.
 */
@ApplicationScoped
public class TaskStore {
    private final AgroalDataSource db;
    private final ObjectMapper json;

    TaskStore(AgroalDataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    public record NewTask(String kind, JsonNode params) {}

    public record Due(long id, String kind) {}

    /** An execution to record: its vendor, trigger, Harbor's extra attributes (JSON) and its tasks. */
    public record NewExecution(String vendorType, long vendorId, String trigger, JsonNode extraAttrs, List<NewTask> tasks) {}

    /** Records an execution with its tasks, all Pending. */
    public long createExecution(String vendorType, long vendorId, String trigger, List<NewTask> tasks) {
        return createExecutions(List.of(new NewExecution(vendorType, vendorId, trigger, null, tasks))).get(0);
    }

    /**
     * Records executions with their tasks, all Pending, in one transaction; their ids in order. Three round trips
     * whatever the number: the ids are drawn from the sequence at once, then executions and tasks are inserted in batches.
     */
    public List<Long> createExecutions(List<NewExecution> executions) {
        List<Long> ids = new ArrayList<>();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement next = c.prepareStatement("SELECT nextval('jobs.execution_id_seq') FROM generate_series(1, ?)");
                    PreparedStatement execution = c.prepareStatement(
                            "INSERT INTO jobs.execution (id, vendor_type, vendor_id, trigger, extra_attrs) VALUES (?, ?, ?, ?, ?::jsonb)");
                    PreparedStatement task = c.prepareStatement("INSERT INTO jobs.task (execution_id, kind, params) VALUES (?, ?, ?::jsonb)")) {
                next.setInt(1, executions.size());
                try (ResultSet rs = next.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                java.util.Collections.sort(ids);
                for (int i = 0; i < executions.size(); i++) {
                    NewExecution e = executions.get(i);
                    long id = ids.get(i);
                    execution.setLong(1, id);
                    execution.setString(2, e.vendorType());
                    execution.setLong(3, e.vendorId());
                    execution.setString(4, e.trigger());
                    execution.setString(5, e.extraAttrs() == null ? "{}" : json.writeValueAsString(e.extraAttrs()));
                    execution.addBatch();
                    for (NewTask t : e.tasks()) {
                        task.setLong(1, id);
                        task.setString(2, t.kind());
                        task.setString(3, json.writeValueAsString(t.params()));
                        task.addBatch();
                    }
                }
                execution.executeBatch();
                task.executeBatch();
            }
            c.commit();
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot record the execution", e);
        }
        for (int i = 0; i < ids.size(); i++) {
            if (executions.get(i).tasks().isEmpty()) {
                finishIfDone(ids.get(i)); // nothing to run: it ends now
            }
        }
        return ids;
    }

    /** Pending tasks that are due and were not put on their stream lately: marks and returns them (each once across replicas). */
    public List<Due> takeDue(Duration redispatchAfter, int limit) {
        List<Due> due = new ArrayList<>();
        String sql = "UPDATE jobs.task SET dispatched_at = now() WHERE id IN (SELECT id FROM jobs.task WHERE status = 'Pending' "
                + "AND run_after <= now() AND (dispatched_at IS NULL OR dispatched_at < now() - ?::interval) "
                + "AND kind NOT IN (SELECT kind FROM jobs.queue WHERE paused) "
                + "ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING id, kind";
        query(sql, st -> {
            st.setString(1, redispatchAfter.toMillis() + " milliseconds");
            st.setInt(2, limit);
        }, rs -> due.add(new Due(rs.getLong(1), rs.getString(2))));
        return due;
    }

    /**
     * Running tasks whose worker has been silent too long go back to Pending, to be run again — or end
     * (Error once their attempts are spent: a task that kills its process must not do so forever;
     * Stopped when their execution is being stopped). Returns how many were taken back.
     */
    public int reclaimSilent(Duration visibilityTimeout, int maxAttempts) {
        List<Long> executions = new ArrayList<>();
        query("UPDATE jobs.task t SET status = CASE WHEN e.stop_requested THEN 'Stopped' WHEN t.attempts >= ? THEN 'Error' ELSE 'Pending' END, "
                + "status_message = CASE WHEN e.stop_requested THEN 'stopped' WHEN t.attempts >= ? THEN 'its worker went silent on every attempt' "
                + "ELSE t.status_message END, "
                + "end_time = CASE WHEN e.stop_requested OR t.attempts >= ? THEN now() END, "
                + "owner = NULL, dispatched_at = NULL, run_after = now(), "
                + "log = t.log || to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\" ') || 'worker ' || t.owner || ' went silent' || E'\\n', "
                + "update_time = now() FROM jobs.execution e WHERE e.id = t.execution_id AND t.status = 'Running' "
                + "AND t.heartbeat < now() - ?::interval RETURNING t.execution_id", st -> {
                    st.setInt(1, maxAttempts);
                    st.setInt(2, maxAttempts);
                    st.setInt(3, maxAttempts);
                    st.setString(4, visibilityTimeout.toMillis() + " milliseconds");
                }, rs -> executions.add(rs.getLong(1)));
        executions.stream().distinct().forEach(this::finishIfDone);
        return executions.size();
    }

    /** Takes a due Pending task for {@code owner}; empty if another worker has it, it is done, or not due. */
    public Optional<Task> claim(long id, String owner) {
        List<Task> claimed = new ArrayList<>();
        query("UPDATE jobs.task SET status = 'Running', owner = ?, heartbeat = now(), attempts = attempts + 1, "
                + "start_time = coalesce(start_time, now()), update_time = now() "
                + "WHERE id = ? AND status = 'Pending' AND run_after <= now() "
                + "AND NOT (SELECT stop_requested FROM jobs.execution e WHERE e.id = execution_id) "
                + "RETURNING id, execution_id, kind, params::text, attempts, report::text", st -> {
                    st.setString(1, owner);
                    st.setLong(2, id);
                }, rs -> claimed.add(new Task(rs.getLong(1), rs.getLong(2), rs.getString(3), readTree(rs.getString(4)), rs.getInt(5),
                        readTree(rs.getString(6)))));
        return claimed.stream().findFirst();
    }

    /**
     * The worker is alive (saving the log lines written since its last save); false if the task is no longer its own or
     * its execution is being stopped.
     */
    public boolean heartbeat(long id, String owner, long bytes, Map<String, Object> report, String log) {
        List<Boolean> keep = new ArrayList<>();
        query("UPDATE jobs.task t SET heartbeat = now(), bytes = ?, report = ?::jsonb, log = t.log || ?, update_time = now() "
                + "FROM jobs.execution e WHERE t.id = ? AND t.owner = ? AND t.status = 'Running' AND e.id = t.execution_id "
                + "RETURNING NOT e.stop_requested", st -> {
                    st.setLong(1, bytes);
                    st.setString(2, json(report));
                    st.setString(3, log);
                    st.setLong(4, id);
                    st.setString(5, owner);
                }, rs -> keep.add(rs.getBoolean(1)));
        return !keep.isEmpty() && keep.get(0);
    }

    /**
     * Ends a task the owner ran, with the log lines not saved yet, and its execution if nothing is left to run: one round
     * trip and one commit (pgjdbc sends the three statements with one Sync: one implicit transaction). The execution's
     * row is locked first, so that of two tasks of one execution ending at once the second waits, then sees the first's
     * end and ends the execution (READ COMMITTED: each statement sees what committed before it began).
     */
    public void finish(Task task, String owner, String status, String message, long bytes, Map<String, Object> report, String log) {
        execute("SELECT 1 FROM jobs.execution WHERE id = ? FOR UPDATE; "
                + "UPDATE jobs.task SET status = ?, status_message = ?, bytes = ?, report = ?::jsonb, log = log || ?, owner = NULL, "
                + "end_time = now(), update_time = now() WHERE id = ? AND owner = ? AND status = 'Running'; "
                + FINISH_IF_DONE, st -> {
                    st.setLong(1, task.executionId());
                    st.setString(2, status);
                    st.setString(3, message);
                    st.setLong(4, bytes);
                    st.setString(5, json(report));
                    st.setString(6, log);
                    st.setLong(7, task.id());
                    st.setString(8, owner);
                    st.setLong(9, task.executionId());
                });
    }

    /** Puts a failed task back to Pending, to run again after {@code delay} (or ends it as Stopped if its execution is being stopped). */
    public void retryLater(Task task, String owner, String message, Duration delay, long bytes, Map<String, Object> report, String log) {
        update("UPDATE jobs.task t SET status = CASE WHEN e.stop_requested THEN 'Stopped' ELSE 'Pending' END, status_message = ?, "
                + "bytes = ?, report = ?::jsonb, log = t.log || ?, owner = NULL, dispatched_at = NULL, run_after = now() + ?::interval, "
                + "update_time = now(), end_time = CASE WHEN e.stop_requested THEN now() END "
                + "FROM jobs.execution e WHERE e.id = t.execution_id AND t.id = ? AND t.owner = ? AND t.status = 'Running'", st -> {
                    st.setString(1, message);
                    st.setLong(2, bytes);
                    st.setString(3, json(report));
                    st.setString(4, log);
                    st.setString(5, delay.toMillis() + " milliseconds");
                    st.setLong(6, task.id());
                    st.setString(7, owner);
                });
        finishIfDone(task.executionId());
    }

    /**
     * Gives back a task its owner may not run yet: Pending again, the attempt not counted, nothing logged, and marked
     * dispatched now, since the caller puts it back on its stream itself after a short deferral (should it die first,
     * the dispatcher does after the visibility timeout).
     */
    public void putBack(Task task, String owner) {
        update("UPDATE jobs.task SET status = 'Pending', attempts = attempts - 1, owner = NULL, dispatched_at = now(), run_after = now() "
                + "WHERE id = ? AND owner = ? AND status = 'Running'", st -> {
                    st.setLong(1, task.id());
                    st.setString(2, owner);
                });
    }

    /** Asks an execution to stop: its Pending tasks are Stopped at once, Running ones at their worker's next heartbeat. */
    public boolean stop(long executionId) {
        int found = update("UPDATE jobs.execution SET stop_requested = true WHERE id = ?", st -> st.setLong(1, executionId));
        update("UPDATE jobs.task SET status = 'Stopped', end_time = now(), update_time = now() WHERE execution_id = ? AND status = 'Pending'",
                st -> st.setLong(1, executionId));
        finishIfDone(executionId);
        return found > 0;
    }

    /** Pauses or resumes dispatching a kind's tasks (running ones go on). */
    public void pause(String kind, boolean paused) {
        update("INSERT INTO jobs.queue (kind, paused) VALUES (?, ?) ON CONFLICT (kind) DO UPDATE SET paused = EXCLUDED.paused", st -> {
            st.setString(1, kind);
            st.setBoolean(2, paused);
        });
    }

    /** Stops every pending task of a kind, and ends the executions left with nothing to run. */
    public int stopPending(String kind) {
        List<Long> executions = new ArrayList<>();
        query("UPDATE jobs.task SET status = 'Stopped', end_time = now(), update_time = now() WHERE kind = ? AND status = 'Pending' "
                + "RETURNING execution_id", st -> st.setString(1, kind), rs -> executions.add(rs.getLong(1)));
        executions.stream().distinct().forEach(this::finishIfDone);
        return executions.size();
    }

    /** This process is alive and runs {@code kinds} with {@code concurrency} workers each. */
    public void poolHeartbeat(String id, String host, long pid, String kinds, int concurrency) {
        update("INSERT INTO jobs.worker_pool (id, host, pid, kinds, concurrency) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT (id) DO UPDATE SET heartbeat_at = now(), kinds = EXCLUDED.kinds, concurrency = EXCLUDED.concurrency", st -> {
                    st.setString(1, id);
                    st.setString(2, host);
                    st.setLong(3, pid);
                    st.setString(4, kinds);
                    st.setInt(5, concurrency);
                });
    }

    public void poolGone(String id) {
        update("DELETE FROM jobs.worker_pool WHERE id = ?", st -> st.setString(1, id));
    }

    /**
     * The kinds of execution whose end is an event, relayed by {@link ExecutionEndRelay}: a replication's and a scan's on
     * the stream of {@link io.berth.common.event.ExecutionEvent}, a retention run's as {@code TAG_RETENTION}
     * ({@link ExecutionEnded} observers).
     */
    static final String KINDS_WITH_END_EVENT = "('" + String.join("', '", io.berth.common.event.ExecutionEvent.ON_STREAM) + "', '"
            + io.berth.common.job.RetentionRequest.KIND + "')";

    /**
     * Ends execution {@code ?} if it has nothing left to run: Error if a task failed, Stopped if stopped, else Success; and
     * marks its end event due when its kind has one.
     */
    private static final String FINISH_IF_DONE = "UPDATE jobs.execution e SET end_time = now(), "
            + "end_event_pending = e.vendor_type IN " + KINDS_WITH_END_EVENT + ", status = CASE "
            + "WHEN EXISTS (SELECT 1 FROM jobs.task t WHERE t.execution_id = e.id AND t.status = 'Error') THEN 'Error' "
            + "WHEN e.stop_requested THEN 'Stopped' ELSE 'Success' END "
            + "WHERE e.id = ? AND e.status = 'Running' "
            + "AND NOT EXISTS (SELECT 1 FROM jobs.task t WHERE t.execution_id = e.id AND t.status IN ('Pending', 'Running'))";

    private void finishIfDone(long executionId) {
        update(FINISH_IF_DONE, st -> st.setLong(1, executionId));
    }

    private String json(Map<String, Object> report) throws SQLException {
        try {
            return json.writeValueAsString(report);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("a report that is not JSON", e);
        }
    }

    private JsonNode readTree(String text) throws SQLException {
        try {
            return json.readTree(text);
        } catch (java.io.IOException e) {
            throw new SQLException("task params are not JSON", e);
        }
    }

    interface Binder {
        void bind(PreparedStatement st) throws SQLException;
    }

    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, Binder binder, RowReader reader) {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            binder.bind(st);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private int update(String sql, Binder binder) {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            binder.bind(st);
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Runs statements that may return rows (ignored), in one round trip. */
    private void execute(String sql, Binder binder) {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            binder.bind(st);
            st.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
