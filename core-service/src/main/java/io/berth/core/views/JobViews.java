package io.berth.core.views;

import static io.berth.core.api.SqlValues.number;
import static io.berth.core.api.SqlValues.time;

import io.berth.core.api.Paging;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads jobservice's documented views ({@code jobs.execution_view}, {@code task_view},
 * {@code queue_view}, {@code pool_view}, {@code worker_view}): the one class in core with SQL on the
 * {@code jobs} schema. Read only: every change goes through jobservice's API.
 */
@ApplicationScoped
public class JobViews {
    private final ViewReader db;

    JobViews(EntityManager em) {
        this.db = new ViewReader(em);
    }

    /** An execution with its tasks counted by state. */
    public record ExecutionRow(long id, long vendorId, String status, String statusMessage, String trigger, OffsetDateTime startTime,
            OffsetDateTime endTime, long total, long failed, long succeed, long pending, long running, long stopped, long bytes,
            String extraAttrs) {}

    /** A task; {@code params} and {@code report} are its JSON. */
    public record TaskRow(long id, long executionId, String params, String status, String statusMessage, int attempts, long bytes,
            OffsetDateTime startTime, OffsetDateTime endTime, String report) {}

    /** A job kind's queue, named as Harbor's job service dashboard names it: pending tasks, latency in seconds. */
    public record Queue(String jobType, long count, long latency, boolean paused) {}

    /** A worker pool (a jobservice process), named as Harbor's dashboard names it. */
    public record Pool(String workerPoolId, long pid, String host, String jobTypes, int concurrency, OffsetDateTime startAt,
            OffsetDateTime heartbeatAt) {}

    /** A worker running a task now, named as Harbor's dashboard names it; {@code jobId} (the task) is a string there. */
    public record Worker(String id, String poolId, String jobName, String jobId, long executionId, OffsetDateTime startAt,
            OffsetDateTime checkinAt) {}

    /** A task's log; {@code text} may be null. */
    public record Log(String text) {}

    /** Which executions of a vendor type: one vendor (a policy) and a status and trigger as jobservice writes them, each if given. */
    public record ExecutionFilter(String vendorType, Long vendorId, String status, String trigger) {}

    public long countExecutions(ExecutionFilter filter) {
        Map<String, Object> params = new HashMap<>();
        return db.scalar("SELECT count(*) FROM jobs.execution_view WHERE " + where(filter, params), params);
    }

    /** Newest first. */
    public List<ExecutionRow> executions(ExecutionFilter filter, Paging paging) {
        Map<String, Object> params = new HashMap<>();
        return db.tuples("SELECT * FROM jobs.execution_view WHERE " + where(filter, params) + " ORDER BY id DESC", params, paging).stream()
                .map(JobViews::execution).toList();
    }

    /** The execution of that vendor type, or null. */
    public ExecutionRow execution(String vendorType, long id) {
        return db.tuples("SELECT * FROM jobs.execution_view WHERE id = :id AND vendor_type = :type", Map.of("id", id, "type", vendorType), null)
                .stream().map(JobViews::execution).findFirst().orElse(null);
    }

    public long countTasks(long executionId, String status) {
        Map<String, Object> params = new HashMap<>();
        return db.scalar("SELECT count(*) FROM jobs.task_view WHERE " + taskWhere(executionId, status, params), params);
    }

    /** In the order they were planned. */
    public List<TaskRow> tasks(long executionId, String status, Paging paging) {
        Map<String, Object> params = new HashMap<>();
        return db.tuples("SELECT id, execution_id, params::text AS params, status, status_message, attempts, bytes, start_time, end_time, "
                + "report::text AS report FROM jobs.task_view WHERE " + taskWhere(executionId, status, params) + " ORDER BY id", params, paging).stream()
                .map(t -> new TaskRow(number(t.get("id")), number(t.get("execution_id")), (String) t.get("params"), (String) t.get("status"),
                        (String) t.get("status_message"), ((Number) t.get("attempts")).intValue(), number(t.get("bytes")),
                        time(t.get("start_time")), time(t.get("end_time")), (String) t.get("report"))).toList();
    }

    /** The log of a task (of that execution, if given), or null if there is no such task. */
    public Log log(long taskId, Long executionId) {
        Map<String, Object> params = new HashMap<>(Map.of("id", taskId));
        String where = "id = :id";
        if (executionId != null) {
            where += " AND execution_id = :execution";
            params.put("execution", executionId);
        }
        return db.tuples("SELECT log FROM jobs.task_view WHERE " + where, params, null).stream().map(t -> new Log((String) t.get(0)))
                .findFirst().orElse(null);
    }

    /** The first task of an execution (a garbage collection has one): its parameters, report and state, as JSON and text. */
    public record FirstTask(String params, String report, String status, String log) {}

    public FirstTask firstTask(long executionId) {
        return db.tuples("SELECT params::text, report::text, status, log FROM jobs.task_view WHERE execution_id = :id ORDER BY id LIMIT 1",
                Map.of("id", executionId), null).stream()
                .map(t -> new FirstTask((String) t.get(0), (String) t.get(1), (String) t.get(2), (String) t.get(3))).findFirst().orElse(null);
    }

    /** The state of a {@code SCAN} task, found by the report it makes. */
    public record ScanTask(String reportId, String status, String statusMessage, OffsetDateTime startTime, OffsetDateTime endTime) {}

    /** The SCAN tasks of these executions, by the report each makes. */
    public Map<String, ScanTask> scanTasks(java.util.Collection<Long> executionIds) {
        if (executionIds.isEmpty()) {
            return Map.of();
        }
        Map<String, ScanTask> tasks = new HashMap<>();
        db.tuples("SELECT params ->> 'report_id', status, status_message, start_time, end_time FROM jobs.task_view "
                + "WHERE execution_id IN (:ids) AND kind = 'SCAN'", Map.of("ids", executionIds), null)
                .forEach(t -> tasks.put((String) t.get(0), new ScanTask((String) t.get(0), (String) t.get(1), (String) t.get(2),
                        time(t.get(3)), time(t.get(4)))));
        return tasks;
    }

    /** The log of the SCAN task of {@code execution} that makes report {@code reportId}, or null. */
    public Log scanLog(long executionId, String reportId) {
        return db.tuples("SELECT log FROM jobs.task_view WHERE execution_id = :id AND kind = 'SCAN' AND params ->> 'report_id' = :report",
                Map.of("id", executionId, "report", reportId), null).stream().map(t -> new Log((String) t.get(0))).findFirst().orElse(null);
    }

    /** When a webhook policy last sent an event type. */
    public record LastTrigger(long policyId, String eventType, OffsetDateTime time) {}

    /** The last execution of each of these webhook policies per event type. */
    public List<LastTrigger> lastWebhookTriggers(List<Long> policyIds) {
        if (policyIds.isEmpty()) {
            return List.of();
        }
        return db.tuples("SELECT vendor_id, extra_attrs ->> 'event_type' AS event_type, max(start_time) AS at FROM jobs.execution_view "
                + "WHERE vendor_type = 'WEBHOOK' AND vendor_id IN (:ids) GROUP BY 1, 2", Map.of("ids", policyIds), null).stream()
                .map(t -> new LastTrigger(number(t.get(0)), (String) t.get(1), time(t.get(2)))).toList();
    }

    /** Every job kind's queue, by kind. */
    public List<Queue> queues() {
        return db.tuples("SELECT kind, pending, latency_seconds, paused FROM jobs.queue_view ORDER BY kind", Map.of(), null).stream()
                .map(t -> new Queue((String) t.get(0), number(t.get(1)), number(t.get(2)), (Boolean) t.get(3))).toList();
    }

    /** The job kinds that have a queue or tasks, or that a running pool takes. */
    public Set<String> kinds() {
        Set<String> kinds = new TreeSet<>();
        db.tuples("SELECT kind FROM jobs.queue_view", Map.of(), null).forEach(t -> kinds.add((String) t.get(0)));
        db.tuples("SELECT kinds FROM jobs.pool_view", Map.of(), null).forEach(t -> Arrays.stream(((String) t.get(0)).split(","))
                .map(String::trim).filter(k -> !k.isEmpty()).forEach(kinds::add));
        return kinds;
    }

    /** The running worker pools (jobservice processes), oldest first. */
    public List<Pool> pools() {
        return db.tuples("SELECT id, pid, host, kinds, concurrency, started_at, heartbeat_at FROM jobs.pool_view ORDER BY started_at",
                Map.of(), null).stream().map(t -> new Pool((String) t.get(0), number(t.get(1)), (String) t.get(2), (String) t.get(3),
                        ((Number) t.get(4)).intValue(), time(t.get(5)), time(t.get(6)))).toList();
    }

    public boolean poolExists(String id) {
        return !db.tuples("SELECT id FROM jobs.pool_view WHERE id = :id", Map.of("id", id), null).isEmpty();
    }

    /** The workers running a task now, of one pool or (null) of every pool, by id. */
    public List<Worker> workers(String poolId) {
        String columns = "SELECT id, pool_id, kind, task_id, execution_id, start_time, heartbeat FROM jobs.worker_view";
        List<Tuple> rows = poolId == null ? db.tuples(columns + " ORDER BY id", Map.of(), null)
                : db.tuples(columns + " WHERE pool_id = :pool ORDER BY id", Map.of("pool", poolId), null);
        return rows.stream().map(t -> new Worker((String) t.get(0), (String) t.get(1), (String) t.get(2), Long.toString(number(t.get(3))),
                number(t.get(4)), time(t.get(5)), time(t.get(6)))).toList();
    }

    private static String where(ExecutionFilter filter, Map<String, Object> params) {
        StringBuilder where = new StringBuilder("vendor_type = :type");
        params.put("type", filter.vendorType());
        if (filter.vendorId() != null) {
            where.append(" AND vendor_id = :vendor");
            params.put("vendor", filter.vendorId());
        }
        if (filter.status() != null) {
            where.append(" AND status = :status");
            params.put("status", filter.status());
        }
        if (filter.trigger() != null) {
            where.append(" AND trigger = :trigger");
            params.put("trigger", filter.trigger());
        }
        return where.toString();
    }

    private static String taskWhere(long executionId, String status, Map<String, Object> params) {
        params.put("id", executionId);
        if (status == null) {
            return "execution_id = :id";
        }
        params.put("status", status);
        return "execution_id = :id AND status = :status";
    }

    private static ExecutionRow execution(Tuple t) {
        return new ExecutionRow(number(t.get("id")), number(t.get("vendor_id")), (String) t.get("status"), (String) t.get("status_message"),
                (String) t.get("trigger"), time(t.get("start_time")), time(t.get("end_time")), number(t.get("total")),
                number(t.get("failed")), number(t.get("succeed")), number(t.get("pending")), number(t.get("running")),
                number(t.get("stopped")), number(t.get("bytes")), t.get("extra_attrs") == null ? "{}" : t.get("extra_attrs").toString());
    }
}
