package io.berth.jobs.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
 *
 * <p>Log lines are stamped when they are written and kept here until the worker saves them with its next heartbeat or
 * with the task's end, in the same statement: a task that takes a millisecond (a webhook delivery) costs no statement
 * of its own per line. A process killed mid-task loses the lines since its last heartbeat.
 */
public final class TaskContext {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z' ").withZone(ZoneOffset.UTC);

    private final StringBuilder pendingLog = new StringBuilder();
    private final AtomicLong bytes = new AtomicLong();
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final Map<String, String> texts = new ConcurrentHashMap<>();
    private final Map<String, List<String>> lists = new ConcurrentHashMap<>();

    TaskContext(JsonNode report) {
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

    /** Adds a line to the task's log (saved with the next heartbeat or the end of the task). */
    public void log(String line) {
        String stamped = STAMP.format(Instant.now()) + line + "\n";
        synchronized (pendingLog) {
            pendingLog.append(stamped);
        }
    }

    /** The lines logged since the last call, to be saved now ("" if none). */
    String drainLog() {
        synchronized (pendingLog) {
            String lines = pendingLog.toString();
            pendingLog.setLength(0);
            return lines;
        }
    }

    /** Puts lines whose saving failed back in front of the ones logged since. */
    void undrain(String lines) {
        synchronized (pendingLog) {
            pendingLog.insert(0, lines);
        }
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
