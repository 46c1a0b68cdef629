package io.berth.core.ldap;

import io.berth.common.testing.Slapd;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts the test's own {@link Slapd} before Quarkus and stops it after; the test configures Berth through the API. */
public class SlapdResource implements QuarkusTestResourceLifecycleManager {
    static volatile Slapd slapd;

    @Override
    public Map<String, String> start() {
        try {
            slapd = Slapd.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start slapd", e);
        }
        return Map.of();
    }

    @Override
    public void stop() {
        try {
            slapd.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
