package io.berth.launcher;

import io.berth.common.config.BerthConfig;
import io.berth.common.config.BerthConfigFile;
import io.berth.common.token.TokenKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What {@code ./berth up/down/status/logs} do. Everything it keeps is under {@code data_dir}. */
final class Launcher {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final Path home;
    private final Configuration config;
    private final BerthConfig berth;
    private final Path dataDir;
    private final Path runDir;
    private final Path logDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Launcher(Path home, Configuration config) {
        this.home = home;
        this.config = config;
        this.berth = config.berth();
        this.dataDir = Path.of(berth.dataDir()).toAbsolutePath().normalize();
        this.runDir = dataDir.resolve("run");
        this.logDir = dataDir.resolve("logs");
    }

    int up() {
        List<String> running = ServiceSpec.ALL.stream().filter(s -> pid(s).isPresent()).map(ServiceSpec::name).toList();
        if (!running.isEmpty()) {
            System.out.println("Berth is already running (" + String.join(", ", running) + "); nothing changed. "
                    + "./berth status tells more, ./berth down stops it.");
            return 0;
        }
        for (ServiceSpec s : ServiceSpec.ALL) {
            if (!Files.isRegularFile(s.jar(home))) {
                throw new LaunchException(s.jar(home) + " is missing: build first (mvn -B package -DskipTests)");
            }
        }
        createDirectories();
        Map<String, String> env = new HashMap<>();
        env.put("BERTH_DATA_DIR", dataDir.toString());
        BerthConfigFile.location().ifPresent(f -> env.put("BERTH_CONFIG", f.toAbsolutePath().toString()));
        env.put("BERTH_DATABASE_URL", database());
        env.put("BERTH_REDIS_URL", redis());
        tokenKeys();
        String adminPassword = adminPassword();
        env.put("BERTH_ADMIN_PASSWORD", adminPassword);

        List<ServiceSpec> started = new ArrayList<>();
        for (ServiceSpec s : ServiceSpec.ALL) {
            start(s, env);
            started.add(s);
        }
        for (ServiceSpec s : started) {
            awaitReady(s, started);
        }
        System.out.println();
        System.out.println("Berth is up: " + berth.externalUrl());
        System.out.println("  administrator: admin / " + adminPassword);
        System.out.println("  try: curl -si " + berth.externalUrl() + "/v2/");
        System.out.println("  logs: ./berth logs [" + String.join("|", ServiceSpec.names()) + "], stop: ./berth down");
        return 0;
    }

    int down() {
        boolean any = false;
        List<ServiceSpec> reverse = new ArrayList<>(ServiceSpec.ALL);
        java.util.Collections.reverse(reverse);
        for (ServiceSpec s : reverse) {
            Optional<ProcessHandle> p = pid(s);
            if (p.isPresent()) {
                any = true;
                boolean killed = Processes.stop(p.get(), Duration.ofSeconds(60));
                System.out.println("stopped " + s.name() + (killed ? " (killed after 60 s)" : ""));
            }
            deleteQuietly(pidFile(s));
        }
        EmbeddedRedis redis = new EmbeddedRedis(dataDir);
        if (redis.running()) {
            redis.stop();
            any = true;
            System.out.println("stopped the embedded Redis");
        }
        EmbeddedPostgres postgres = new EmbeddedPostgres(dataDir);
        if (postgres.running()) {
            postgres.stop();
            any = true;
            System.out.println("stopped the embedded PostgreSQL");
        }
        if (!any) {
            System.out.println("Berth is not running.");
        }
        return 0;
    }

    int status() {
        int up = 0;
        for (ServiceSpec s : ServiceSpec.ALL) {
            Optional<ProcessHandle> p = pid(s);
            String state = p.isEmpty() ? "stopped" : "running, pid " + p.get().pid() + (ready(s) ? ", ready" : ", NOT ready");
            System.out.printf("%-11s port %-5d %s%n", s.name(), s.port().apply(berth), state);
            up += p.isPresent() ? 1 : 0;
        }
        EmbeddedPostgres postgres = new EmbeddedPostgres(dataDir);
        if (postgres.running()) {
            System.out.printf("%-11s port %-5d embedded, %s%n", "postgres", postgres.port().orElse(0), dataDir.resolve("postgres"));
        }
        EmbeddedRedis redis = new EmbeddedRedis(dataDir);
        if (redis.running()) {
            System.out.printf("%-11s port %-5d embedded, %s%n", "redis", redis.port().orElse(0), dataDir.resolve("redis"));
        }
        return up == ServiceSpec.ALL.size() ? 0 : 3;
    }

    int logs(String[] args) {
        boolean follow = List.of(args).contains("-f");
        List<String> names = List.of(args).stream().filter(a -> !a.equals("-f")).toList();
        List<String> files = new ArrayList<>();
        for (ServiceSpec s : names.isEmpty() ? ServiceSpec.ALL : names.stream().map(ServiceSpec::named).toList()) {
            Path log = logFile(s);
            if (Files.exists(log)) {
                files.add(log.toString());
            }
        }
        if (files.isEmpty()) {
            System.out.println("no logs yet in " + logDir);
            return 0;
        }
        List<String> command = new ArrayList<>(List.of("tail", "-n", "200"));
        if (follow) {
            command.add("-F");
        }
        command.addAll(files);
        try {
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new LaunchException("cannot run tail: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /** The URL the services use: the configured server, the local default if it answers, or an embedded one. */
    private String database() {
        BerthConfig.Database db = berth.database();
        boolean embed = switch (db.embedded()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> !config.isExplicit("berth.database.url") && !Ports.urlAnswers(db.url(), 5432);
        };
        String url = db.url();
        if (embed) {
            int port = new EmbeddedPostgres(dataDir).start(db.user(), db.password());
            URI configured = URI.create(db.url());
            url = "postgresql://127.0.0.1:" + port + configured.getPath();
            System.out.println("PostgreSQL: embedded at 127.0.0.1:" + port + " (" + dataDir.resolve("postgres") + ")");
        } else {
            if (!Ports.urlAnswers(url, 5432)) {
                throw new LaunchException("berth.database.url: nothing answers at " + url);
            }
            System.out.println("PostgreSQL: " + url);
        }
        Database.ensure(url, db.user(), db.password());
        return url;
    }

    private String redis() {
        BerthConfig.Redis redis = berth.redis();
        boolean sentinel = redis.clientType() == BerthConfig.RedisClientType.SENTINEL;
        boolean embed = switch (redis.embedded()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> !sentinel && !config.isExplicit("berth.redis.url") && !Ports.urlAnswers(redis.url(), 6379);
        };
        if (embed) {
            int port = new EmbeddedRedis(dataDir).start();
            System.out.println("Redis: embedded at 127.0.0.1:" + port + " (" + dataDir.resolve("redis") + ")");
            return "redis://127.0.0.1:" + port;
        }
        if (!sentinel && !Ports.urlAnswers(redis.url(), 6379)) {
            throw new LaunchException("berth.redis.url: nothing answers at " + redis.url());
        }
        System.out.println("Redis: " + redis.url());
        return redis.url();
    }

    /** The key pair core signs registry tokens with and the registry verifies them with, made on first start. */
    private void tokenKeys() {
        Path key = Path.of(berth.token().privateKey()).toAbsolutePath();
        Path certificate = Path.of(berth.token().certificate()).toAbsolutePath();
        if (!Files.exists(key) || !Files.exists(certificate)) {
            TokenKeys.generateIfMissing(key, certificate, "berth-token-service");
            System.out.println("generated the token signing key " + key + " and certificate " + certificate);
        }
    }

    private String adminPassword() {
        if (berth.adminPassword().isPresent()) {
            return berth.adminPassword().get();
        }
        Path file = dataDir.resolve("admin-password");
        try {
            if (!Files.exists(file)) {
                String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
                SecureRandom random = new SecureRandom();
                StringBuilder password = new StringBuilder();
                for (int i = 0; i < 20; i++) {
                    password.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                Files.writeString(file, password.toString());
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new LaunchException("cannot keep the admin password in " + file + ": " + e.getMessage());
        }
    }

    private void start(ServiceSpec s, Map<String, String> env) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(s.jvmOptions().apply(berth));
        String extra = System.getenv("BERTH_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.add("-jar");
        command.add(s.jar(home).toString());
        long pid = Processes.startDetached(command, env, logFile(s), pidFile(s));
        System.out.println("started " + s.name() + " (pid " + pid + ", port " + s.port().apply(berth) + ")");
    }

    private void awaitReady(ServiceSpec s, List<ServiceSpec> started) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (pid(s).isEmpty()) {
                String tail = tail(logFile(s), 15);
                stopAll(started);
                throw new LaunchException(s.name() + " exited during start-up; its log (" + logFile(s) + ") ends with:\n" + tail);
            }
            if (ready(s)) {
                System.out.println(s.name() + " is ready");
                return;
            }
            sleep(300);
        }
        stopAll(started);
        throw new LaunchException(s.name() + " was not ready after " + READY_TIMEOUT.toSeconds() + " s; see " + logFile(s));
    }

    private boolean ready(ServiceSpec s) {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + s.port().apply(berth) + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void stopAll(List<ServiceSpec> services) {
        for (ServiceSpec s : services) {
            pid(s).ifPresent(p -> Processes.stop(p, Duration.ofSeconds(20)));
            deleteQuietly(pidFile(s));
        }
    }

    private Optional<ProcessHandle> pid(ServiceSpec s) {
        return Processes.alive(pidFile(s));
    }

    private Path pidFile(ServiceSpec s) {
        return runDir.resolve(s.name() + ".pid");
    }

    private Path logFile(ServiceSpec s) {
        return logDir.resolve(s.name() + ".log");
    }

    private void createDirectories() {
        try {
            Files.createDirectories(runDir);
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new LaunchException("data_dir: cannot create " + dataDir + ": " + e.getMessage());
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale pid file is recognised as such by Processes.alive
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
