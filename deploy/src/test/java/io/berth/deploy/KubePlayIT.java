package io.berth.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.common.testing.Command;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The chart run for real, with the images this build made (-Pimages): Debian's {@code podman kube play} plays the
 * chart rendered for one machine (deploy/podman/values.yaml: host networking, the machine's PostgreSQL and Redis)
 * through {@code deploy/podman/play.sh}, on a podman storage of the test's own (vfs). Then Berth ships itself:
 * skopeo pushes the five images into the containerised Berth through its gateway pod, pulls them back by digest
 * and the digests match; podman logs in, pulls and pushes. Needs root, podman, skopeo, psql and redis-cli.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubePlayIT {
    static final List<String> SERVICES = List.of("registry-service", "core-service", "jobservice", "scanner", "proxy-gateway");
    static final Path ROOT = Path.of(System.getProperty("berth.root", "..")).toAbsolutePath().normalize();
    static final String VERSION = System.getProperty("berth.version");
    static final String GATEWAY = "localhost:8080";
    static final String REDIS_INDEX = "13";

    static Path work;
    static Map<String, String> env;
    static String database;
    static String password;

    @BeforeAll
    static void play() throws Exception {
        for (String service : SERVICES) {
            assertThat(archive(service)).as("the image of %s: build with -Pimages (docs/images.md)", service).exists();
        }
        work = Files.createTempDirectory("berth-kube-play");
        env = podmanOfItsOwn(work);
        for (String service : SERVICES) {
            run(Duration.ofMinutes(5), "podman", "load", "-i", archive(service).toString());
        }
        database = "berth_kube_play_" + UUID.randomUUID().toString().substring(0, 8);
        run(Duration.ofMinutes(1), "psql", "-h", "127.0.0.1", "-U", "postgres", "-c", "CREATE DATABASE " + database);
        run(Duration.ofMinutes(1), "redis-cli", "-h", "127.0.0.1", "-n", REDIS_INDEX, "FLUSHDB");

        Path values = work.resolve("machine.yaml");
        Files.writeString(values, """
                # the machine's engines as CI has them: trust authentication, a database and a Redis index of this test's
                database: {external: {username: postgres, coreDatabase: %s}}
                redis: {external: {coreDatabaseIndex: "%s"}}
                image: {tag: "%s"}
                """.formatted(database, REDIS_INDEX, VERSION));
        Path chart = work.resolve("chart.yaml");
        Files.writeString(chart, Rendered.template(List.of(ROOT.resolve("deploy/podman/values.yaml"), values)));

        Map<String, String> playEnv = new HashMap<>(env);
        playEnv.put("BERTH_PODMAN_DIR", work.resolve("play").toString());
        playEnv.put("BERTH_PODMAN_CHART", chart.toString());
        Command.Result up = Command.run(playEnv, List.of(ROOT.resolve("deploy/podman/play.sh").toString(), "up"), Duration.ofMinutes(6));
        assertThat(up.exit()).as("play.sh up:%n%s%n%s", up.output(), logs()).isZero();
        password = Files.readString(work.resolve("play/admin-password")).strip();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (work == null) {
            return;
        }
        Map<String, String> playEnv = new HashMap<>(env);
        playEnv.put("BERTH_PODMAN_DIR", work.resolve("play").toString());
        Command.run(playEnv, List.of(ROOT.resolve("deploy/podman/play.sh").toString(), "down"), Duration.ofMinutes(3));
        Command.run(env, List.of("podman", "pod", "rm", "--all", "--force"), Duration.ofMinutes(2));
        Command.run(env, List.of("podman", "system", "reset", "--force"), Duration.ofMinutes(3));
        if (database != null) {
            Command.run("psql", "-h", "127.0.0.1", "-U", "postgres", "-c", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
        Command.run("rm", "-rf", work.toString());
    }

    @Test
    @Order(1)
    void thePodsRunNonRootOnReadOnlyRoots() throws Exception {
        String pods = run(Duration.ofMinutes(1), "podman", "ps", "--format", "{{.Names}} {{.Status}}");
        for (String deployment : List.of("registry", "core", "jobservice", "scanner", "gateway")) {
            assertThat(pods).as(pods).containsPattern("(?m)^berth-" + deployment + "-\\S* Up");
        }
        List<String> containers = pods.lines().map(line -> line.split(" ")[0]).filter(name -> !name.endsWith("-infra")).toList();
        assertThat(containers).hasSize(5);
        for (String container : containers) {
            String id = run(Duration.ofMinutes(1), "podman", "exec", container, "id", "-u");
            assertThat(id.strip()).as(container).isEqualTo("10000");
            Command.Result write = Command.run(env, List.of("podman", "exec", container, "touch", "/opt/berth/x"), Duration.ofMinutes(1));
            assertThat(write.exit()).as("%s: the root filesystem is read-only: %s", container, write.output()).isNotZero();
        }
    }

    @Test
    @Order(2)
    void berthShipsItself() throws Exception {
        String creds = "admin:" + password;
        for (String service : SERVICES) {
            String source = "oci-archive:" + archive(service);
            byte[] manifest = skopeo("inspect", "--raw", source).getBytes(StandardCharsets.UTF_8);
            String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(manifest));
            String repository = "docker://" + GATEWAY + "/library/" + service;
            skopeo("copy", "--dest-tls-verify=false", "--dest-creds", creds, source, repository + ":" + VERSION);

            assertThat(skopeo("inspect", "--raw", "--tls-verify=false", "--creds", creds, repository + "@" + digest))
                    .as("%s by digest", service).isEqualTo(new String(manifest, StandardCharsets.UTF_8));
            assertThat(skopeo("inspect", "--tls-verify=false", "--creds", creds, "--format", "{{.Digest}}", repository + ":" + VERSION).strip())
                    .as("%s by tag", service).isEqualTo(digest);
            // every blob back, digests checked by skopeo as it writes them
            Path pulled = work.resolve("pulled-" + service);
            skopeo("copy", "--src-tls-verify=false", "--src-creds", creds, repository + "@" + digest, "oci:" + pulled + ":pulled");
            assertThat(skopeo("inspect", "--raw", "oci:" + pulled + ":pulled")).isEqualTo(new String(manifest, StandardCharsets.UTF_8));
        }
    }

    @Test
    @Order(3)
    void podmanLogsInPullsAndPushesThroughTheGatewayPod() throws Exception {
        Command.Result wrong = Command.run(env, List.of("podman", "login", "--tls-verify=false", "-u", "admin", "-p", "not-" + password, GATEWAY), Duration.ofMinutes(1));
        assertThat(wrong.exit()).as(wrong.output()).isNotZero();
        assertThat(wrong.output()).contains("invalid username/password");
        assertThat(run(Duration.ofMinutes(1), "podman", "login", "--tls-verify=false", "-u", "admin", "-p", password, GATEWAY))
                .contains("Login Succeeded");

        String pulled = GATEWAY + "/library/jobservice:" + VERSION;
        run(Duration.ofMinutes(5), "podman", "pull", "--tls-verify=false", pulled);
        String copy = GATEWAY + "/library/pushed-by-podman:1";
        run(Duration.ofMinutes(1), "podman", "tag", pulled, copy);
        Path digestFile = work.resolve("pushed.digest");
        run(Duration.ofMinutes(5), "podman", "push", "--tls-verify=false", "--digestfile", digestFile.toString(), copy);
        String digest = Files.readString(digestFile).strip();
        assertThat(skopeo("inspect", "--tls-verify=false", "--creds", "admin:" + password, "--format", "{{.Digest}}", "docker://" + copy).strip())
                .isEqualTo(digest);
        run(Duration.ofMinutes(1), "podman", "rmi", copy, pulled);
        run(Duration.ofMinutes(5), "podman", "pull", "--tls-verify=false", GATEWAY + "/library/pushed-by-podman@" + digest);
    }

    static Path archive(String service) {
        return ROOT.resolve(service).resolve("target").resolve(service + ".oci.tar");
    }

    /** podman with its storage (vfs) and runtime settings under {@code dir}: nothing of the machine's own podman is touched. */
    static Map<String, String> podmanOfItsOwn(Path dir) throws IOException {
        Path storage = dir.resolve("storage.conf");
        Files.writeString(storage, """
                [storage]
                driver = "vfs"
                graphroot = "%1$s/graph"
                runroot = "%1$s/run"
                """.formatted(dir.resolve("podman")));
        Path containers = dir.resolve("containers.conf");
        // runc (Debian's crun is not installed), cgroupfs (no systemd here); JVM threads need more than the default ulimits
        Files.writeString(containers, """
                [containers]
                default_ulimits = ["nofile=16384:16384", "nproc=8192:8192"]
                [engine]
                runtime = "runc"
                cgroup_manager = "cgroupfs"
                events_logger = "file"
                """);
        Files.writeString(dir.resolve("auth.json"), "{}");
        Map<String, String> env = new HashMap<>();
        env.put("CONTAINERS_STORAGE_CONF", storage.toString());
        env.put("CONTAINERS_CONF", containers.toString());
        env.put("REGISTRY_AUTH_FILE", dir.resolve("auth.json").toString());
        return env;
    }

    static String skopeo(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("skopeo", "--insecure-policy"));
        command.addAll(List.of(args));
        return run(Duration.ofMinutes(5), command.toArray(String[]::new));
    }

    /** Runs a command with the test's podman settings; fails the test (with the pods' logs) when it fails. */
    static String run(Duration timeout, String... command) throws Exception {
        Command.Result result = Command.run(env, List.of(command), timeout);
        assertThat(result.exit()).as("%s:%n%s%n%s", String.join(" ", command), result.output(),
                command[0].equals("podman") || command[0].equals("skopeo") ? logs() : "").isZero();
        return result.output();
    }

    /** The last lines of every container's log, for a failure's message. */
    static String logs() {
        StringBuilder out = new StringBuilder();
        try {
            Command.Result names = Command.run(env, List.of("podman", "ps", "-a", "--format", "{{.Names}}"), Duration.ofMinutes(1));
            for (String name : names.output().lines().filter(n -> !n.endsWith("-infra")).toList()) {
                out.append("--- ").append(name).append('\n')
                        .append(Command.run(env, List.of("podman", "logs", "--tail", "40", name), Duration.ofMinutes(1)).output());
            }
        } catch (Exception e) {
            out.append("(no logs: ").append(e).append(')');
        }
        return out.toString();
    }
}
