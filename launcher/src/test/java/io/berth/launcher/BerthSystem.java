package io.berth.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whole of Berth started by the real {@code ./berth up} on ports, a data directory and a
 * database of its own, so tests run beside a Berth already on this machine without touching it.
 */
final class BerthSystem implements AutoCloseable {
    static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    static final String PG = System.getenv().getOrDefault("BERTH_TEST_PG_HOST", "127.0.0.1") + ":"
            + System.getenv().getOrDefault("BERTH_TEST_PG_PORT", "5432");
    static final String PG_USER = System.getenv().getOrDefault("BERTH_TEST_PG_USER", "postgres");
    static final String PG_PASSWORD = System.getenv().getOrDefault("BERTH_TEST_PG_PASSWORD", "postgres");

    record Result(int exit, String output) {}

    private static final AtomicInteger REDIS_DATABASES = new AtomicInteger(ThreadLocalRandom.current().nextInt(15));

    final Map<String, String> env = new HashMap<>();
    final String database = "berth_test_sys_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    final Path dataDir;
    final int gatewayPort;

    BerthSystem(Map<String, String> extra) throws IOException {
        dataDir = Files.createTempDirectory("berth-system");
        env.put("BERTH_SKIP_BUILD", "1");
        env.put("BERTH_CONFIG", "");
        env.put("BERTH_DATA_DIR", dataDir.toString());
        env.put("BERTH_DATABASE_URL", "postgresql://" + PG + "/" + database);
        env.put("BERTH_DATABASE_USER", PG_USER);
        env.put("BERTH_DATABASE_PASSWORD", PG_PASSWORD);
        for (String service : List.of("REGISTRY", "CORE", "JOBSERVICE", "SCANNER")) {
            int port = freePort();
            env.put("BERTH_" + service + "_PORT", Integer.toString(port));
            env.put("BERTH_" + service + "_URL", "http://127.0.0.1:" + port);
            env.put("BERTH_" + service + "_MANAGEMENT_PORT", Integer.toString(freePort()));
        }
        // a Redis database of its own: event and job streams of two systems must not mix. Taken in turn, not
        // from a hash: two systems of one test landing on the same database (1 in 15) had one jobservice take
        // the other's replication tasks, and an execution that never ended.
        env.put("BERTH_REDIS_URL", "redis://127.0.0.1:6379/" + (1 + Math.floorMod(REDIS_DATABASES.getAndIncrement(), 15)));
        gatewayPort = freePort();
        env.put("BERTH_GATEWAY_PORT", Integer.toString(gatewayPort));
        env.put("BERTH_GATEWAY_MANAGEMENT_PORT", Integer.toString(freePort()));
        env.put("BERTH_EXTERNAL_URL", "http://127.0.0.1:" + gatewayPort);
        // a test's Berth starts once on a fresh data directory: a class-data sharing archive would only cost its
        // writing at every `down` (tens of MB per service); BerthUpIT turns it on to run ./berth up as users do
        env.put("BERTH_CLASS_ARCHIVE", "false");
        env.putAll(extra);
    }

    String url() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    /** Where a service's management interface ({@code /q/health/*}, {@code /q/metrics}) answers: REGISTRY, CORE, JOBSERVICE or GATEWAY. */
    String management(String service) {
        return "http://127.0.0.1:" + env.get("BERTH_" + service + "_MANAGEMENT_PORT");
    }

    String host() {
        return "127.0.0.1:" + gatewayPort;
    }

    Result berth(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(HOME.resolve("berth").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dataDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), output);
    }

    @Override
    public void close() throws Exception {
        berth("down");
        try (var c = DriverManager.getConnection("jdbc:postgresql://" + PG + "/postgres", PG_USER, PG_PASSWORD)) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
        new ProcessBuilder("rm", "-rf", dataDir.toString()).start().waitFor();
    }

    private static final java.util.Set<Integer> GIVEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A port nothing listens on, below Linux's ephemeral range (32768 and up): a port the kernel hands out for port 0
     * can be taken by some process's outgoing connection (to PostgreSQL, Redis) before the service binds it, which
     * makes {@code ./berth up} fail now and then. Never the same port twice in one test run.
     */
    static int freePort() throws IOException {
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = 20_000 + ThreadLocalRandom.current().nextInt(12_000);
            if (!GIVEN.add(port)) {
                continue;
            }
            try (ServerSocket s = new ServerSocket(port)) {
                return port;
            } catch (IOException taken) {
                // in use: try another
            }
        }
        throw new IOException("no free port found between 20000 and 32000");
    }
}
