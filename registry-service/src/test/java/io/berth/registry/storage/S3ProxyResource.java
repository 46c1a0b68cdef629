package io.berth.registry.storage;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Runs registry-service on the S3 driver against a real s3proxy for the duration of a test class. */
public class S3ProxyResource implements QuarkusTestResourceLifecycleManager {
    private static volatile S3ProxyServer running;
    private S3ProxyServer server;

    /** The server of the test class running now, to look into its bucket. */
    public static S3ProxyServer running() {
        return running;
    }

    @Override
    public Map<String, String> start() {
        try {
            server = S3ProxyServer.start();
            server.createBucket("registry");
            running = server;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "berth.storage.driver", "s3",
                "berth.storage.s3.bucket", "registry",
                "berth.storage.s3.endpoint", server.endpoint(),
                "berth.storage.s3.access_key", S3ProxyServer.ACCESS_KEY,
                "berth.storage.s3.secret_key", S3ProxyServer.SECRET_KEY,
                "berth.storage.s3.path_style", "true",
                "berth.storage.s3.part_size_mib", "5",
                "berth.storage.s3.prefix", "berth",
                "berth.storage.s3.redirect", "true");
    }

    @Override
    public void stop() {
        try {
            server.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
