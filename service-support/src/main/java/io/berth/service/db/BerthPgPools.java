package io.berth.service.db;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.core.Future;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.spi.PgDriver;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The PostgreSQL pool of every service, as Quarkus would build it, with two changes. No acquisition
 * timer: in Vert.x SQL client 4.5 a query whose connection cannot be had (PostgreSQL down) fails at once,
 * but the 30 s timer set for it is not cancelled and later fails the same promise again, an uncaught
 * {@code IllegalStateException: Result is already complete} for every such query
 * (eclipse-vertx/vertx-sql-client#1706). Instead a bounded wait queue: past {@link #MAX_WAITING} queries
 * waiting for a connection, the next fails at once (answered 503) rather than waiting without end.
 */
@ApplicationScoped
public class BerthPgPools implements PgPoolCreator {
    /** Queries that may wait for a pooled connection at once; at a fraction of a millisecond each, a few seconds of backlog. */
    static final int MAX_WAITING = 4096;

    @Override
    public Pool create(Input input) {
        PoolOptions options = new PoolOptions(input.poolOptions()).setConnectionTimeout(0).setMaxWaitQueueSize(MAX_WAITING);
        // as Quarkus does without a creator: the driver's pool, connecting to each configured server in turn
        List<PgConnectOptions> servers = input.pgConnectOptionsList();
        AtomicInteger next = new AtomicInteger();
        Supplier<Future<PgConnectOptions>> server = () -> Future.succeededFuture(servers.get(Math.floorMod(next.getAndIncrement(), servers.size())));
        return PgDriver.INSTANCE.createPool(input.vertx(), server, options);
    }
}
