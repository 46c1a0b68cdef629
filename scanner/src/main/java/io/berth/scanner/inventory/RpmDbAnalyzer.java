package io.berth.scanner.inventory;

import io.berth.scanner.image.ScanFailure;
import io.berth.scanner.image.ScanLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * RPM: the SQLite rpmdb of rpm 4.16+ ({@code /var/lib/rpm/rpmdb.sqlite}; {@code /usr/lib/sysimage/rpm/rpmdb.sqlite}
 * on Fedora 36+ and openSUSE). SQLite needs a file, so the database is copied from the layer's stream into a
 * directory of its own under the scan's work directory, at most {@link ScanLimits#maxFileBytes()} (past it the scan
 * fails, naming the file), opened read-only and immutable (no journal, no lock files), and deleted when read. Each
 * row of {@code Packages} is an RPM header ({@link RpmHeader}); {@code gpg-pubkey} rows are keys, not packages.
 * A database that is not one, or a header that is malformed, fails the scan naming the file.
 */
public final class RpmDbAnalyzer implements Analyzer {
    static final String VAR_LIB = "/var/lib/rpm/rpmdb.sqlite";
    static final String SYSIMAGE = "/usr/lib/sysimage/rpm/rpmdb.sqlite";

    private final Path workDir;

    /** @param workDir the scan's own directory, deleted when the scan ends */
    public RpmDbAnalyzer(Path workDir) {
        this.workDir = workDir;
    }

    @Override
    public boolean accepts(String path, long size, boolean executable) {
        return path.equals(VAR_LIB) || path.equals(SYSIMAGE);
    }

    @Override
    public FileFindings analyze(String path, InputStream content, ScanLimits limits) throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(workDir), "rpmdb");
        try {
            Path db = dir.resolve("rpmdb.sqlite");
            copyBounded(path, content, db, limits.maxFileBytes());
            return FileFindings.of(read(path, db));
        } finally {
            delete(dir);
        }
    }

    private static void copyBounded(String path, InputStream in, Path target, long max) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(target)) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                written += n;
                if (written > max) {
                    throw new ScanFailure(path + " is larger than the " + (max >> 20) + " MiB the scanner reads of a package database");
                }
                out.write(buffer, 0, n);
            }
        }
    }

    private static List<FoundPackage> read(String path, Path db) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.OPEN_URI); // immutable=1: no journal, no -shm file, no lock
        List<FoundPackage> found = new ArrayList<>();
        try (Connection c = config.createConnection("jdbc:sqlite:file:" + db.toAbsolutePath() + "?immutable=1");
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT blob FROM Packages ORDER BY hnum")) {
            while (rows.next()) {
                RpmHeader h = RpmHeader.parse(rows.getBytes(1));
                if (h.name().equals("gpg-pubkey")) {
                    continue;
                }
                found.add(new FoundPackage(PackageType.RPM, h.name(), h.evr(), h.sourceName(), h.sourceEvr(), h.arch(), null));
            }
        } catch (SQLException e) {
            throw new ScanFailure(path + " is not a readable rpm database: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ScanFailure(path + ": " + e.getMessage());
        }
        return found;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
