package io.berth.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
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
        try (BerthSystem berth = new BerthSystem(Map.of("BERTH_CLASS_ARCHIVE", "true"))) {
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
            // the access log line is written once the exchange has ended, which may be after the client has its answer
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(Files.readString(berth.dataDir.resolve("logs/gateway.log"))).contains("GET /v2/ status=401").contains(requestId));
            assertThat(Files.readString(berth.dataDir.resolve("logs/registry.log"))).contains("schema registry at version");
            assertThat(berth.dataDir.resolve("secrets/token.key")).exists();

            BerthSystem.Result status = berth.berth("status");
            assertThat(status.exit()).isZero();
            assertThat(status.output()).contains("registry").contains("ready").doesNotContain("stopped");

            List<Long> pids = pids(berth); // the supervisor and its five services: registry, core, jobservice, scanner, gateway
            assertThat(pids).hasSize(6).allMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
            BerthSystem.Result again = berth.berth("up");
            assertThat(again.exit()).isZero();
            assertThat(again.output()).contains("already running");
            assertThat(pids(berth)).isEqualTo(pids);

            BerthSystem.Result down = berth.berth("down");
            assertThat(down.exit()).isZero();
            assertThat(down.output()).contains("stopped gateway").contains("stopped registry").contains("stopped scanner");
            assertThat(pids).allMatch(pid -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
            assertThat(berth.berth("status").output()).doesNotContain("running");
        }
    }

    @Test
    void aServiceThatDiesIsStartedAgainAndUpStartsWhateverIsNotRunning() throws Exception {
        try (BerthSystem berth = new BerthSystem(Map.of("BERTH_CLASS_ARCHIVE", "true"))) {
            BerthSystem.Result started = berth.berth("up");
            assertThat(started.exit()).as(started.output()).isZero();
            assertThat(berth.berth("status").output()).containsPattern("supervisor +running");

            // kill -9 of registry-service: the supervisor starts it again, it serves again, and every log says so
            long registry = pid(berth, "registry");
            ProcessHandle.of(registry).orElseThrow().destroyForcibly();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
                long now = pidOrZero(berth, "registry");
                return now != 0 && now != registry && ready(berth, "REGISTRY");
            });
            assertThat(Files.readString(berth.dataDir.resolve("logs/supervisor.log")))
                    .contains("registry is not running").contains("started registry again");
            assertThat(Files.readString(berth.dataDir.resolve("logs/registry.log"))).contains("=== berth: ").contains("starting it again");
            assertThat(berth.berth("status").output()).contains("restarted 1 time");

            // without its supervisor, a dead service stays down until ./berth up starts what is not running
            long supervisor = pid(berth, "supervisor");
            ProcessHandle.of(supervisor).orElseThrow().destroyForcibly();
            long gateway = pid(berth, "gateway");
            ProcessHandle.of(gateway).orElseThrow().destroyForcibly();
            await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(gateway).map(p -> !p.isAlive()).orElse(true));
            BerthSystem.Result status = berth.berth("status");
            assertThat(status.output()).containsPattern("gateway +port \\d+ +stopped").contains("supervisor").contains("NOT running");
            BerthSystem.Result up = berth.berth("up");
            assertThat(up.exit()).as(up.output()).isZero();
            assertThat(up.output()).contains("running in part").contains("started gateway").contains("gateway is ready")
                    .contains("started the supervisor").doesNotContain("started registry");
            assertThat(berth.berth("status").exit()).isZero();

            long newSupervisor = pid(berth, "supervisor"); // the one the last up started
            BerthSystem.Result down = berth.berth("down");
            assertThat(down.output()).contains("stopped the supervisor");
            // down stops the supervisor first and waits for its end: nothing can start a service again afterwards
            assertThat(ProcessHandle.of(newSupervisor).map(ProcessHandle::isAlive).orElse(false)).as("the supervisor after down").isFalse();
            assertThat(berth.berth("status").output()).doesNotContain("running,");
        }
    }

    private static long pid(BerthSystem berth, String name) throws IOException {
        return Long.parseLong(Files.readString(berth.dataDir.resolve("run/" + name + ".pid")).strip());
    }

    private static long pidOrZero(BerthSystem berth, String name) {
        try {
            return pid(berth, name);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private static boolean ready(BerthSystem berth, String service) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(berth.management(service) + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** The pids of the four services and the supervisor. */
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
