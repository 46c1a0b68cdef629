package io.berth.registry.clients;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A containerd daemon of the test's own (Debian's {@code containerd}: what kubelet pulls through),
 * with its root, state and socket under {@code dir}, driven with {@code ctr}. Needs root.
 */
final class Containerd implements AutoCloseable {
    private final Path dir;
    private final Process daemon;

    private Containerd(Path dir, Process daemon) {
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
        Process daemon = new ProcessBuilder("containerd", "--config", dir.resolve("config.toml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("containerd.log").toFile()).start();
        Containerd containerd = new Containerd(dir, daemon);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(dir.resolve("containerd.sock"))) {
            if (!daemon.isAlive() || System.nanoTime() > deadline) {
                containerd.close();
                throw new IllegalStateException("containerd did not start:\n" + Files.readString(dir.resolve("containerd.log")));
            }
            Thread.sleep(50);
        }
        return containerd;
    }

    /** {@code ctr} against this daemon, in a namespace of the tests; what it printed. */
    String ctr(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ctr", "--address", dir.resolve("containerd.sock").toString(), "--namespace", "berth-test"));
        command.addAll(List.of(args));
        return Cli.run(Duration.ofMinutes(5), command);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        daemon.destroy();
        if (!daemon.waitFor(10, TimeUnit.SECONDS)) {
            daemon.destroyForcibly().waitFor();
        }
    }
}
