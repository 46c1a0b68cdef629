package io.berth.launcher;

import io.berth.common.testing.Command;

import io.berth.common.testing.Daemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Docker engine of the test's own (Debian's {@code docker.io}, run as root): {@code dockerd} with
 * vfs storage, no networking set-up, and its data, state, socket and the client's credentials under
 * {@code dir}, driven by the {@code docker} client on the PATH. It treats 127.0.0.0/8 registries as
 * plain-HTTP ones, as every Docker does.
 */
final class DockerEngine implements AutoCloseable {
    private final Path dir;
    private Daemon daemon;

    private DockerEngine(Path dir) {
        this.dir = dir;
    }

    static DockerEngine start(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("config"));
        // its own (empty) daemon.json: settings in the machine's /etc/docker/daemon.json could clash with these flags
        Files.writeString(dir.resolve("daemon.json"), "{}");
        DockerEngine docker = new DockerEngine(dir);
        docker.daemon = Daemon.start(List.of("dockerd", "--config-file", dir.resolve("daemon.json").toString(), "--iptables=false", "--ip-masq=false", "--bridge=none",
                "--storage-driver=vfs", "--data-root", dir.resolve("data").toString(), "--exec-root", dir.resolve("exec").toString(),
                "--pidfile", dir.resolve("docker.pid").toString(), "--host", "unix://" + dir.resolve("docker.sock")),
                dir.resolve("dockerd.log"), () -> docker.docker("version").exit() == 0, Duration.ofSeconds(60));
        return docker;
    }

    /** The docker client against this engine, with its own credential store; exit code and output. */
    Command.Result docker(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker", "--host", "unix://" + dir.resolve("docker.sock")));
        command.addAll(List.of(args));
        return EndToEndIT.run(Map.of("DOCKER_CONFIG", dir.resolve("config").toString()), command);
    }

    @Override
    public void close() throws InterruptedException {
        daemon.close();
    }
}
