package io.berth.jobs.dispatch;

/**
 * A CDI event: an execution has just ended ({@code Success}, {@code Error} or {@code Stopped}), fired once by the
 * replica whose guarded UPDATE ended it, in that thread, after the change is committed. Observers must not throw.
 */
public record ExecutionEnded(long id, String vendorType, long vendorId, String status) {}
