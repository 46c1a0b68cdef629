package io.berth.registry.quota;

import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import io.berth.common.event.RegistryEvent;
import io.berth.common.oci.RepositoryName;
import io.berth.registry.event.Outbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Storage quotas, enforced where bytes become a project's: blob upload completion, cross-repository mount and
 * manifest PUT (docs/quotas.md). The hard limit is core-service's, read from {@code core.project_quota_view} (core's
 * documented read contract, db/core V10) in the push's transaction, one indexed query; the usage is what
 * {@code registry.project_usage_view} sums (each blob once per project, plus each manifest's bytes).
 *
 * <p>The protocol, exact under concurrency without a row every push locks: in a project with a hard limit, the change
 * runs after a savepoint; if it added bytes, the transaction then takes a <em>transaction-scoped advisory lock</em>
 * on the project and sums the usage in a statement of its own, both in one call ({@code registry.quota_lock_and_sum},
 * registry V9): a snapshot that sees every push that held the lock before, since each holds it until its commit,
 * and its own uncommitted rows. Above the limit, it rolls back to the
 * savepoint (no link, no usage row, no manifest), records {@code QUOTA_EXCEED} in the outbox and commits that; the
 * caller answers 403 {@code DENIED}. The lock is held from the end of the change to the commit: milliseconds,
 * never across the transfer of a push; and while holding it a transaction waits for no row lock (it only sums and
 * inserts an outbox row), so it cannot close a deadlock cycle. Projects without a limit take no savepoint and no lock;
 * a change that adds nothing (a blob the project has) neither. Deleting only lowers usage and takes no lock.
 */
@ApplicationScoped
public class Quotas {
    /** Usage at or above this share of the hard limit, reached by a push, is worth a {@code QUOTA_WARNING}. */
    static final double WARNING_SHARE = 0.85;

    private final Outbox outbox;
    /** Once seen, the view stays (a view is only ever added); until then its existence is checked per push (cheap). */
    private volatile boolean viewPresent;

    Quotas(Outbox outbox) {
        this.outbox = outbox;
    }

    /** What a change recorded: its result, and the bytes it added to the project's usage (0 if all were counted). */
    public record Change<T>(T value, long added) {}

    /** A change charged to a quota: its result, or the refusal to answer after the transaction commits. */
    public record Charged<T>(T value, OciException refusal) {
        /** The result, or the refusal as a failure. */
        public Future<T> answer() {
            return refusal == null ? Future.succeededFuture(value) : Future.failedFuture(refusal);
        }
    }

    /** The push a change belongs to, as its quota events name it. */
    public record Push(RepositoryName repository, String digest, String mediaType, List<String> tags, String actor, String requestId) {}

    /**
     * Runs {@code change} in {@code tx} under the hard limit of the repository's project. Returns normally when refused
     * (the change undone, the event recorded): commit, then {@link Charged#answer()}.
     */
    public <T> Future<Charged<T>> charge(SqlClient tx, Push push, Supplier<Future<Change<T>>> change) {
        String project = push.repository().project();
        return hard(tx, project).compose(hard -> {
            if (hard < 0) {
                return change.get().map(c -> new Charged<>(c.value(), null));
            }
            // the savepoint is left to the commit when kept: one round trip less while the lock is held
            return tx.query("SAVEPOINT berth_quota").execute().compose(s -> change.get()).compose(c -> c.added() <= 0
                    ? Future.succeededFuture(new Charged<>(c.value(), null))
                    // lock, then sum in a statement of its own (a snapshot after the lock: every earlier holder has committed)
                    : tx.preparedQuery("SELECT registry.quota_lock_and_sum($1)").execute(Tuple.of(project))
                            .compose(rows -> check(tx, push, hard, rows.iterator().next().getLong(0), c)));
        });
    }

    private <T> Future<Charged<T>> check(SqlClient tx, Push push, long hard, long used, Change<T> c) {
        long before = used - c.added();
        if (used > hard) {
            String details = overflow(c.added(), before, hard);
            OciException refusal = new OciException(OciErrorCode.DENIED, "Quota exceeded when processing the request of "
                    + details.substring(0, details.length() - 1) + " of project " + push.repository().project() + ".",
                    Map.of("project", push.repository().project(), "hard", hard, "used", before, "adding", c.added()));
            return tx.query("ROLLBACK TO SAVEPOINT berth_quota").execute()
                    .compose(r -> outbox.add(tx, event(RegistryEvent.Type.QUOTA_EXCEED, push, c.added(), details)))
                    .map(new Charged<>(null, refusal));
        }
        Future<Void> warned = used >= WARNING_SHARE * hard && before < WARNING_SHARE * hard
                ? outbox.add(tx, event(RegistryEvent.Type.QUOTA_WARNING, push, c.added(), String.format(Locale.ROOT,
                        "quota usage reached %d%%: %s of %s", Math.round(100.0 * used / Math.max(hard, 1)), bytes(used), bytes(hard))))
                : Future.succeededFuture();
        return warned.map(new Charged<>(c.value(), null));
    }

    /** The project's storage hard limit in bytes; -1 (unlimited) when core has none for it or has not created the view yet. */
    public Future<Long> hard(SqlClient tx, String project) {
        Future<Boolean> present = viewPresent ? Future.succeededFuture(true)
                : tx.query("SELECT to_regclass('core.project_quota_view') IS NOT NULL").execute().map(rows -> {
                    boolean found = rows.iterator().next().getBoolean(0);
                    viewPresent = found;
                    return found;
                });
        return present.compose(found -> !found ? Future.succeededFuture(-1L)
                : tx.preparedQuery("SELECT hard FROM core.project_quota_view WHERE project = $1").execute(Tuple.of(project))
                        .map(rows -> {
                            for (Row row : rows) {
                                Long hard = row.getLong(0);
                                return hard == null ? -1L : hard;
                            }
                            return -1L;
                        }));
    }

    /** Harbor's text of an overflow (src/pkg/quota ResourceOverflow). */
    static String overflow(long adding, long used, long hard) {
        return "adding " + bytes(adding) + " of storage resource, which when updated to current usage of " + bytes(used)
                + " will exceed the configured upper limit of " + bytes(hard) + ".";
    }

    /** A byte count as Harbor displays it: {@code 512 B}, {@code 1.5 KiB}, {@code 2.0 GiB}. */
    static String bytes(long value) {
        if (value < 1024) {
            return value + " B";
        }
        long div = 1024;
        int exp = 0;
        for (long n = value / 1024; n >= 1024; n /= 1024) {
            div *= 1024;
            exp++;
        }
        return String.format(Locale.ROOT, "%.1f %ciB", (double) value / div, "KMGTPE".charAt(exp));
    }

    private static RegistryEvent event(RegistryEvent.Type type, Push push, long added, String details) {
        return new RegistryEvent(UUID.randomUUID().toString(), type, push.repository().value(), push.repository().project(),
                push.digest(), push.tags(), push.mediaType(), added, push.actor(), Instant.now(), push.requestId(), details);
    }
}
