package io.berth.common.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real program (a registry client, podman, psql) run to its end by a test. Its output goes to a file, not a
 * pipe, so a program that hangs or writes more than a pipe holds cannot hang the test; it is killed at the timeout.
 */
public final class Command {
    private Command() {}

    /** What the program printed (standard output and error together), and its exit code. */
    public record Result(int exit, String output) {
        public boolean ok() {
            return exit == 0;
        }
    }

    public static Result run(String... command) throws IOException, InterruptedException {
        return run(Map.of(), List.of(command), Duration.ofMinutes(5));
    }

    /** Runs {@code command} with {@code env} added to this process's environment; fails when it outlives {@code timeout}. */
    public static Result run(Map<String, String> env, List<String> command, Duration timeout) throws IOException, InterruptedException {
        Path output = Files.createTempFile("berth-command", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(env);
            Process p = builder.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeout + ":\n" + Files.readString(output));
            }
            return new Result(p.exitValue(), Files.readString(output));
        } finally {
            Files.delete(output);
        }
    }
}
