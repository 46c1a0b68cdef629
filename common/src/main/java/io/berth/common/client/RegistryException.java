package io.berth.common.client;

/** A registry answered something other than what the call needs (or did not answer). */
public class RegistryException extends RuntimeException {
    private final int status;

    public RegistryException(int status, String message) {
        super(message);
        this.status = status;
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** The HTTP status, or 0 when the registry could not be reached. */
    public int status() {
        return status;
    }

    /** Whether trying again later may succeed: no answer, 429, or a 5xx. */
    public boolean transientFailure() {
        return status == 0 || status == 429 || status >= 500;
    }
}
