package io.berth.common.config;

import io.smallrye.config.ConfigValidationException;

/**
 * The configuration cannot be used: berth.yaml missing when named explicitly, unreadable or
 * malformed, or a file it names is missing. Being a {@link ConfigValidationException}, Quarkus
 * reports it as its message alone, without a stack trace, and refuses to start.
 */
public class ConfigFileException extends ConfigValidationException {
    private final String reason;

    public ConfigFileException(String reason) {
        super(new Problem[] {new Problem(reason)});
        this.reason = reason;
    }

    /** The one line that says what is wrong. */
    public String reason() {
        return reason;
    }
}
