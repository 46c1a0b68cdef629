package io.berth.scanner.vuln.osv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the operator's directory (zips as osv.dev exports them, or JSON), and reloading it as it changes. */
class ReloadingOsvDatabaseTest {

    @TempDir
    Path dir;

    private static List<String> ids(List<AffectedPackage> entries) {
        return entries.stream().map(e -> e.advisory().id()).distinct().sorted().toList();
    }

    @Test
    void loadsOsvDevExportZipsIndexedByEcosystemAndPackage() throws IOException {
        OsvTestDatabase.mirrorAsZips(dir);
        OsvDatabase db = new ReloadingOsvDatabase(dir).get();

        assertThat(db.recordCount()).isEqualTo(15);
        assertThat(ids(db.lookup("Maven", "org.apache.logging.log4j:log4j-core")))
                .containsExactly("GHSA-7rjr-3q55-vv33", "GHSA-jfh8-c2jp-5v3q");
        assertThat(ids(db.lookup("Debian:12", "zlib"))).containsExactly("DEBIAN-CVE-2022-37434", "DEBIAN-CVE-2023-45853");
        assertThat(ids(db.lookup("Debian:11", "zlib")))
                .containsExactly("DEBIAN-CVE-2022-37434", "DEBIAN-CVE-2023-45853", "DSA-5218-1");
        assertThat(db.lookup("Debian:13", "zlib")).isEmpty();
        assertThat(ids(db.lookup("PyPI", "Requests"))).containsExactly("GHSA-j8r2-6x86-q33q", "PYSEC-2023-74");
        assertThat(db.lookup("Maven", "log4j-core")).isEmpty();
    }

    @Test
    void loadsPlainJsonFilesToo() {
        OsvDatabase db = new ReloadingOsvDatabase(OsvTestDatabase.jsonDirectory()).get();
        assertThat(db.recordCount()).isEqualTo(15);
    }

    @Test
    void keepsOnlyWhatMatchingAndTheReportNeed() throws IOException {
        OsvTestDatabase.mirrorAsZips(dir);
        AffectedPackage log4shell = new ReloadingOsvDatabase(dir).get()
                .lookup("Maven", "org.apache.logging.log4j:log4j-core").stream()
                .filter(e -> e.advisory().id().equals("GHSA-jfh8-c2jp-5v3q")).findFirst().orElseThrow();
        Advisory a = log4shell.advisory();
        assertThat(a.reportedId()).isEqualTo("CVE-2021-44228");
        assertThat(a.cvss().scoreV3()).isEqualTo(10.0);
        assertThat(a.cweIds()).containsExactly("CWE-20", "CWE-400", "CWE-502", "CWE-917");
        assertThat(a.links()).first().isEqualTo("https://osv.dev/vulnerability/GHSA-jfh8-c2jp-5v3q");
        assertThat(log4shell.ranges()).hasSize(3);

        AffectedPackage pysec = new ReloadingOsvDatabase(dir).get().lookup("PyPI", "requests").stream()
                .filter(e -> e.advisory().id().equals("PYSEC-2023-74")).findFirst().orElseThrow();
        assertThat(pysec.versions()).as("a list that only enumerates an evaluable range is not kept").isEmpty();
        assertThat(pysec.advisory().reportedId()).isEqualTo("CVE-2023-32681");
    }

    @Test
    void reloadsWhenAFileChangesAndSwapsTheWholeDatabase() throws IOException {
        Path maven = Files.createDirectories(dir.resolve("Maven"));
        Path zip = maven.resolve("all.zip");
        List<Path> records = OsvTestDatabase.records(OsvTestDatabase.jsonDirectory().resolve("Maven"));
        OsvTestDatabase.zip(zip, records.subList(0, 1));
        ReloadingOsvDatabase reloading = new ReloadingOsvDatabase(dir);
        OsvDatabase first = reloading.get();
        assertThat(first.recordCount()).isEqualTo(1);
        assertThat(reloading.get()).isSameAs(first);

        OsvTestDatabase.zip(zip, records);
        Files.setLastModifiedTime(zip, FileTime.from(Instant.now().plusSeconds(5)));
        OsvDatabase second = reloading.get();
        assertThat(second).isNotSameAs(first);
        assertThat(second.recordCount()).isEqualTo(4);
        assertThat(first.recordCount()).as("a scan that holds the old one keeps it whole").isEqualTo(1);

        Files.copy(OsvTestDatabase.jsonDirectory().resolve("npm/GHSA-35jh-r3h4-6jhm.json"),
                dir.resolve("GHSA-35jh-r3h4-6jhm.json"));
        assertThat(reloading.get().recordCount()).isEqualTo(5);

        Files.delete(zip);
        assertThat(reloading.get().recordCount()).isEqualTo(1);
    }

    @Test
    void aBrokenFileIsSkippedAndTheOthersLoad() throws IOException {
        OsvTestDatabase.mirrorAsZips(dir);
        Files.writeString(dir.resolve("truncated.zip"), "PK\u0003\u0004 not really a zip", StandardCharsets.ISO_8859_1);
        Files.writeString(dir.resolve("broken.json"), "{\"id\": \"GHSA-xxxx\", \"affected\": [");
        Files.writeString(dir.resolve(".all.zip.partial"), "ignored: a mirror's download in progress");
        assertThat(new ReloadingOsvDatabase(dir).get().recordCount()).isEqualTo(15);
    }

    @Test
    void aFileBrokenByAnUpdateKeepsItsPreviousVersion() throws IOException {
        OsvTestDatabase.mirrorAsZips(dir);
        ReloadingOsvDatabase reloading = new ReloadingOsvDatabase(dir);
        assertThat(reloading.get().recordCount()).isEqualTo(15);

        Path maven = dir.resolve("Maven/all.zip");
        byte[] whole = Files.readAllBytes(maven);
        Files.write(maven, java.util.Arrays.copyOf(whole, whole.length / 2)); // a half-copied mirror
        Files.setLastModifiedTime(maven, FileTime.from(Instant.now().plusSeconds(5)));
        OsvDatabase during = reloading.get();
        assertThat(during.recordCount()).isEqualTo(15);
        assertThat(during.lookup("Maven", "org.apache.logging.log4j:log4j-core")).isNotEmpty();
    }

    @Test
    void aBadRecordInsideAZipIsSkippedAlone() throws IOException {
        Path good = OsvTestDatabase.jsonDirectory().resolve("npm/GHSA-35jh-r3h4-6jhm.json");
        Path noId = dir.resolve("no-id.json");
        Files.writeString(noId, "{\"affected\": []}");
        Path notJson = dir.resolve("garbage.json");
        Files.writeString(notJson, "<html>");
        Path zips = Files.createDirectories(dir.resolve("mirror"));
        OsvTestDatabase.zip(zips.resolve("all.zip"), List.of(noId, good, notJson));
        Files.delete(noId);
        Files.delete(notJson);
        OsvDatabase db = new ReloadingOsvDatabase(dir).get();
        assertThat(db.recordCount()).isEqualTo(1);
        assertThat(db.lookup("npm", "lodash")).hasSize(1);
    }

    @Test
    void withdrawnRecordsAreNotLoaded() throws IOException {
        Files.writeString(dir.resolve("withdrawn.json"), """
                {"id": "GHSA-9w6v-m7wp-jwg4", "withdrawn": "2023-01-01T00:00:00Z",
                  "affected": [{"package": {"ecosystem": "npm", "name": "lodash"},
                                              "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}]}]}""");
        Files.copy(OsvTestDatabase.jsonDirectory().resolve("npm/GHSA-p6mc-m468-83gw.json"), dir.resolve("a.json"));
        assertThat(ids(new ReloadingOsvDatabase(dir).get().lookup("npm", "lodash")))
                .containsExactly("GHSA-p6mc-m468-83gw");
    }

    /** Ubuntu's records say {@code Ubuntu:22.04:LTS} where an inventory says {@code Ubuntu:22.04} (shape-only record). */
    @Test
    void ubuntuLtsReleasesAreFoundByTheirPlainNumber() throws IOException {
        Files.writeString(dir.resolve("ubuntu.json"), """
                {"id": "UBUNTU-CVE-0000-0001", "upstream": ["CVE-0000-0001"],
                 "severity": [{"type": "Ubuntu", "score": "medium"}],
                 "affected": [{"package": {"ecosystem": "Ubuntu:22.04:LTS", "name": "openssl"},
                               "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.0.2-0ubuntu1.12"}]}]},
                              {"package": {"ecosystem": "Ubuntu:Pro:18.04:LTS", "name": "openssl"},
                               "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}]}]}""");
        OsvDatabase db = new ReloadingOsvDatabase(dir).get();
        assertThat(db.lookup("Ubuntu:22.04", "openssl")).singleElement()
                .satisfies(e -> assertThat(e.advisory().severity()).isEqualTo(io.berth.scanner.vuln.Severity.MEDIUM));
        assertThat(db.lookup("Ubuntu:18.04", "openssl")).as("Pro releases are another ecosystem").isEmpty();
    }

    @Test
    void noDatabaseIsAnErrorNotAnEmptyReport() throws IOException {
        assertThatThrownBy(() -> new ReloadingOsvDatabase(dir.resolve("missing")).get())
                .isInstanceOf(OsvDatabaseUnavailableException.class).hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> new ReloadingOsvDatabase(dir).get())
                .isInstanceOf(OsvDatabaseUnavailableException.class).hasMessageContaining("no loadable OSV record");
    }

    @Test
    void aDirectoryThatDisappearsLeavesTheLoadedDatabaseInUse() throws IOException {
        Path db = Files.createDirectories(dir.resolve("db"));
        Files.copy(OsvTestDatabase.jsonDirectory().resolve("npm/GHSA-p6mc-m468-83gw.json"), db.resolve("a.json"));
        ReloadingOsvDatabase reloading = new ReloadingOsvDatabase(db);
        OsvDatabase loaded = reloading.get();
        Files.delete(db.resolve("a.json"));
        Files.delete(db);
        assertThat(reloading.get()).isSameAs(loaded);
    }
}
