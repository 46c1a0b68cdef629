package io.berth.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real ./berth script on the packaged services: up, a request through the gateway, status,
 * a second up that changes nothing, down, and no process left behind. Ports, data directory and
 * database are the test's own, so a Berth already running on this machine is not disturbed.
 */
class BerthUpIT {
    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    private static final String PG = System.getenv().getOrDefault("BERTH_TEST_PG_HOST", "127.0.0.1") + ":"
            + System.getenv().getOrDefault("BERTH_TEST_PG_PORT", "5432");
    private static final String PG_USER = System.getenv().getOrDefault("BERTH_TEST_PG_USER", "postgres");
    private static final String PG_PASSWORD = System.getenv().getOrDefault("BERTH_TEST_PG_PASSWORD", "postgres");
    private static final Map<String, String> ENV = new HashMap<>();
    private static String database;
    private static Path dataDir;

    @BeforeAll
    static void configure() throws Exception {
        database = "berth_test_up_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        dataDir = Files.createTempDirectory("berth-up");
        ENV.put("BERTH_SKIP_BUILD", "1");
        ENV.put("BERTH_CONFIG", "");
        ENV.put("BERTH_DATA_DIR", dataDir.toString());
        ENV.put("BERTH_DATABASE_URL", "postgresql://" + PG + "/" + database);
        ENV.put("BERTH_DATABASE_USER", PG_USER);
        ENV.put("BERTH_DATABASE_PASSWORD", PG_PASSWORD);
        for (String service : List.of("REGISTRY", "CORE", "JOBSERVICE")) {
            int port = freePort();
            ENV.put("BERTH_" + service + "_PORT", Integer.toString(port));
            ENV.put("BERTH_" + service + "_URL", "http://127.0.0.1:" + port);
        }
        ENV.put("BERTH_GATEWAY_PORT", Integer.toString(freePort()));
        ENV.put("BERTH_EXTERNAL_URL", "http://127.0.0.1:" + ENV.get("BERTH_GATEWAY_PORT"));
    }

    @AfterAll
    static void cleanUp() throws Exception {
        berth("down");
        try (var c = DriverManager.getConnection("jdbc:postgresql://" + PG + "/postgres", PG_USER, PG_PASSWORD)) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
        new ProcessBuilder("rm", "-rf", dataDir.toString()).start().waitFor();
    }

    @Test
    void upServesTheRegistryThroughTheGatewayAndDownLeavesNothingRunning() throws Exception {
        Result up = berth("up");
        assertThat(up.exit).as(up.output).isZero();
        assertThat(up.output).contains("gateway is ready").contains("Berth is up").contains("administrator: admin / ");
        // the database did not exist: ./berth up created it
        assertThat(up.output).contains("PostgreSQL: postgresql://" + PG + "/" + database);

        HttpResponse<String> v2 = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(ENV.get("BERTH_EXTERNAL_URL") + "/v2/")).build(), HttpResponse.BodyHandlers.ofString());
        // registry-service answered through the gateway: a token challenge pointing at Berth's token service
        assertThat(v2.statusCode()).isEqualTo(401);
        assertThat(v2.headers().firstValue("Docker-Distribution-API-Version")).hasValue("registry/2.0");
        assertThat(v2.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"" + ENV.get("BERTH_EXTERNAL_URL") + "/service/token\",service=\"berth-registry\"");
        String requestId = v2.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(Files.readString(dataDir.resolve("logs/gateway.log"))).contains("GET /v2/ status=401").contains(requestId);
        assertThat(Files.readString(dataDir.resolve("logs/registry.log"))).contains("schema registry at version");
        assertThat(dataDir.resolve("secrets/token.key")).exists();

        Result status = berth("status");
        assertThat(status.exit).isZero();
        assertThat(status.output).contains("registry").contains("ready").doesNotContain("stopped");

        List<Long> pids = pids();
        assertThat(pids).hasSize(4).allMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        Result again = berth("up");
        assertThat(again.exit).isZero();
        assertThat(again.output).contains("already running");
        assertThat(pids()).isEqualTo(pids);

        Result down = berth("down");
        assertThat(down.exit).isZero();
        assertThat(down.output).contains("stopped gateway").contains("stopped registry");
        assertThat(pids).allMatch(pid -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        assertThat(berth("status").output).doesNotContain("running");
    }

    private static List<Long> pids() throws IOException {
        try (var files = Files.list(dataDir.resolve("run"))) {
            return files.filter(f -> f.toString().endsWith(".pid")).sorted().map(f -> {
                try {
                    return Long.parseLong(Files.readString(f).strip());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }

    private record Result(int exit, String output) {}

    private static Result berth(String command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(HOME.resolve("berth").toString(), command)
                .directory(dataDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(ENV);
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), output);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
