package io.berth.common;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids in the UUID shape, made without SecureRandom: they correlate log lines, they are not
 * secrets, and making one must cost nothing on a path that serves tens of thousands of requests a second.
 */
public final class RequestIdGenerator {
    private RequestIdGenerator() {}

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new java.util.UUID((random.nextLong() & ~0xF000L) | 0x4000L,
                (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
    }
}
