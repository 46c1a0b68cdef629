package io.berth.registry.clients;

import io.berth.common.testing.Daemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A containerd daemon of the test's own (Debian's {@code containerd}: what kubelet pulls through),
 * with its root, state and socket under {@code dir}, driven with {@code ctr}. Needs root.
 */
final class Containerd implements AutoCloseable {
    private final Path dir;
    private final Daemon daemon;

    private Containerd(Path dir, Daemon daemon) {
        this.dir = dir;
        this.daemon = daemon;
    }

    static Containerd start(Path dir) throws Exception {
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

    /** {@code ctr} against this daemon, in a namespace of the tests; what it printed. */
    String ctr(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ctr", "--address", dir.resolve("containerd.sock").toString(), "--namespace", "berth-test"));
        command.addAll(List.of(args));
        return Cli.run(Duration.ofMinutes(5), command);
    }

    @Override
    public void close() throws InterruptedException {
        daemon.close();
    }
}
