package io.berth.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The service processes of one data directory: how each is started, its pid file, its log, whether
 * it is ready. What {@code ./berth up} and the {@link Supervisor} share. The environment the services
 * were started with (database and Redis URLs chosen at start, the admin password) is kept in
 * {@code run/services.env}, readable by its owner only, so that a service restarted later gets the same.
 */
final class Services {
    private final Path home;
    private final Configuration config;
    private final Path runDir;
    private final Path logDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Services(Path home, Configuration config, Path dataDir) {
        this.home = home;
        this.config = config;
        this.runDir = dataDir.resolve("run");
        this.logDir = dataDir.resolve("logs");
    }

    long start(ServiceSpec s, Map<String, String> env) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(s.jvmOptions().apply(config));
        if (!"false".equals(System.getenv("BERTH_CLASS_ARCHIVE"))) {
            command.addAll(ClassArchive.options(runDir.resolve(s.name() + ".jsa"), s.jar(home), Runtime.version()));
        }
        String extra = System.getenv("BERTH_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.add("-jar");
        command.add(s.jar(home).toString());
        return Processes.startDetached(command, env, logFile(s), pidFile(s));
    }

    boolean ready(ServiceSpec s) {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + s.managementPort().apply(config) + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    Optional<ProcessHandle> pid(ServiceSpec s) {
        return Processes.alive(pidFile(s));
    }

    Path pidFile(ServiceSpec s) {
        return runDir.resolve(s.name() + ".pid");
    }

    Path logFile(ServiceSpec s) {
        return logDir.resolve(s.name() + ".log");
    }

    Path runDir() {
        return runDir;
    }

    Path logDir() {
        return logDir;
    }

    /** Appends a line of the launcher's own to a service's log, so that whoever reads it sees the restart there too. */
    void note(ServiceSpec s, String line) {
        try {
            Files.writeString(logFile(s), "=== berth: " + Instant.now() + " " + line + " ===\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the supervisor's own log has the line anyway
        }
    }

    void saveEnvironment(Map<String, String> env) {
        Path file = runDir.resolve("services.env");
        Properties p = new Properties();
        p.putAll(env);
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer w = Files.newBufferedWriter(file)) {
                p.store(w, "the environment ./berth up started the services with; read by the supervisor to restart them");
            }
        } catch (IOException e) {
            throw new LaunchException("cannot keep the services' environment in " + file + ": " + e.getMessage());
        }
    }

    /** The environment the running services were started with, if ./berth up kept it. */
    Optional<Map<String, String>> savedEnvironment() {
        Path file = runDir.resolve("services.env");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new LaunchException("cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> env = new HashMap<>();
        p.forEach((k, v) -> env.put((String) k, (String) v));
        return Optional.of(env);
    }
}
