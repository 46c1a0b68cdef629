package io.berth.jobs.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a running task reports: lines of its log, the bytes it moved, and its report — counters, and text values
 * and lists (e.g. a cursor to resume from, digests found) — which the worker saves with each heartbeat and at the
 * end. The report starts from what earlier attempts saved.
 */
public final class TaskContext {
    private final TaskStore store;
    private final long taskId;
    private final AtomicLong bytes = new AtomicLong();
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final Map<String, String> texts = new ConcurrentHashMap<>();
    private final Map<String, List<String>> lists = new ConcurrentHashMap<>();

    TaskContext(TaskStore store, long taskId, JsonNode report) {
        this.store = store;
        this.taskId = taskId;
        if (report != null) {
            report.fields().forEachRemaining(e -> {
                if (e.getValue().canConvertToLong()) {
                    counters.put(e.getKey(), new AtomicLong(e.getValue().asLong()));
                } else if (e.getValue().isTextual()) {
                    texts.put(e.getKey(), e.getValue().asText());
                } else if (e.getValue().isArray()) {
                    List<String> list = new CopyOnWriteArrayList<>();
                    e.getValue().forEach(item -> list.add(item.asText()));
                    lists.put(e.getKey(), list);
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

    /** Sets the report's text value {@code name} (null removes it). */
    public void text(String name, String value) {
        if (value == null) {
            texts.remove(name);
        } else {
            texts.put(name, value);
        }
    }

    /** The report's text value {@code name}, or null. */
    public String text(String name) {
        return texts.get(name);
    }

    /** Adds {@code value} to the report's list {@code name}. */
    public void append(String name, String value) {
        lists.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>()).add(value);
    }

    /** The report's list {@code name} (empty if none). */
    public List<String> list(String name) {
        return List.copyOf(lists.getOrDefault(name, List.of()));
    }

    /** The report as it is now, by name: counters (numbers), text values and lists. */
    public Map<String, Object> report() {
        Map<String, Object> report = new TreeMap<>();
        counters.forEach((k, v) -> report.put(k, v.get()));
        report.putAll(texts);
        lists.forEach((k, v) -> report.put(k, List.copyOf(v)));
        return report;
    }
}
