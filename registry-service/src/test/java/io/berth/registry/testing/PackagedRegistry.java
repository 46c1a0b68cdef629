package io.berth.registry.testing;

import io.berth.common.testing.ServiceProcess;
import io.berth.common.token.TokenKeys;
import io.berth.service.testing.PostgresTestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** registry-service's packaged jar, run as a real process on a free port. */
public final class PackagedRegistry implements AutoCloseable {
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private final ServiceProcess process;
    private final int port;
    private final int management;

    private PackagedRegistry(ServiceProcess process, int port, int management) {
        this.management = management;
        this.process = process;
        this.port = port;
    }

    /** The environment of a registry on a test database, storing under {@code storage}, verifying {@link Tokens}. */
    public static Map<String, String> environment(String database, Path storage) throws Exception {
        TokenKeys.generateIfMissing(RegistryTestResource.KEY, RegistryTestResource.CERT, "berth-test-token-signer");
        return new HashMap<>(Map.of(
                "BERTH_CONFIG", "",
                "BERTH_DATABASE_URL", "postgresql://" + PostgresTestDatabase.HOST + ":" + PostgresTestDatabase.PORT + "/" + database,
                "BERTH_DATABASE_USER", PostgresTestDatabase.USER,
                "BERTH_DATABASE_PASSWORD", PostgresTestDatabase.PASSWORD,
                "BERTH_DATA_DIR", storage.toString(),
                "BERTH_TOKEN_CERTIFICATE", RegistryTestResource.CERT.toString(),
                "BERTH_TOKEN_ISSUER", RegistryTestResource.ISSUER));
    }

    /** Starts one; it may still be starting when this returns ({@link #awaitReady()}). */
    public static PackagedRegistry start(Map<String, String> environment, String... jvmOptions) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> env = new HashMap<>(environment);
        env.put("BERTH_REGISTRY_PORT", Integer.toString(port));
        int management;
        try (ServerSocket s = new ServerSocket(0)) {
            management = s.getLocalPort();
        }
        env.put("BERTH_REGISTRY_MANAGEMENT_PORT", Integer.toString(management));
        return new PackagedRegistry(ServiceProcess.start(JAR, env, jvmOptions), port, management);
    }

    public PackagedRegistry awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.process().isAlive()) {
                throw new AssertionError("registry on port " + port + " exited:\n" + process.output());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(300);
        }
        throw new AssertionError("registry on port " + port + " not ready:\n" + process.output());
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public String output() {
        return process.output();
    }

    @Override
    public void close() throws IOException {
        process.close();
    }
}
