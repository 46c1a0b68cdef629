package io.berth.common.config;

/** berth.yaml cannot be used: missing when named explicitly, unreadable or malformed. */
public class ConfigFileException extends IllegalArgumentException {
    public ConfigFileException(String message) {
        super(message);
    }
}
