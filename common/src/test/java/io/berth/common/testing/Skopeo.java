package io.berth.common.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code skopeo} (without a signature policy) for tests. */
public final class Skopeo {
    private Skopeo() {}

    /** Its output, or {@code "FAILED "} and its output when it exits non-zero. */
    public static String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("skopeo", "--insecure-policy"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return "FAILED (timed out) " + out;
        }
        return p.exitValue() == 0 ? out : "FAILED " + out;
    }
}
