package io.berth.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.testing.Command;
import io.berth.common.testing.Skopeo;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scan on push on the whole system as {@code ./berth up} starts it, with no scanner registered by hand: core registered
 * the built-in scanner itself ({@code scanner.builtin_url}), the OSV records of the scanner's tests are put where the
 * scanner reads its database ({@code scanner.osv_db}), an image built with umoci (a Debian dpkg status, an npm lock file
 * with lodash 4.17.20, a Python dist-info of requests 2.25.1) is pushed with skopeo into a project with
 * {@code auto_scan=true}, and the artifact's scan overview reaches Success with the severity and counts the database
 * gives; a webhook policy of the project subscribed to {@code SCANNING_COMPLETED} delivers Harbor's scanning payload to
 * a real HTTP receiver. On the {@link SharedBerth}.
 */
@Order(5)
@ExtendWith(SharedBerth.class)
class ScanIT {
    static final String ADMIN = "admin:" + SharedBerth.ADMIN_PASSWORD;
    static final String REPORT = AdminApi.VULNERABILITY_REPORT;
    static final ObjectMapper JSON = new ObjectMapper();
    static BerthSystem berth;
    static Path work;
    static Path layout;

    @BeforeAll
    static void up(BerthSystem shared) throws Exception {
        berth = shared;
        work = Files.createTempDirectory("scan-it");
        layout = ScannableImage.build(work);
        ScannableImage.installDatabase(berth);
    }

    @AfterAll
    static void down() throws Exception {
        if (work != null) {
            Command.run("rm", "-rf", work.toString());
        }
    }

    @Test
    void aPushIntoAnAutoScanProjectIsScannedByTheBuiltinScanner() throws Exception {
        JsonNode scanners = JSON.readTree(api("GET", "/api/v2.0/scanners", null).body());
        assertThat(scanners).hasSize(1);
        assertThat(scanners.get(0).path("name").asText()).isEqualTo("Berth built-in");
        assertThat(scanners.get(0).path("is_default").asBoolean()).isTrue();

        HttpResponse<String> project = api("POST", "/api/v2.0/projects", Map.of("project_name", "scanned",
                "metadata", Map.of("auto_scan", "true")));
        assertThat(project.statusCode()).as(project.body()).isEqualTo(201);
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", BerthSystem.freePort()), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            HttpResponse<String> hook = api("POST", "/api/v2.0/projects/scanned/webhook/policies", Map.of("name", "scans", "enabled", true,
                    "event_types", List.of("SCANNING_COMPLETED", "SCANNING_FAILED"), "targets", List.of(Map.of("type", "http",
                            "address", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "payload_format", "Default"))));
            assertThat(hook.statusCode()).as(hook.body()).isEqualTo(201);
            pushAndAwaitTheReport(received);
        } finally {
            receiver.stop(0);
        }
    }

    void pushAndAwaitTheReport(List<String> received) throws Exception {
        assertThat(Skopeo.run("copy", "--dest-tls-verify=false", "--dest-creds", ADMIN, "oci:" + layout + ":1",
                "docker://" + berth.host() + "/scanned/app:1")).doesNotStartWith("FAILED");

        String artifact = "/api/v2.0/projects/scanned/repositories/app/artifacts/1?with_scan_overview=true";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            String status = overview(artifact).path("scan_status").asText();
            assertThat(status).as(overview(artifact).toString()).isNotIn("Error", "Stopped");
            return status.equals("Success");
        });
        JsonNode overview = overview(artifact);
        assertThat(overview.path("severity").asText()).as(overview.toString()).isEqualTo("High");
        assertThat(overview.path("summary").path("total").asInt()).isEqualTo(3);
        assertThat(overview.path("summary").path("fixable").asInt()).isEqualTo(2);
        assertThat(JSON.convertValue(overview.path("summary").path("summary"), Map.class))
                .isEqualTo(Map.of("High", 1, "Medium", 1, "Unknown", 1));
        assertThat(overview.path("scanner").path("name").asText()).isEqualTo("Berth");

        JsonNode vulnerabilities = JSON.readTree(api("GET",
                "/api/v2.0/projects/scanned/repositories/app/artifacts/1/additions/vulnerabilities", null).body()).path(REPORT);
        List<String> ids = vulnerabilities.path("vulnerabilities").findValuesAsText("id");
        assertThat(ids).containsExactlyInAnyOrder("CVE-2021-23337", "CVE-2023-32681", "CVE-2023-45853");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> !received.isEmpty());
        JsonNode event = JSON.readTree(received.get(0));
        assertThat(event.path("type").asText()).as(event.toString()).isEqualTo("SCANNING_COMPLETED");
        JsonNode resource = event.path("event_data").path("resources").get(0);
        assertThat(resource.path("tag").asText()).isEqualTo("1");
        assertThat(resource.path("resource_url").asText()).isEqualTo(berth.host() + "/scanned/app:1");
        assertThat(resource.path("digest").asText()).startsWith("sha256:");
        JsonNode scanned = resource.path("scan_overview").path(REPORT);
        assertThat(scanned.path("scan_status").asText()).isEqualTo("Success");
        assertThat(scanned.path("severity").asText()).isEqualTo("High");
        assertThat(scanned.path("summary").path("total").asInt()).isEqualTo(3);
        assertThat(scanned.path("report_id").asText()).isEqualTo(overview.path("report_id").asText());
        assertThat(event.path("event_data").path("repository").path("repo_full_name").asText()).isEqualTo("scanned/app");
        assertThat(received).hasSize(1);
    }

    JsonNode overview(String artifact) throws Exception {
        return new AdminApi(berth, ADMIN).scanOverview(artifact);
    }

    HttpResponse<String> api(String method, String path, Object body) throws Exception {
        return new AdminApi(berth, ADMIN).call(method, path, body);
    }
}
