package io.berth.launcher;

import io.berth.common.config.BerthConfigFile;
import io.berth.common.config.DatabaseConfig;
import io.berth.common.config.DeploymentConfig;
import io.berth.common.config.RedisConfig;
import io.berth.common.config.ScannerConfig;
import io.berth.common.config.TlsConfig;
import io.berth.common.config.TokenConfig;
import io.berth.common.token.TokenKeys;
import java.io.IOException;
import java.net.URI;
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
    private final DeploymentConfig deployment;
    private final Path dataDir;
    private final Services services;

    Launcher(Path home, Configuration config) {
        this.home = home;
        this.config = config;
        this.deployment = config.mapping(DeploymentConfig.class);
        this.dataDir = Path.of(deployment.dataDir()).toAbsolutePath().normalize();
        this.services = new Services(home, config, dataDir);
    }

    /** @param tls HTTPS with a certificate of Berth's own CA ({@link GatewayCertificates}), unless part of Berth runs already */
    int up(boolean tls) {
        createDirectories();
        List<ServiceSpec> missing = ServiceSpec.ALL.stream().filter(s -> services.pid(s).isEmpty()).toList();
        boolean supervised = supervisor().isPresent();
        if (missing.isEmpty() && supervised) {
            System.out.println("Berth is already running (" + String.join(", ", ServiceSpec.names()) + ", supervised); "
                    + "nothing changed. ./berth status tells more, ./berth down stops it.");
            return 0;
        }
        for (ServiceSpec s : missing) {
            if (!Files.isRegularFile(s.jar(home))) {
                throw new LaunchException(s.jar(home) + " is missing: build first (mvn -B package -DskipTests)");
            }
        }
        Optional<Map<String, String>> saved = services.savedEnvironment();
        Map<String, String> env;
        if (missing.size() < ServiceSpec.ALL.size() && saved.isPresent()) {
            // part of Berth runs: what is missing starts as the rest was started
            env = saved.get();
            List<String> running = ServiceSpec.ALL.stream().filter(s -> !missing.contains(s)).map(ServiceSpec::name).toList();
            System.out.println("Berth is running in part (" + String.join(", ", running) + "); starting "
                    + (missing.isEmpty() ? "its supervisor" : "what is not running"));
        } else {
            env = environment(tls);
            services.saveEnvironment(env);
        }
        List<ServiceSpec> started = new ArrayList<>();
        for (ServiceSpec s : missing) {
            long pid = services.start(s, env);
            System.out.println("started " + s.name() + " (pid " + pid + ", port " + s.port().apply(config) + ")");
            started.add(s);
        }
        for (ServiceSpec s : started) {
            awaitReady(s, started);
        }
        if (!supervised) {
            startSupervisor();
        }
        System.out.println();
        String url = env.getOrDefault("BERTH_EXTERNAL_URL", deployment.externalUrl());
        System.out.println("Berth is up: " + url);
        System.out.println("  administrator: admin / " + env.get("BERTH_ADMIN_PASSWORD"));
        if (env.containsKey(TLS_CA)) {
            System.out.println("  HTTPS with a certificate of Berth's own CA; clients trust " + env.get(TLS_CA));
            System.out.println("  try: curl -si --cacert " + env.get(TLS_CA) + " " + url + "/v2/");
        } else {
            System.out.println("  try: curl -si " + url + "/v2/");
        }
        System.out.println("  logs: ./berth logs [" + String.join("|", ServiceSpec.names()) + "], stop: ./berth down");
        return 0;
    }

    /** What every service is started with: the database and Redis chosen now (embedded ones started), the admin password. */
    private Map<String, String> environment(boolean tls) {
        Map<String, String> env = new HashMap<>();
        if (tls) {
            env.putAll(selfSignedHttps());
        }
        env.put("BERTH_DATA_DIR", dataDir.toString());
        BerthConfigFile.location().ifPresent(f -> env.put("BERTH_CONFIG", f.toAbsolutePath().toString()));
        env.put("BERTH_DATABASE_URL", database());
        env.put("BERTH_REDIS_URL", redis());
        tokenKeys();
        env.put("BERTH_ADMIN_PASSWORD", adminPassword());
        if (!config.isExplicit("berth.scanner.builtin_url")) {
            // the scanner up starts: core registers it as "Berth built-in"
            env.put("BERTH_SCANNER_BUILTIN_URL", config.mapping(ScannerConfig.class).url());
        }
        return env;
    }

    /** Not read by any service: where {@code --tls} put the CA, for what up prints (kept in the saved environment). */
    static final String TLS_CA = "BERTH_LAUNCHER_TLS_CA";

    /**
     * {@code --tls}: the gateway serves HTTPS with a certificate of {@link GatewayCertificates} for every name
     * of this machine and of the external URL; the external URL becomes https on tls.https_port unless set.
     */
    private Map<String, String> selfSignedHttps() {
        TlsConfig tls = config.mapping(TlsConfig.class);
        if (tls.cert().isPresent() || tls.key().isPresent()) {
            throw new LaunchException("--tls makes a certificate of Berth's own, but tls.cert/tls.key are set in the configuration: "
                    + "use one or the other");
        }
        java.net.URI external = java.net.URI.create(deployment.externalUrl());
        GatewayCertificates.Issued issued = new GatewayCertificates(dataDir.resolve("tls"))
                .ensure(GatewayCertificates.localHosts(List.of(external.getHost())), System.out::println);
        Map<String, String> env = new HashMap<>();
        env.put("BERTH_TLS_CERT", issued.certificate().toString());
        env.put("BERTH_TLS_KEY", issued.key().toString());
        env.put(TLS_CA, issued.ca().toString());
        if (!config.isExplicit("berth.external_url")) {
            env.put("BERTH_EXTERNAL_URL", "https://" + external.getHost() + ":" + tls.httpsPort());
        }
        return env;
    }

    /** Runs the supervisor in this process (what the background process started by {@link #startSupervisor} does). */
    int supervise() {
        Map<String, String> env = services.savedEnvironment()
                .orElseThrow(() -> new LaunchException("nothing to supervise: ./berth up has not run in " + dataDir));
        return new Supervisor(services, env).run();
    }

    private void startSupervisor() {
        Path jar;
        try {
            jar = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new LaunchException("cannot find the launcher's jar: " + e.getMessage());
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                "-XX:+UseSerialGC", "-jar", jar.toString(), "--home", home.toString(), "supervise");
        long pid = Processes.startDetached(command, Map.of(), services.logDir().resolve("supervisor.log"), supervisorPidFile());
        System.out.println("started the supervisor (pid " + pid + "): a service that exits is started again");
    }

    private Optional<ProcessHandle> supervisor() {
        return Processes.alive(supervisorPidFile());
    }

    private Path supervisorPidFile() {
        return services.runDir().resolve("supervisor.pid");
    }

    int down() {
        boolean any = false;
        Optional<ProcessHandle> supervisor = supervisor();
        if (supervisor.isPresent()) {
            // first, so that it does not start again what is stopped next
            Processes.stop(supervisor.get(), Duration.ofSeconds(10));
            System.out.println("stopped the supervisor");
            any = true;
        }
        deleteQuietly(supervisorPidFile());
        // the gateway first: it lets what is in flight end and takes nothing new. Then the others at once, as none
        // needs another to stop: one after the other, their JVMs' exits (about 2 s each) were most of a down.
        List<ServiceSpec> reverse = new ArrayList<>(ServiceSpec.ALL);
        java.util.Collections.reverse(reverse);
        any |= stop(reverse.subList(0, 1));
        any |= stop(reverse.subList(1, reverse.size()));
        deleteQuietly(services.runDir().resolve("services.env"));
        deleteQuietly(services.runDir().resolve("supervisor.state"));
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

    /** SIGTERM to each of {@code specs} that runs, all at once, then waits for each (SIGKILL after 60 s); whether any ran. */
    private boolean stop(List<ServiceSpec> specs) {
        Map<ServiceSpec, ProcessHandle> running = new java.util.LinkedHashMap<>();
        for (ServiceSpec s : specs) {
            services.pid(s).ifPresent(p -> {
                p.destroy();
                running.put(s, p);
            });
        }
        for (Map.Entry<ServiceSpec, ProcessHandle> e : running.entrySet()) {
            boolean killed = Processes.stop(e.getValue(), Duration.ofSeconds(60));
            System.out.println("stopped " + e.getKey().name() + (killed ? " (killed after 60 s)" : ""));
        }
        for (ServiceSpec s : specs) {
            deleteQuietly(services.pidFile(s));
        }
        return !running.isEmpty();
    }

    int status() {
        int up = 0;
        java.util.Properties restarts = Supervisor.readState(services.runDir());
        for (ServiceSpec s : ServiceSpec.ALL) {
            Optional<ProcessHandle> p = services.pid(s);
            String state = p.isEmpty() ? "stopped" : "running, pid " + p.get().pid() + (services.ready(s) ? ", ready" : ", NOT ready");
            String next = restarts.getProperty(s.name() + ".next_start");
            if (p.isEmpty() && next != null) {
                state = "stopped, the supervisor starts it again at " + next;
            }
            String count = restarts.getProperty(s.name() + ".restarts", "0");
            if (!count.equals("0")) {
                state += " (restarted " + count + " time" + (count.equals("1") ? "" : "s") + ", last exit "
                        + restarts.getProperty(s.name() + ".last_exit") + ")";
            }
            System.out.printf("%-11s port %-5d %s%n", s.name(), s.port().apply(config), state + ", management port "
                    + s.managementPort().apply(config));
            up += p.isPresent() ? 1 : 0;
        }
        Optional<ProcessHandle> supervisor = supervisor();
        System.out.printf("%-11s %-10s %s%n", "supervisor", "", supervisor.map(p -> "running, pid " + p.pid())
                .orElse(up > 0 ? "NOT running: services that exit stay down (./berth up starts it)" : "stopped"));
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
            Path log = services.logFile(s);
            if (Files.exists(log)) {
                files.add(log.toString());
            }
        }
        if (files.isEmpty()) {
            System.out.println("no logs yet in " + services.logDir());
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
        DatabaseConfig db = config.mapping(DatabaseConfig.class);
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
        RedisConfig redis = config.mapping(RedisConfig.class);
        boolean sentinel = redis.clientType() == RedisConfig.ClientType.SENTINEL;
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
        TokenConfig token = config.mapping(TokenConfig.class);
        Path key = Path.of(token.privateKey()).toAbsolutePath();
        Path certificate = Path.of(token.certificate()).toAbsolutePath();
        if (!Files.exists(key) || !Files.exists(certificate)) {
            TokenKeys.generateIfMissing(key, certificate, "berth-token-service");
            System.out.println("generated the token signing key " + key + " and certificate " + certificate);
        }
    }

    private String adminPassword() {
        if (deployment.adminPassword().isPresent()) {
            return deployment.adminPassword().get();
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

    private void awaitReady(ServiceSpec s, List<ServiceSpec> started) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (services.pid(s).isEmpty()) {
                String tail = tail(services.logFile(s), 15);
                stopAll(started);
                throw new LaunchException(s.name() + " exited during start-up; its log (" + services.logFile(s) + ") ends with:\n" + tail);
            }
            if (services.ready(s)) {
                System.out.println(s.name() + " is ready");
                return;
            }
            sleep(300);
        }
        stopAll(started);
        throw new LaunchException(s.name() + " was not ready after " + READY_TIMEOUT.toSeconds() + " s; see " + services.logFile(s));
    }

    private void stopAll(List<ServiceSpec> started) {
        for (ServiceSpec s : started) {
            services.pid(s).ifPresent(p -> Processes.stop(p, Duration.ofSeconds(20)));
            deleteQuietly(services.pidFile(s));
        }
    }

    private void createDirectories() {
        try {
            Files.createDirectories(services.runDir());
            Files.createDirectories(services.logDir());
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
