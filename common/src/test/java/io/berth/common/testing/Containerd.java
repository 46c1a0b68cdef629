package io.berth.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A containerd daemon of the test's own (Debian's {@code containerd}: what kubelet pulls through),
 * with its root, state and socket under {@code dir}, driven with {@code ctr}. Needs root.
 */
public final class Containerd implements AutoCloseable {
    private final Path dir;
    private final Daemon daemon;

    private Containerd(Path dir, Daemon daemon) {
        this.dir = dir;
        this.daemon = daemon;
    }

    public static Containerd start(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.toml"), """
                version = 2
                root = "%1$s/root"
                state = "%1$s/state"
                disabled_plugins = ["io.containerd.grpc.v1.cri"]
                [grpc]
                  address = "%1$s/containerd.sock"
                [ttrpc]
                  address = "%1$s/containerd-ttrpc.sock"
                """.formatted(dir));
        Daemon daemon = Daemon.start(List.of("containerd", "--config", dir.resolve("config.toml").toString()),
                dir.resolve("containerd.log"), () -> Files.exists(dir.resolve("containerd.sock")), Duration.ofSeconds(30));
        return new Containerd(dir, daemon);
    }

    /** What a {@code ctr} command printed, and its exit code. */
    public record Result(int exit, String output) {}

    /** {@code ctr} against this daemon, in a namespace of the tests; what it printed. Fails the test if it fails. */
    public String ctr(String... args) throws Exception {
        Result result = tryCtr(args);
        assertThat(result.exit()).as("ctr %s failed:%n%s", String.join(" ", args), result.output()).isZero();
        return result.output();
    }

    /** {@code ctr} against this daemon, in a namespace of the tests, whether it fails or not. */
    public Result tryCtr(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ctr", "--address", dir.resolve("containerd.sock").toString(), "--namespace", "berth-test"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("%s finished in time", command).isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws InterruptedException {
        daemon.close();
    }
}
