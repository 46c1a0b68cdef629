package io.berth.common.client;

import java.io.IOException;
import java.time.Duration;

/**
 * The one retry policy of calls to registries: up to {@code attempts} tries, waiting {@code backoff},
 * then twice that, four times…, between them; tried again only on what may pass ({@link
 * RegistryException#transientFailure()}: no answer, 429, a 5xx; or an I/O failure of the call's own
 * streams). Anything else, and the last failure, goes to the caller.
 */
public record Retry(int attempts, Duration backoff) {

    /** A call that may fail with a {@link RegistryException} or, reading or writing a body, an {@link IOException}. */
    public interface Call<T> {
        T call() throws IOException;
    }

    public <T> T run(String what, Call<T> call) {
        RegistryException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                sleep(backoff.multipliedBy(1L << (attempt - 2)));
            }
            try {
                return call.call();
            } catch (RegistryException e) {
                if (!e.transientFailure()) {
                    throw e;
                }
                last = e;
            } catch (IOException e) {
                last = new RegistryException(what + ": " + e.getMessage(), e);
            }
        }
        throw last;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted", e);
        }
    }
}
