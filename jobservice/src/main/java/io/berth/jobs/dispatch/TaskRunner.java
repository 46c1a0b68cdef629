package io.berth.jobs.dispatch;

/** Runs the tasks of one kind. Implementations are CDI beans; a task may run more than once, so running must be idempotent. */
public interface TaskRunner {

    /** The kind this runner takes, e.g. {@code REPLICATION}. */
    String kind();

    /** Runs one task; throwing fails the attempt (retried if {@link #retryable} says so and attempts are left). */
    void run(Task task, TaskContext context) throws Exception;

    /** Whether trying again may help: by default every failure but a stop. */
    default boolean retryable(Exception failure) {
        return !(failure instanceof InterruptedException) && !(failure instanceof java.io.InterruptedIOException);
    }
}
