package io.berth.registry.scrub;

import java.util.concurrent.TimeUnit;

/**
 * Keeps reading at {@code bytesPerSecond} on average since the throttle was made: after each read, the reader waits
 * until the time the bytes read so far are due at that rate. Not thread-safe: one per scrub call.
 */
final class Throttle {
    private final long bytesPerSecond;
    private final long startNanos = System.nanoTime();
    private long bytes;

    Throttle(long bytesPerSecond) {
        if (bytesPerSecond < 1) {
            throw new IllegalArgumentException("bytes per second must be positive, not " + bytesPerSecond);
        }
        this.bytesPerSecond = bytesPerSecond;
    }

    /** Counts {@code n} bytes read, then waits as long as the rate requires. */
    void read(long n) throws InterruptedException {
        bytes += n;
        long wait = waitNanos(bytes, bytesPerSecond, System.nanoTime() - startNanos);
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    long bytes() {
        return bytes;
    }

    /** How long to wait after reading {@code bytes} in {@code elapsedNanos} so that the average is at most {@code bytesPerSecond}. */
    static long waitNanos(long bytes, long bytesPerSecond, long elapsedNanos) {
        long due = (long) (bytes * 1e9 / bytesPerSecond);
        return Math.max(0, due - elapsedNanos);
    }
}
