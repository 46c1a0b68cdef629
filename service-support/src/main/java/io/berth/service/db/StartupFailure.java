package io.berth.service.db;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * A service cannot start because of its configuration or what it points at. Quarkus prints the
 * message alone, one line naming the key at fault, and exits non-zero.
 */
public class StartupFailure extends ConfigurationException {
    public StartupFailure(String message) {
        super(message);
    }
}
