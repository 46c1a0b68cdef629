package io.berth.registry.readonly;

import io.berth.common.config.ConfigurationsConfig;
import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/**
 * Harbor's {@code read_only} mode on {@code /v2/}: pushes and deletes are refused with 403 {@code DENIED} while pulls go
 * on. The flag is data, not a call to core: berth.yaml's {@code configurations.read_only} when the operator pinned it,
 * else core's {@code core.system_flags_view} (db/core V23), read at most every {@link #FRESH} by a write request and
 * never by a pull. A change through core's API is therefore seen here within {@link #FRESH}.
 */
@ApplicationScoped
public class ReadOnlyMode {
    static final Duration FRESH = Duration.ofSeconds(2);
    static final String MESSAGE = "Berth is in read-only mode (configuration read_only): pushes and deletes are refused; pulls go on";

    private final Pool db;
    private final Optional<Boolean> pinned;
    private volatile boolean readOnly;
    private volatile long checkedAt;
    private volatile boolean checked;
    /** Once seen, the view stays (a view is only ever added). */
    private volatile boolean viewPresent;

    ReadOnlyMode(Pool db, ConfigurationsConfig configurations) {
        this.db = db;
        this.pinned = configurations.readOnly();
    }

    /** {@code handler}, run only when Berth is not read-only; else the request fails with 403 {@code DENIED}. */
    public Handler<RoutingContext> unlessReadOnly(Handler<RoutingContext> handler) {
        return rc -> current().onComplete(result -> {
            try {
                if (result.failed()) {
                    rc.fail(result.cause());
                } else if (result.result()) {
                    rc.fail(new OciException(OciErrorCode.DENIED, MESSAGE));
                } else {
                    handler.handle(rc);
                }
            } catch (RuntimeException e) {
                rc.fail(e);
            }
        });
    }

    /** Whether Berth is read-only now (as of at most {@link #FRESH} ago). */
    Future<Boolean> current() {
        if (pinned.isPresent()) {
            return Future.succeededFuture(pinned.get());
        }
        if (checked && System.nanoTime() - checkedAt < FRESH.toNanos()) {
            return Future.succeededFuture(readOnly);
        }
        // until core has created the view (core not migrated to V23 yet) nothing can have set the flag
        Future<Boolean> present = viewPresent ? Future.succeededFuture(true)
                : db.query("SELECT to_regclass('core.system_flags_view') IS NOT NULL").execute()
                        .map(rows -> viewPresent = rows.iterator().next().getBoolean(0));
        return present.compose(found -> !found ? Future.succeededFuture(false)
                : db.query("SELECT read_only FROM core.system_flags_view").execute()
                        .map(rows -> Boolean.TRUE.equals(rows.iterator().next().getBoolean(0))))
                .map(flag -> {
                    readOnly = flag;
                    checkedAt = System.nanoTime();
                    checked = true;
                    return flag;
                });
    }
}
