package io.berth.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Background processes that outlive ./berth, each remembered by a pid file. */
final class Processes {
    private Processes() {}

    /** Starts {@code command} in its own session (so it survives this JVM and the terminal), output to {@code log}. */
    static long startDetached(List<String> command, Map<String, String> env, Path log, Path pidFile) {
        List<String> detached = new java.util.ArrayList<>();
        detached.add("setsid");
        detached.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(detached).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            Files.writeString(pidFile, Long.toString(process.pid()));
            return process.pid();
        } catch (IOException e) {
            throw new LaunchException("cannot start " + command.get(0) + ": " + e.getMessage());
        }
    }

    /** The live process a pid file names, if any. */
    static Optional<ProcessHandle> alive(Path pidFile) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).strip().split("\\s+")[0]);
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** SIGTERM, then SIGKILL if it has not ended within {@code grace}. Returns whether it had to be killed. */
    static boolean stop(ProcessHandle process, Duration grace) {
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            return false;
        } catch (Exception notYet) {
            process.destroyForcibly();
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported by the caller's status check
            }
            return true;
        }
    }

    /** Runs a short command to completion; its output goes into the exception if it fails. */
    static String run(List<String> command, Map<String, String> env, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        try {
            Process p = builder.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new LaunchException(String.join(" ", command) + " did not finish in " + timeout.toSeconds() + "s");
            }
            String text = new String(out);
            if (p.exitValue() != 0) {
                throw new LaunchException(String.join(" ", command) + " failed (exit " + p.exitValue() + "):\n" + text.strip());
            }
            return text;
        } catch (IOException e) {
            throw new LaunchException("cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted");
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
