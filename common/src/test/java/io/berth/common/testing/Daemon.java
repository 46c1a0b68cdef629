package io.berth.common.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** A system daemon a test runs for itself (containerd, dockerd), its output in a log file; stopped on close. */
public final class Daemon implements AutoCloseable {
    private final Process process;

    private Daemon(Process process) {
        this.process = process;
    }

    /** Starts {@code command} and waits until {@code ready} says it serves; fails with its log if it does not in {@code timeout}. */
    public static Daemon start(List<String> command, Path log, Callable<Boolean> ready, Duration timeout) throws Exception {
        Daemon daemon = new Daemon(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!ready.call()) {
                if (!daemon.process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(command.get(0) + " did not start:\n" + Files.readString(log));
                }
                Thread.sleep(100);
            }
            return daemon;
        } catch (Exception | Error e) {
            daemon.close(); // never left running behind a failed start
            throw e;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
