package io.berth.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of Berth's own under {@code <data_dir>/postgres}, for machines where none
 * answers. It uses the system's binaries ({@code /usr/lib/postgresql/<v>/bin}) or, without them,
 * the binaries from Maven Central's zonky package bundled in the launcher. PostgreSQL refuses to run
 * as root, so when ./berth runs as root the server runs as {@code nobody}.
 */
final class EmbeddedPostgres {
    private static final String UNPRIVILEGED = "nobody";
    private static final String ZONKY_ARCHIVE = "postgres-linux-x86_64.txz";

    private final Path home;
    private final boolean systemBinaries;
    private final Path pgdata;
    private final Path portFile;
    private final Path log;

    EmbeddedPostgres(Path dataDir) {
        this(dataDir, true);
    }

    /** With {@code systemBinaries} false, always the bundled binaries (tests use it to cover machines without PostgreSQL). */
    EmbeddedPostgres(Path dataDir, boolean systemBinaries) {
        this.systemBinaries = systemBinaries;
        this.home = dataDir.resolve("postgres");
        this.pgdata = home.resolve("data");
        this.portFile = dataDir.resolve("run/postgres.port");
        this.log = dataDir.resolve("logs/postgres.log");
    }

    boolean running() {
        return Files.isDirectory(pgdata) && Files.exists(pgdata.resolve("postmaster.pid"))
                && pidFromPostmasterFile().flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
    }

    Optional<Integer> port() {
        try {
            return Files.exists(portFile) ? Optional.of(Integer.parseInt(Files.readString(portFile).strip())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Starts the server, initializing its cluster on first use with {@code user}/{@code password}; returns its port. */
    int start(String user, String password) {
        Path bin = binaries();
        try {
            Files.createDirectories(home);
            Files.createDirectories(log.getParent());
            Files.createDirectories(portFile.getParent());
            if (!Files.exists(pgdata.resolve("PG_VERSION"))) {
                initialize(bin, user, password);
            }
            if (Processes.isRoot()) {
                ownedByUnprivileged(log);
            }
        } catch (IOException e) {
            throw new LaunchException("cannot prepare " + home + ": " + e.getMessage());
        }
        int port = Ports.free(port().orElse(5432));
        Processes.run(asOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", pgdata.toString(), "-l", log.toString(),
                "-w", "-t", "90", "-o", "-c listen_addresses=127.0.0.1 -c port=" + port + " -c unix_socket_directories=''",
                "start")), Map.of(), Duration.ofSeconds(120));
        try {
            Files.writeString(portFile, Integer.toString(port));
        } catch (IOException e) {
            throw new LaunchException("cannot write " + portFile + ": " + e.getMessage());
        }
        return port;
    }

    void stop() {
        if (running()) {
            Processes.run(asOwner(List.of(binaries().resolve("pg_ctl").toString(), "-D", pgdata.toString(),
                    "-m", "fast", "-w", "-t", "60", "stop")), Map.of(), Duration.ofSeconds(90));
        }
    }

    private void initialize(Path bin, String user, String password) throws IOException {
        if (Processes.isRoot()) {
            requireReachableByUnprivileged(home);
        }
        Files.createDirectories(pgdata);
        Path pwfile = home.resolve(".pwfile");
        Files.writeString(pwfile, password + "\n");
        try {
            Files.setPosixFilePermissions(pgdata, PosixFilePermissions.fromString("rwx------"));
            if (Processes.isRoot()) {
                ownedByUnprivileged(pgdata);
                ownedByUnprivileged(pwfile);
            }
            Processes.run(asOwner(List.of(bin.resolve("initdb").toString(), "-D", pgdata.toString(), "-U", user,
                    "--pwfile=" + pwfile, "--auth-host=scram-sha-256", "--auth-local=peer", "-E", "UTF8",
                    "--locale=C")), Map.of(), Duration.ofSeconds(120));
        } finally {
            Files.deleteIfExists(pwfile);
        }
    }

    private static List<String> asOwner(List<String> command) {
        if (!Processes.isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", UNPRIVILEGED, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void ownedByUnprivileged(Path path) throws IOException {
        if (!Files.exists(path)) {
            Files.createFile(path);
        }
        UserPrincipal nobody = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(UNPRIVILEGED);
        Files.setOwner(path, nobody);
    }

    /** Running as root, the server runs as nobody, who must be able to reach its directory. */
    private static void requireReachableByUnprivileged(Path dir) throws IOException {
        for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (!Files.getPosixFilePermissions(p).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                throw new LaunchException("the embedded PostgreSQL runs as '" + UNPRIVILEGED + "', who cannot enter " + p
                        + "; set data_dir (BERTH_DATA_DIR) to a directory outside it, e.g. /var/lib/berth");
            }
        }
    }

    /** The newest system PostgreSQL, else the bundled zonky binaries, extracted once. */
    Path binaries() {
        Path system = Path.of("/usr/lib/postgresql");
        if (systemBinaries && Files.isDirectory(system)) {
            try (Stream<Path> versions = Files.list(system)) {
                Optional<Path> newest = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                        .max(Comparator.comparing(b -> versionOf(b.getParent().getFileName().toString())));
                if (newest.isPresent()) {
                    return newest.get();
                }
            } catch (IOException ignored) {
                // fall through to the bundled binaries
            }
        }
        return bundled();
    }

    private Path bundled() {
        Path target = home.resolve("zonky");
        if (Files.isExecutable(target.resolve("bin/pg_ctl"))) {
            return target.resolve("bin");
        }
        try (InputStream archive = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(ZONKY_ARCHIVE)) {
            if (archive == null) {
                throw new LaunchException("no PostgreSQL binaries: neither /usr/lib/postgresql nor the bundled " + ZONKY_ARCHIVE);
            }
            Files.createDirectories(target);
            Path txz = home.resolve(ZONKY_ARCHIVE);
            Files.copy(archive, txz, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Processes.run(List.of("tar", "-xJf", txz.toString(), "-C", target.toString()), Map.of(), Duration.ofMinutes(2));
            Files.delete(txz);
            return target.resolve("bin");
        } catch (IOException e) {
            throw new LaunchException("cannot extract the bundled PostgreSQL into " + target + ": " + e.getMessage());
        }
    }

    private static int versionOf(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Optional<Long> pidFromPostmasterFile() {
        try {
            return Optional.of(Long.parseLong(Files.readAllLines(pgdata.resolve("postmaster.pid")).get(0).strip()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
