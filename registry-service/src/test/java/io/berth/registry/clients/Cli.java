package io.berth.registry.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a real command-line client and returns what it printed; fails the test if it fails. */
public final class Cli {
    private Cli() {}

    public static String run(Duration timeout, List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)).as("%s finished in time", command).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("%s failed:%n%s", String.join(" ", command), text).isZero();
        return text;
    }

    public static String run(String... command) throws Exception {
        return run(Duration.ofMinutes(5), List.of(command));
    }
}
