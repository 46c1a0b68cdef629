package io.berth.launcher;

/** Something stops ./berth; the message says what, in one or a few lines, for a person. */
public class LaunchException extends RuntimeException {
    public LaunchException(String message) {
        super(message);
    }
}
