package io.berth.registry.quota;

import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import io.berth.common.event.RegistryEvent;
import io.berth.common.oci.RepositoryName;
import io.berth.registry.event.Outbox;
import io.berth.common.event.RegistryEventCodec;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Storage quotas, enforced where bytes become a project's: blob upload completion, cross-repository mount and
 * manifest PUT (docs/quotas.md). The hard limit is core-service's, read from {@code core.project_quota_view} (core's
 * documented read contract, db/core V10) in the push's transaction, one indexed query; the usage is what
 * {@code registry.project_usage_view} sums (each blob once per project, plus each manifest's bytes).
 *
 * <p>The protocol, exact under concurrency without a row every push locks: in a project with a hard limit, a change
 * that added bytes ends with {@code registry.quota_check} (registry V9), sent without waiting for its answer, so that
 * the transaction's COMMIT follows it on the connection at once: it takes a <em>transaction-scoped advisory lock</em>
 * on the project and sums the usage in a statement of its own (a snapshot that sees every push that held the lock
 * before, since each holds it until its commit, and this one's own rows). So the lock is held from the end of the
 * change to the commit with no round trip to registry-service in between: the sum and the commit's WAL flush, never
 * the transfer of a push; and while holding it a transaction waits for no row lock, so it closes no deadlock cycle.
 * Above the limit the function raises, the COMMIT rolls everything back (no link, no usage row, no manifest), and
 * {@link #settle} records {@code QUOTA_EXCEED} (with what the caller must clean up) in a transaction of its own and
 * answers 403 {@code DENIED}. Projects without a limit take no lock; a change that adds nothing (a blob the project
 * has) neither. Deleting only lowers usage and takes no lock.
 */
@ApplicationScoped
public class Quotas {
    /** SQL state {@code registry.quota_check} raises when a push would take its project above the hard limit. */
    static final String EXCEEDED = "BQ001";

    private final Pool db;
    private final Outbox outbox;
    /** Once seen, the view stays (a view is only ever added); until then its existence is checked per push (cheap). */
    private volatile boolean viewPresent;

    Quotas(Pool db, Outbox outbox) {
        this.db = db;
        this.outbox = outbox;
    }

    /** What a change recorded: its result, and the bytes it added to the project's usage (0 if all were counted). */
    public record Change<T>(T value, long added) {}

    /** The push a change belongs to, as its quota events name it. */
    public record Push(RepositoryName repository, String digest, String mediaType, List<String> tags, String actor, String requestId) {}

    /** A push's quota check, pending until its transaction has ended: {@link #charge} sends it, {@link #settle} reads it. */
    public static final class Ticket {
        private final Push push;
        private long hard = -1;
        private long added;
        private Future<RowSet<Row>> check;

        private Ticket(Push push) {
            this.push = push;
        }
    }

    public Ticket ticket(Push push) {
        return new Ticket(push);
    }

    /**
     * Runs {@code change} in {@code tx} under the hard limit of the repository's project, its check sent last: the
     * caller's transaction must end right after (commit), then pass its outcome to {@link #settle}.
     */
    public <T> Future<T> charge(SqlClient tx, Ticket ticket, Supplier<Future<Change<T>>> change) {
        String project = ticket.push.repository().project();
        return hard(tx, project).compose(hard -> change.get().map(c -> {
            if (hard >= 0 && c.added() > 0) {
                ticket.hard = hard;
                ticket.added = c.added();
                RegistryEvent warning = event(RegistryEvent.Type.QUOTA_WARNING, ticket.push, c.added(), null);
                // not awaited: the COMMIT follows on the connection without a round trip while the lock is held
                ticket.check = tx.preparedQuery("SELECT registry.quota_check($1, $2, $3, $4)")
                        .execute(Tuple.of(project, hard, c.added(), new JsonObject(RegistryEventCodec.encode(warning))));
            }
            return c.value();
        }));
    }

    /**
     * The outcome of a transaction that ran {@link #charge}: its value; or, if the quota check refused it (the
     * transaction rolled back), 403 DENIED with Harbor's message, after {@code QUOTA_EXCEED} and what {@code cleanUp}
     * writes are committed in a transaction of their own; or the transaction's own failure.
     */
    public <T> Future<T> settle(AsyncResult<T> outcome, Ticket ticket, Function<SqlClient, Future<?>> cleanUp) {
        // the check's answer came before the COMMIT's, but its future may be completed after the COMMIT's (seen in
        // CI: a refused check whose push answered 500 "Rollback"): wait for it. A COMMIT after a failed statement is a
        // rollback, whatever the client library makes of it, so the check decides
        if (ticket.check != null && !ticket.check.isComplete()) {
            return ticket.check.transform(checked -> settle(outcome, ticket, cleanUp));
        }
        if (ticket.check == null || !ticket.check.failed()) {
            return outcome.succeeded() ? Future.succeededFuture(outcome.result()) : Future.failedFuture(outcome.cause());
        }
        if (!(ticket.check.cause() instanceof PgException pg) || !EXCEEDED.equals(pg.getSqlState())) {
            return Future.failedFuture(ticket.check.cause());
        }
        long used = Long.parseLong(pg.getDetail());
        long before = used - ticket.added;
        String project = ticket.push.repository().project();
        String details = overflow(ticket.added, before, ticket.hard);
        OciException refusal = new OciException(OciErrorCode.DENIED, "Quota exceeded when processing the request of "
                + details.substring(0, details.length() - 1) + " of project " + project + ".",
                Map.of("project", project, "hard", ticket.hard, "used", before, "adding", ticket.added));
        return db.withTransaction(tx -> cleanUp.apply(tx)
                        .compose(v -> outbox.add(tx, event(RegistryEvent.Type.QUOTA_EXCEED, ticket.push, ticket.added, details))))
                .transform(recorded -> Future.failedFuture(refusal));
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
