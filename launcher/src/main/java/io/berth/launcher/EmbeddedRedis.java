package io.berth.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A Redis server of Berth's own (the system's {@code redis-server}) under {@code <data_dir>/redis}. */
final class EmbeddedRedis {
    private final Path dir;
    private final Path pidFile;
    private final Path portFile;
    private final Path log;

    EmbeddedRedis(Path dataDir) {
        this.dir = dataDir.resolve("redis");
        this.pidFile = dataDir.resolve("run/redis.pid");
        this.portFile = dataDir.resolve("run/redis.port");
        this.log = dataDir.resolve("logs/redis.log");
    }

    boolean running() {
        return Processes.alive(pidFile).isPresent();
    }

    Optional<Integer> port() {
        try {
            return Files.exists(portFile) ? Optional.of(Integer.parseInt(Files.readString(portFile).strip())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    int start() {
        String server = which("redis-server").orElseThrow(() -> new LaunchException(
                "Redis does not answer and redis-server is not installed: install it (apt-get install redis-server) or set redis.url"));
        int port = Ports.free(port().orElse(6379));
        try {
            Files.createDirectories(dir);
            Files.createDirectories(log.getParent());
            Files.createDirectories(pidFile.getParent());
            Files.writeString(portFile, Integer.toString(port));
        } catch (IOException e) {
            throw new LaunchException("cannot prepare " + dir + ": " + e.getMessage());
        }
        Processes.run(List.of(server, "--bind", "127.0.0.1", "--port", Integer.toString(port), "--dir", dir.toString(),
                "--daemonize", "yes", "--pidfile", pidFile.toString(), "--logfile", log.toString(),
                "--save", "", "--appendonly", "yes"), Map.of(), Duration.ofSeconds(30));
        for (int i = 0; i < 100 && !Ports.answers("127.0.0.1", port); i++) {
            sleep(100);
        }
        if (!Ports.answers("127.0.0.1", port)) {
            throw new LaunchException("the embedded Redis did not start; see " + log);
        }
        return port;
    }

    void stop() {
        Processes.alive(pidFile).ifPresent(p -> Processes.stop(p, Duration.ofSeconds(20)));
    }

    static Optional<String> which(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        for (String dir : List.of("/usr/sbin", "/usr/local/bin", "/usr/bin")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
