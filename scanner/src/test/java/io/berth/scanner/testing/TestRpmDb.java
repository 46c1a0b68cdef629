package io.berth.scanner.testing;

import io.berth.common.testing.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real SQLite rpmdb: {@code rpmbuild} builds the packages of {@code src/test/resources/images/rpm/berth-tiny.spec}
 * (berth-tiny and berth-tiny-data, 2:1.2.3-4.fc40, noarch, from berth-tiny-1.2.3-4.fc40.src.rpm) and {@code rpm}
 * records them with {@code --justdb} in a database it initializes with the sqlite backend (rpm 4.16+'s default).
 */
public final class TestRpmDb {
    public static final Path SPEC = Path.of("src/test/resources/images/rpm/berth-tiny.spec");

    private TestRpmDb() {}

    /** Builds the database at {@code root}{@code dbPath} (e.g. {@code /var/lib/rpm}) and returns its {@code rpmdb.sqlite}. */
    public static Path build(Path work, Path root, String dbPath) throws Exception {
        Path top = Files.createDirectories(work.resolve("rpmbuild"));
        run("rpmbuild", "--define", "_topdir " + top.toAbsolutePath(), "-bb", SPEC.toAbsolutePath().toString());
        List<String> rpms = new ArrayList<>();
        try (Stream<Path> files = Files.walk(top.resolve("RPMS"))) {
            files.filter(p -> p.toString().endsWith(".rpm")).sorted().forEach(p -> rpms.add(p.toString()));
        }
        List<String> rpm = List.of("rpm", "--root", root.toAbsolutePath().toString(), "--dbpath", dbPath, "--define", "_db_backend sqlite");
        run(concat(rpm, List.of("--initdb")));
        run(concat(rpm, concat(List.of("-i", "--nodeps", "--justdb"), rpms)));
        return root.resolve(dbPath.substring(1)).resolve("rpmdb.sqlite");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void run(String... command) throws Exception {
        run(List.of(command));
    }

    private static void run(List<String> command) throws Exception {
        Command.Result result = Command.run(Map.of(), command, Duration.ofMinutes(2));
        if (!result.ok()) {
            throw new IOException(String.join(" ", command) + " failed: " + result.output());
        }
    }
}
