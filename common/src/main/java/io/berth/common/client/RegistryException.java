package io.berth.common.client;

/** A registry answered something other than what the call needs (or did not answer). */
public class RegistryException extends RuntimeException {
    private final int status;
    private final String answer;

    public RegistryException(int status, String message) {
        this(status, message, "");
    }

    /** @param answer what the registry said, in its own words (see {@link #answer()}) */
    public RegistryException(int status, String message, String answer) {
        super(message);
        this.status = status;
        this.answer = answer == null ? "" : answer;
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.answer = "";
    }

    /** The HTTP status, or 0 when the registry could not be reached. */
    public int status() {
        return status;
    }

    /**
     * What the registry said, in its own words: the first message of its error body (OCI's or Harbor's
     * shape), else the body's text; empty when it said nothing, or was not reached.
     */
    public String answer() {
        return answer;
    }

    /** Whether trying again later may succeed: no answer, 429, or a 5xx. */
    public boolean transientFailure() {
        return status == 0 || status == 429 || status >= 500;
    }
}
