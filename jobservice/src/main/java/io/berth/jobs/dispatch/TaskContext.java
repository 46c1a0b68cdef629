package io.berth.jobs.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a running task reports: lines of its log, the bytes it moved, and counters (its report), which the
 * worker saves with each heartbeat and at the end. Counters start from what earlier attempts saved.
 */
public final class TaskContext {
    private final TaskStore store;
    private final long taskId;
    private final AtomicLong bytes = new AtomicLong();
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    TaskContext(TaskStore store, long taskId, JsonNode report) {
        this.store = store;
        this.taskId = taskId;
        if (report != null) {
            report.fields().forEachRemaining(e -> {
                if (e.getValue().canConvertToLong()) {
                    counters.put(e.getKey(), new AtomicLong(e.getValue().asLong()));
                }
            });
        }
    }

    public void log(String line) {
        store.log(taskId, line);
    }

    public void addBytes(long n) {
        bytes.addAndGet(n);
    }

    public long bytes() {
        return bytes.get();
    }

    /** Adds {@code n} to the report's counter {@code name}. */
    public void count(String name, long n) {
        counters.computeIfAbsent(name, k -> new AtomicLong()).addAndGet(n);
    }

    public long counter(String name) {
        AtomicLong value = counters.get(name);
        return value == null ? 0 : value.get();
    }

    /** The counters as they are now, by name. */
    public Map<String, Long> report() {
        Map<String, Long> report = new TreeMap<>();
        counters.forEach((k, v) -> report.put(k, v.get()));
        return report;
    }
}
