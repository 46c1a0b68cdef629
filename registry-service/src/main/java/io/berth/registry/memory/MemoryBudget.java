package io.berth.registry.memory;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes that requests of one kind hold in memory together, bounded so that any number of them at once
 * fits in a fixed heap (or, for upload bodies, a fixed share of direct memory). Bodies already received
 * are {@link #take taken} unconditionally, and their
 * request pauses while the budget is {@link #spent}; work that is about to allocate {@link #reserve
 * reserves} first and waits its turn. Without such a bound, sixteen concurrent uploads, or thirty
 * 3 MiB manifest pushes, ran a 128 MiB heap out of memory.
 */
public final class MemoryBudget {
    private final long limit;
    private long held;
    private final ArrayDeque<Pending> reservations = new ArrayDeque<>();
    private final List<Runnable> waiting = new ArrayList<>();

    private record Pending(long bytes, Context context, Promise<Void> promise) {}

    public MemoryBudget(long limit) {
        this.limit = limit;
    }

    /** The heap's size divided by {@code parts}, at least 8 MiB. */
    public static MemoryBudget shareOfHeap(int parts) {
        return new MemoryBudget(Math.max(8L << 20, Runtime.getRuntime().maxMemory() / parts));
    }

    /** Counts bytes that are in memory already. */
    public synchronized void take(long bytes) {
        held += bytes;
    }

    /**
     * Admits {@code bytes}, now or once others have given enough back, in the order asked. One that
     * is alone is admitted whatever its size, so a large one is never starved.
     */
    public Future<Void> reserve(long bytes) {
        synchronized (this) {
            if (reservations.isEmpty() && fits(bytes)) {
                held += bytes;
                return Future.succeededFuture();
            }
            Pending pending = new Pending(bytes, Vertx.currentContext(), Promise.promise());
            reservations.add(pending);
            return pending.promise().future();
        }
    }

    public void give(long bytes) {
        List<Runnable> admitted = new ArrayList<>();
        synchronized (this) {
            held -= bytes;
            while (!reservations.isEmpty() && fits(reservations.peek().bytes())) {
                Pending next = reservations.poll();
                held += next.bytes();
                admitted.add(() -> {
                    if (next.context() == null) {
                        next.promise().complete();
                    } else {
                        next.context().runOnContext(v -> next.promise().complete());
                    }
                });
            }
            if (held < limit) {
                admitted.addAll(waiting);
                waiting.clear();
            }
        }
        admitted.forEach(Runnable::run);
    }

    public synchronized boolean spent() {
        return held >= limit;
    }

    /** Runs {@code wake} once the budget is not spent: at once, or when bytes are given back. */
    public void whenAvailable(Runnable wake) {
        synchronized (this) {
            if (held >= limit) {
                waiting.add(wake);
                return;
            }
        }
        wake.run();
    }

    public synchronized long held() {
        return held;
    }

    private boolean fits(long bytes) {
        return held == 0 || held + bytes <= limit;
    }
}
