package io.berth.launcher;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Keeps the services {@code ./berth up} started running: a background process of its own
 * ({@code run/supervisor.pid}, log {@code logs/supervisor.log}) that looks at each service twice a
 * second and starts again one whose process has gone (killed, crashed, out of memory), with the
 * environment it was first started with. Restarts back off: 1 s after the first exit, doubling to at
 * most 60 s while a service keeps dying within a minute of its start; a service that ran for a minute
 * starts again after 1 s. {@code ./berth down} stops the supervisor before the services, so a stopped
 * service is never restarted. What it did is in {@code run/supervisor.state}, which {@code ./berth status} shows.
 * <p>
 * States of a service, as the supervisor sees it: running → (process gone) → waiting (back-off) →
 * running (restarted), or waiting again if the start itself fails.
 */
final class Supervisor {
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    static final Duration STABLE = Duration.ofSeconds(60);
    private static final Duration TICK = Duration.ofMillis(500);

    private final Services services;
    private final Map<String, String> env;
    private final Map<String, Watch> watches = new HashMap<>();
    private volatile boolean stopping;

    /** What the supervisor knows of one service. */
    private static final class Watch {
        int restarts;
        int failuresInARow;
        Instant startedAt = Instant.now();
        Instant exitedAt;
        Instant nextAttempt;
    }

    Supervisor(Services services, Map<String, String> env) {
        this.services = services;
        this.env = env;
        ServiceSpec.ALL.forEach(s -> watches.put(s.name(), new Watch()));
    }

    /** Runs until SIGTERM. */
    int run() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopping = true));
        log("supervising " + String.join(", ", ServiceSpec.names()));
        while (!stopping) {
            for (ServiceSpec s : ServiceSpec.ALL) {
                check(s, Instant.now());
            }
            saveState();
            sleep(TICK);
        }
        log("stopped supervising");
        return 0;
    }

    private void check(ServiceSpec s, Instant now) {
        Watch w = watches.get(s.name());
        Optional<ProcessHandle> running = services.pid(s);
        if (running.isPresent()) {
            if (w.failuresInARow > 0 && Duration.between(w.startedAt, now).compareTo(STABLE) >= 0) {
                w.failuresInARow = 0; // it has stayed up: the next exit is a fresh one
            }
            return;
        }
        if (stopping) {
            return;
        }
        if (w.nextAttempt == null) {
            w.exitedAt = now;
            w.failuresInARow++;
            w.nextAttempt = now.plus(backoff(w.failuresInARow));
            String line = s.name() + " is not running (exited or killed after " + seconds(w.startedAt, now)
                    + "); starting it again in " + backoff(w.failuresInARow).toSeconds() + " s";
            log(line);
            services.note(s, line);
            return;
        }
        if (now.isBefore(w.nextAttempt)) {
            return;
        }
        try {
            long pid = services.start(s, env);
            w.restarts++;
            w.startedAt = now;
            w.nextAttempt = null;
            log("started " + s.name() + " again (pid " + pid + ", restart " + w.restarts + ")");
        } catch (LaunchException e) {
            w.failuresInARow++;
            w.nextAttempt = now.plus(backoff(w.failuresInARow));
            log("could not start " + s.name() + ": " + e.getMessage() + "; trying again in " + backoff(w.failuresInARow).toSeconds() + " s");
        }
    }

    /** 1 s, 2 s, 4 s … at most {@link #MAX_BACKOFF}, by the number of exits in a row without a minute of running between them. */
    static Duration backoff(int failuresInARow) {
        long seconds = 1L << Math.min(Math.max(failuresInARow - 1, 0), 6);
        return Duration.ofSeconds(Math.min(seconds, MAX_BACKOFF.toSeconds()));
    }

    private void saveState() {
        Properties p = new Properties();
        watches.forEach((name, w) -> {
            p.setProperty(name + ".restarts", Integer.toString(w.restarts));
            if (w.exitedAt != null) {
                p.setProperty(name + ".last_exit", w.exitedAt.toString());
            }
            if (w.nextAttempt != null) {
                p.setProperty(name + ".next_start", w.nextAttempt.toString());
            }
        });
        Path file = services.runDir().resolve("supervisor.state");
        Path tmp = services.runDir().resolve("supervisor.state.tmp");
        try (Writer out = Files.newBufferedWriter(tmp)) {
            p.store(out, "what the supervisor did");
        } catch (IOException e) {
            return;
        }
        try {
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // status shows the previous state
        }
    }

    /** The state file as {@code ./berth status} shows it: for each service, its restarts and whether one is pending. */
    static Properties readState(Path runDir) {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(runDir.resolve("supervisor.state"))) {
            p.load(in);
        } catch (IOException e) {
            // never written yet
        }
        return p;
    }

    private static String seconds(Instant from, Instant to) {
        return Duration.between(from, to).toSeconds() + " s";
    }

    private static void log(String line) {
        System.out.println(Instant.now() + " " + line);
        System.out.flush();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
