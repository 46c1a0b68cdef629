package io.berth.service.db;

/** A service cannot start; the message is one line that names the configuration key at fault. */
public class StartupFailure extends RuntimeException {
    public StartupFailure(String message) {
        super(message, null, false, false);
    }
}
