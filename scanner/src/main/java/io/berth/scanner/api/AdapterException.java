package io.berth.scanner.api;

/** A request the adapter API refuses, with the status and the message of the spec's error body. */
public class AdapterException extends RuntimeException {
    private final int status;

    public AdapterException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
