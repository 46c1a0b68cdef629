package io.berth.registry.testing;

import io.berth.common.token.TokenKeys;
import io.berth.service.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What registry-service tests run against: a database of their own on the real PostgreSQL, a
 * storage directory of their own, the real Redis, and a token signing key pair whose private half
 * {@link Tokens} mints tokens with (core-service's role in production).
 */
public class RegistryTestResource implements QuarkusTestResourceLifecycleManager {
    public static final Path DIR = createDir();
    public static final Path KEY = DIR.resolve("token.key");
    public static final Path CERT = DIR.resolve("token.crt");
    public static final String ISSUER = "berth-test-issuer";
    public static final String SERVICE = "berth-registry";

    private final PostgresTestDatabase database = new PostgresTestDatabase();

    @Override
    public Map<String, String> start() {
        TokenKeys.generateIfMissing(KEY, CERT, "berth-test-token-signer");
        Map<String, String> config = new HashMap<>(database.start());
        config.put("berth.data_dir", DIR.toString());
        config.put("berth.storage.filesystem.root", DIR.resolve("storage").toString());
        config.put("berth.token.certificate", CERT.toString());
        config.put("berth.token.issuer", ISSUER);
        config.put("berth.token.service", SERVICE);
        return config;
    }

    @Override
    public void stop() {
        database.stop();
    }

    private static Path createDir() {
        try {
            return Files.createTempDirectory("berth-registry-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
