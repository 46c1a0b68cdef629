package io.berth.jobs.dispatch;

import java.util.concurrent.atomic.AtomicLong;

/** What a running task reports: lines of its log and the bytes it moved. */
public final class TaskContext {
    private final TaskStore store;
    private final long taskId;
    private final AtomicLong bytes = new AtomicLong();

    TaskContext(TaskStore store, long taskId) {
        this.store = store;
        this.taskId = taskId;
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
}
