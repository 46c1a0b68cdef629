package io.berth.registry.upload;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The upload bytes all requests together hold in memory: received, not yet hashed and written. A
 * request pauses while the budget is spent and resumes once others' writes give bytes back, so any
 * number of concurrent uploads fits in a fixed heap (without it, sixteen 256 MiB uploads at once ran a
 * 128 MiB heap out of memory). A quarter of the heap: the rest is for everything else in flight.
 */
@ApplicationScoped
public class BodyBudget {
    private final long limit;
    private final AtomicLong held = new AtomicLong();
    private final ConcurrentLinkedQueue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    BodyBudget() {
        this(Math.max(8L << 20, Runtime.getRuntime().maxMemory() / 4));
    }

    BodyBudget(long limit) {
        this.limit = limit;
    }

    void take(long bytes) {
        held.addAndGet(bytes);
    }

    void give(long bytes) {
        if (held.addAndGet(-bytes) < limit) {
            wakeAll();
        }
    }

    boolean spent() {
        return held.get() >= limit;
    }

    /** Runs {@code wake} once bytes have been given back, at once if the budget is not spent now. */
    void whenAvailable(Runnable wake) {
        waiting.add(wake);
        if (!spent()) {
            wakeAll();
        }
    }

    long held() {
        return held.get();
    }

    private void wakeAll() {
        for (Runnable wake; (wake = waiting.poll()) != null; ) {
            wake.run();
        }
    }
}
