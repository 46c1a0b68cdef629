package io.berth.jobs.dispatch;

/**
 * A CDI event: an execution of a kind with an end event ({@code TaskStore.KINDS_WITH_END_EVENT}, other than replication)
 * has ended ({@code Success}, {@code Error} or {@code Stopped}). Fired by {@link ExecutionEndRelay} at least once, after
 * the end is committed; an observer that throws gets it again on the relay's next tick.
 */
public record ExecutionEnded(long id, String vendorType, long vendorId, String status) {}
