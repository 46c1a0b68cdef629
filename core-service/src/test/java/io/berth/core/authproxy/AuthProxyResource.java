package io.berth.core.authproxy;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts the test's own {@link AuthProxyServer} before Quarkus, with calls to it bounded by 2 s; the test configures Berth through the API. */
public class AuthProxyResource implements QuarkusTestResourceLifecycleManager {
    static volatile TestCa ca;
    static volatile AuthProxyServer proxy;

    @Override
    public Map<String, String> start() {
        try {
            ca = TestCa.create();
            proxy = new AuthProxyServer(ca);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the auth proxy double", e);
        }
        return Map.of("berth.core.authproxy_timeout", "2s");
    }

    @Override
    public void stop() {
        proxy.close();
    }
}
