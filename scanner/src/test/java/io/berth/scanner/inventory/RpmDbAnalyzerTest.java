package io.berth.scanner.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.scanner.image.ScanFailure;
import io.berth.scanner.image.ScanLimits;
import io.berth.scanner.testing.TestRpmDb;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SQLite rpmdb analyzer on a database that rpm itself wrote, and on broken ones. */
class RpmDbAnalyzerTest {
    private static Path work;
    private static Path db;

    @BeforeAll
    static void database() throws Exception {
        work = Files.createTempDirectory("rpmdb-test");
        db = TestRpmDb.build(work, work.resolve("root"), "/usr/lib/sysimage/rpm");
    }

    @AfterAll
    static void clean() throws Exception {
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void readsEveryPackageWithEpochArchAndSourcePackage() throws Exception {
        Path scanDir = Files.createDirectories(work.resolve("scan-ok"));
        List<FoundPackage> found = analyze(scanDir, Files.readAllBytes(db), ScanLimits.DEFAULTS);
        assertThat(found).containsExactlyInAnyOrder(
                new FoundPackage(PackageType.RPM, "berth-tiny", "2:1.2.3-4.fc40", "berth-tiny", "2:1.2.3-4.fc40", "noarch", null),
                new FoundPackage(PackageType.RPM, "berth-tiny-data", "2:1.2.3-4.fc40", "berth-tiny", "2:1.2.3-4.fc40", "noarch", null));
        assertThat(scanDir).isEmptyDirectory(); // the copy of the database is gone once read
    }

    @Test
    void bothDatabaseLocationsAreRead() {
        RpmDbAnalyzer rpm = new RpmDbAnalyzer(work);
        assertThat(rpm.accepts("/var/lib/rpm/rpmdb.sqlite", 1, false)).isTrue();
        assertThat(rpm.accepts("/usr/lib/sysimage/rpm/rpmdb.sqlite", 1, false)).isTrue();
        assertThat(rpm.accepts("/var/lib/rpm/rpmdb.sqlite-wal", 1, false)).isFalse();
        assertThat(rpm.accepts("/var/lib/rpm/Packages", 1, false)).isFalse();
    }

    @Test
    void databaseLargerThanTheLimitFailsTheScanAndLeavesNothing() throws Exception {
        Path scanDir = Files.createDirectories(work.resolve("scan-large"));
        ScanLimits small = new ScanLimits(64 * 1024, 1L << 30, 4);
        assertThat(Files.size(db)).isGreaterThan(64 * 1024);
        assertThatThrownBy(() -> analyze(scanDir, Files.readAllBytes(db), small)).isInstanceOf(ScanFailure.class)
                .hasMessageContaining("/var/lib/rpm/rpmdb.sqlite is larger than the 0 MiB");
        assertThat(scanDir).isEmptyDirectory();
    }

    @Test
    void fileThatIsNoDatabaseFailsTheScanNamingIt() throws Exception {
        Path scanDir = Files.createDirectories(work.resolve("scan-garbage"));
        byte[] garbage = new byte[8192];
        Arrays.fill(garbage, (byte) 'x');
        assertThatThrownBy(() -> analyze(scanDir, garbage, ScanLimits.DEFAULTS)).isInstanceOf(ScanFailure.class)
                .hasMessageContaining("/var/lib/rpm/rpmdb.sqlite is not a readable rpm database");
        assertThat(scanDir).isEmptyDirectory();
    }

    @Test
    void truncatedHeaderInTheDatabaseFailsTheScan() throws Exception {
        Path broken = work.resolve("broken.sqlite");
        Files.copy(db, broken);
        try (Connection c = new org.sqlite.SQLiteConfig().createConnection("jdbc:sqlite:" + broken);
                PreparedStatement cut = c.prepareStatement("UPDATE Packages SET blob = substr(blob, 1, 100)")) {
            cut.executeUpdate();
        }
        Path scanDir = Files.createDirectories(work.resolve("scan-truncated"));
        assertThatThrownBy(() -> analyze(scanDir, Files.readAllBytes(broken), ScanLimits.DEFAULTS)).isInstanceOf(ScanFailure.class)
                .hasMessageContaining("/var/lib/rpm/rpmdb.sqlite: an RPM header says");
        assertThat(scanDir).isEmptyDirectory();
    }

    private static List<FoundPackage> analyze(Path scanDir, byte[] content, ScanLimits limits) throws Exception {
        try (InputStream in = new java.io.ByteArrayInputStream(content)) {
            return new RpmDbAnalyzer(scanDir).analyze("/var/lib/rpm/rpmdb.sqlite", in, limits).packages();
        }
    }
}
