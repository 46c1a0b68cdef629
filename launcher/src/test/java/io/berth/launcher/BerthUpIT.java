package io.berth.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The real ./berth script on the packaged services: up, a request through the gateway, status,
 * a second up that changes nothing, down, and no process left behind. Ports, data directory and
 * database are the test's own, so a Berth already running on this machine is not disturbed.
 */
class BerthUpIT {

    @Test
    void upServesTheRegistryThroughTheGatewayAndDownLeavesNothingRunning() throws Exception {
        try (BerthSystem berth = new BerthSystem(Map.of())) {
            BerthSystem.Result up = berth.berth("up");
            assertThat(up.exit()).as(up.output()).isZero();
            assertThat(up.output()).contains("gateway is ready").contains("Berth is up").contains("administrator: admin / ");
            // the database did not exist: ./berth up created it
            assertThat(up.output()).contains("PostgreSQL: postgresql://" + BerthSystem.PG + "/" + berth.database);

            HttpResponse<String> v2 = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(berth.url() + "/v2/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            // registry-service answered through the gateway: a token challenge pointing at Berth's token service
            assertThat(v2.statusCode()).isEqualTo(401);
            assertThat(v2.headers().firstValue("Docker-Distribution-API-Version")).hasValue("registry/2.0");
            assertThat(v2.headers().firstValue("WWW-Authenticate"))
                    .hasValue("Bearer realm=\"" + berth.url() + "/service/token\",service=\"berth-registry\"");
            String requestId = v2.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(Files.readString(berth.dataDir.resolve("logs/gateway.log"))).contains("GET /v2/ status=401").contains(requestId);
            assertThat(Files.readString(berth.dataDir.resolve("logs/registry.log"))).contains("schema registry at version");
            assertThat(berth.dataDir.resolve("secrets/token.key")).exists();

            BerthSystem.Result status = berth.berth("status");
            assertThat(status.exit()).isZero();
            assertThat(status.output()).contains("registry").contains("ready").doesNotContain("stopped");

            List<Long> pids = pids(berth);
            assertThat(pids).hasSize(4).allMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
            BerthSystem.Result again = berth.berth("up");
            assertThat(again.exit()).isZero();
            assertThat(again.output()).contains("already running");
            assertThat(pids(berth)).isEqualTo(pids);

            BerthSystem.Result down = berth.berth("down");
            assertThat(down.exit()).isZero();
            assertThat(down.output()).contains("stopped gateway").contains("stopped registry");
            assertThat(pids).allMatch(pid -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
            assertThat(berth.berth("status").output()).doesNotContain("running");
        }
    }

    private static List<Long> pids(BerthSystem berth) throws IOException {
        try (var files = Files.list(berth.dataDir.resolve("run"))) {
            return files.filter(f -> f.toString().endsWith(".pid")).sorted().map(f -> {
                try {
                    return Long.parseLong(Files.readString(f).strip());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }
}
