package io.berth.jobs.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Where the tests of jobs driving another service's internal API run that service's stand-in: registry-service's GC
 * API ({@link #REGISTRY_PORT}) and core's audit-log purge API ({@link #CORE_PORT}). The tests share {@link Profile},
 * so Quarkus starts once for all of them.
 */
public final class StubServices {
    public static final int REGISTRY_PORT = freePort();
    public static final int CORE_PORT = freePort();

    private StubServices() {}

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("berth.registry.url", "http://127.0.0.1:" + REGISTRY_PORT, "berth.core.url", "http://127.0.0.1:" + CORE_PORT);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
