package io.berth.common.audit;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * core-service's internal audit-log purge API ({@code POST /internal/audit/purge/{start,batch}}, token audience
 * {@link io.berth.common.token.Audiences#CORE_AUDIT_PURGE}), which jobservice's {@code PURGE_AUDIT_LOG} job drives:
 * {@code start} computes the run's cutoff once, then {@code batch} calls, each deleting (or, in a dry run, counting)
 * at most {@code limit} entries older than the cutoff after the key the previous one returned. JSON in snake case.
 * Described in {@code docs/housekeeping.md}.
 */
public final class AuditPurge {
    /**
     * The operations the purge may be limited to: Harbor's {@code create}, {@code delete} and {@code pull}, and the
     * others Berth's audit log records. An entry matches an operation when its operation is that one or begins with
     * it and a space ({@code create} covers a member's {@code create developer}, {@code set sysadmin} a user's
     * {@code set sysadmin true}).
     */
    public static final List<String> OPERATIONS = List.of("create", "delete", "pull", "update", "login", "enable", "disable",
            "change password", "set sysadmin", "refresh secret");
    /** Harbor's default selection. */
    public static final List<String> DEFAULT_OPERATIONS = List.of("create", "delete", "pull");
    /** The most entries one batch may touch. */
    public static final int MAX_BATCH = 10_000;

    private AuditPurge() {}

    /** The reason these operations cannot be purged, or null when they can. */
    public static String operationsProblem(List<String> operations) {
        if (operations == null || operations.isEmpty()) {
            return "include_operations must name at least one operation of " + OPERATIONS;
        }
        for (String op : operations) {
            if (!OPERATIONS.contains(op)) {
                return "include_operations: unknown operation '" + op + "'; supported: " + String.join(", ", OPERATIONS);
            }
        }
        return null;
    }

    /** {@code start}: a run begins, keeping the last {@code retentionHours} hours. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Start(long runId, int retentionHours) {}

    /** The answer to {@link Start}: {@code now() - retention}, computed once by core's PostgreSQL; every batch of the run uses it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Started(Instant cutoff) {}

    /** An entry's place in the purge order: its time, then its id. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Key(Instant opTime, long id) {}

    /**
     * {@code batch}: the next at most {@code limit} entries (1 to {@link #MAX_BATCH}) older than {@code cutoff} with one of
     * {@code operations}, after {@code after} (null: from the oldest), in (time, id) order; deleted unless {@code dryRun}.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Batch(long runId, Instant cutoff, List<String> operations, boolean dryRun, Key after, int limit) {}

    /** The answer to {@link Batch}: how many entries it deleted (or would), and the key to continue after; null when none are left. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Done(int count, Key next) {}
}
