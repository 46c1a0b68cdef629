package io.berth.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.testing.Command;
import io.berth.common.testing.Skopeo;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real {@code kill -9} of jobservice while a SCAN task runs, on a Berth of its own ({@code ./berth up}, jobservice
 * taking a silent worker's task back after 3 s): an image of real files (about 60 MiB) pushed into an auto_scan project,
 * jobservice killed with SIGKILL as soon as the task runs, the supervisor starting a new one; the task is tried again
 * and the artifact ends with exactly one report, stored, whose overview is Success.
 */
class ScanKillIT {
    static BerthSystem berth;
    static Path work;
    static Path layout;
    static AdminApi api;

    @BeforeAll
    static void up() throws Exception {
        berth = new BerthSystem(Map.of("BERTH_ADMIN_PASSWORD", SharedBerth.ADMIN_PASSWORD,
                "BERTH_JOBSERVICE_VISIBILITY_TIMEOUT", "3s", "BERTH_JOBSERVICE_RETRY_DELAY", "1s"));
        ScannableImage.installDatabase(berth);
        BerthSystem.Result up = berth.berth("up");
        assertThat(up.exit()).as(up.output()).isZero();
        api = new AdminApi(berth, ScanIT.ADMIN);
        work = Files.createTempDirectory("scan-kill-it");
        layout = work.resolve("layout");
        Path bundle = work.resolve("bundle");
        ScannableImage.umoci("init", "--layout", layout.toString());
        ScannableImage.umoci("new", "--image", layout + ":1");
        ScannableImage.umoci("unpack", "--image", layout + ":1", bundle.toString());
        Path root = bundle.resolve("rootfs");
        ScannableImage.copy("images/debian/os-release", root.resolve("etc/os-release"));
        ScannableImage.copy("images/debian/status", root.resolve("var/lib/dpkg/status"));
        long copied = 0;
        try (Stream<Path> files = Files.walk(Path.of("/usr/lib"))) { // real files: the scan takes seconds, not milliseconds
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                if (copied > 60L << 20 || Files.isSymbolicLink(f)) {
                    continue;
                }
                Path target = root.resolve(f.toString().substring(1));
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
                copied += Files.size(f);
            }
        }
        ScannableImage.umoci("repack", "--image", layout + ":1", bundle.toString());
    }

    @AfterAll
    static void down() throws Exception {
        if (berth != null) {
            berth.close();
        }
        if (work != null) {
            Command.run("rm", "-rf", work.toString());
        }
    }

    @Test
    void aScanWhoseJobserviceIsKilledIsTriedAgainAndEndsWithOneReport() throws Exception {
        HttpResponse<String> project = api.call("POST", "/api/v2.0/projects", Map.of("project_name", "killed",
                "metadata", Map.of("auto_scan", "true")));
        assertThat(project.statusCode()).as(project.body()).isEqualTo(201);
        assertThat(Skopeo.run("copy", "--dest-tls-verify=false", "--dest-creds", ScanIT.ADMIN, "oci:" + layout + ":1",
                "docker://" + berth.host() + "/killed/app:1")).doesNotStartWith("FAILED");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> "Running".equals(text("SELECT status FROM jobs.task WHERE kind = 'SCAN'")));
        long old = Long.parseLong(Files.readString(berth.dataDir.resolve("run/jobservice.pid")).strip());
        ProcessHandle jobservice = ProcessHandle.of(old).orElseThrow();
        jobservice.destroyForcibly(); // SIGKILL: no shutdown hook, no chance to hand the task back
        jobservice.onExit().get(10, TimeUnit.SECONDS);

        String artifact = "/api/v2.0/projects/killed/repositories/app/artifacts/1?with_scan_overview=true";
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            String status = overview(artifact).path("scan_status").asText();
            assertThat(status).as(overview(artifact).toString()).isNotIn("Error", "Stopped");
            return status.equals("Success");
        });
        assertThat(Long.parseLong(Files.readString(berth.dataDir.resolve("run/jobservice.pid")).strip()))
                .as("the supervisor started a new jobservice").isNotEqualTo(old);
        assertThat(text("SELECT attempts FROM jobs.task WHERE kind = 'SCAN'")).as("tried again after the kill").isEqualTo("2");
        assertThat(text("SELECT count(*) FROM core.scan_report")).isEqualTo("1");
        assertThat(text("SELECT count(*) FROM core.scan_report WHERE report IS NOT NULL")).isEqualTo("1");
    }

    JsonNode overview(String artifact) throws Exception {
        return api.scanOverview(artifact);
    }

    static String text(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + BerthSystem.PG + "/" + berth.database, BerthSystem.PG_USER,
                BerthSystem.PG_PASSWORD); ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
