package io.berth.jobs.dispatch;

import io.berth.common.config.JobserviceConfig;

/** Runs the tasks of one kind. Implementations are CDI beans; a task may run more than once, so running must be idempotent. */
public interface TaskRunner {

    /** The kind this runner takes, e.g. {@code REPLICATION}. */
    String kind();

    /** Runs one task; throwing fails the attempt (retried if {@link #retryable} says so and attempts are left). */
    void run(Task task, TaskContext context) throws Exception;

    /** Worker threads of this kind in each process: {@code jobservice.workers} unless the kind needs others. */
    default int workers(JobserviceConfig config) {
        return config.workers();
    }

    /** How many times a task of this kind is tried before it is Error. */
    default int maxAttempts(JobserviceConfig config) {
        return config.maxAttempts();
    }

    /**
     * Whether this process may run the task now; if not, the task goes back to Pending without counting an attempt
     * and runs a moment later (a kind that bounds how many tasks of one owner run at once). A true answer is paired
     * with one {@link #release} once the task has run.
     */
    default boolean tryAcquire(Task task) {
        return true;
    }

    default void release(Task task) {}

    /**
     * The owner whose concurrency {@link #tryAcquire} bounds (a webhook policy), or null: a task refused for want of a
     * slot is put back on its stream as soon as a task of the same owner ends.
     */
    default Object concurrencyKey(Task task) {
        return null;
    }

    /** Whether trying again may help: by default every failure but a stop. */
    default boolean retryable(Exception failure) {
        return !(failure instanceof InterruptedException) && !(failure instanceof java.io.InterruptedIOException);
    }
}
