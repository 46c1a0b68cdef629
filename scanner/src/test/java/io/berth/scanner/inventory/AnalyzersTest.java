package io.berth.scanner.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.scanner.image.ScanFailure;
import io.berth.scanner.image.ScanLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each analyzer on real package metadata: this machine's dpkg status, Alpine's installed db, Python and npm metadata, a Go binary. */
class AnalyzersTest {
    static final Path IMAGES = Path.of("src/test/resources/images");

    @Test
    void dpkgStatusKeepsInstalledPackagesWithTheirSourcePackage() throws IOException {
        String status = Files.readString(IMAGES.resolve("debian/status"))
                + "\nPackage: removed-tool\nStatus: deinstall ok config-files\nVersion: 1.0-1\nArchitecture: amd64\n";
        List<FoundPackage> found = analyze(new DpkgStatusAnalyzer(), "/var/lib/dpkg/status", status).packages();
        assertThat(found).containsExactly(
                new FoundPackage(PackageType.DEB, "base-files", "12.4+deb12u11", null, null, "amd64", null),
                new FoundPackage(PackageType.DEB, "bash", "5.2.15-2+b8", "bash", "5.2.15-2", "amd64", null),
                new FoundPackage(PackageType.DEB, "libc6", "2.36-9+deb12u14", "glibc", null, "amd64", null),
                new FoundPackage(PackageType.DEB, "libssl3", "3.0.19-1~deb12u2", "openssl", null, "amd64", null),
                new FoundPackage(PackageType.DEB, "zlib1g", "1:1.2.13.dfsg-1", "zlib", null, "amd64", null));
    }

    @Test
    void dpkgStatusDirectoryOfDistrolessImagesIsRead() {
        DpkgStatusAnalyzer dpkg = new DpkgStatusAnalyzer();
        assertThat(dpkg.accepts("/var/lib/dpkg/status.d/libssl3", 10, false)).isTrue();
        assertThat(dpkg.accepts("/var/lib/dpkg/status.d/libssl3.md5sums", 10, false)).isFalse();
        assertThat(dpkg.accepts("/var/lib/dpkg/status-old", 10, false)).isFalse();
    }

    @Test
    void apkInstalledDbGivesOrigins() throws IOException {
        List<FoundPackage> found = analyze(new ApkInstalledAnalyzer(), "/lib/apk/db/installed",
                Files.readString(IMAGES.resolve("alpine/installed"))).packages();
        assertThat(found).containsExactly(
                new FoundPackage(PackageType.APK, "musl", "1.2.4_git20230717-r4", "musl", null, "x86_64", null),
                new FoundPackage(PackageType.APK, "busybox", "1.36.1-r15", "busybox", null, "x86_64", null),
                new FoundPackage(PackageType.APK, "libcrypto3", "3.1.4-r5", "openssl", null, "x86_64", null));
    }

    @Test
    void osReleaseReadsQuotedFields() throws IOException {
        OsRelease os = analyze(new OsReleaseAnalyzer(), "/etc/os-release", Files.readString(IMAGES.resolve("alpine/os-release"))).os();
        assertThat(os).isEqualTo(new OsRelease("alpine", "3.19.1", null, "Alpine Linux v3.19"));
    }

    @Test
    void pythonMetadataStopsAtTheDescription() throws IOException {
        assertThat(analyze(new PythonMetadataAnalyzer(), "/usr/lib/python3/dist-packages/requests-2.25.1.dist-info/METADATA",
                Files.readString(IMAGES.resolve("python/METADATA"))).packages())
                .containsExactly(FoundPackage.of(PackageType.PYPI, "requests", "2.25.1"));
        assertThat(analyze(new PythonMetadataAnalyzer(), "/usr/lib/python3/site-packages/urllib3-1.26.4.egg-info/PKG-INFO",
                Files.readString(IMAGES.resolve("python/PKG-INFO"))).packages())
                .containsExactly(FoundPackage.of(PackageType.PYPI, "urllib3", "1.26.4"));
    }

    @Test
    void npmLockfilesOfEveryVersion() throws IOException {
        NpmAnalyzer npm = new NpmAnalyzer();
        assertThat(analyze(npm, "/app/package-lock.json", Files.readString(IMAGES.resolve("npm/package-lock-v1.json"))).packages())
                .containsExactly(npmPackage("lodash", "4.17.20"), npmPackage("express", "4.17.1"), npmPackage("qs", "6.7.0"));
        assertThat(analyze(npm, "/app/package-lock.json", Files.readString(IMAGES.resolve("npm/package-lock-v2.json"))).packages())
                .containsExactly(npmPackage("lodash", "4.17.20"), npmPackage("@babel/core", "7.12.0"), npmPackage("semver", "5.7.1"));
        assertThat(analyze(npm, "/srv/node_modules/.package-lock.json", Files.readString(IMAGES.resolve("npm/package-lock-v3.json"))).packages())
                .containsExactly(npmPackage("minimist", "1.2.5"), npmPackage("lodash", "4.17.21"));
    }

    @Test
    void npmInstalledPackageJsonOnlyUnderNodeModules() throws IOException {
        NpmAnalyzer npm = new NpmAnalyzer();
        assertThat(npm.accepts("/app/node_modules/lodash/package.json", 100, false)).isTrue();
        assertThat(npm.accepts("/app/node_modules/@babel/core/package.json", 100, false)).isTrue();
        assertThat(npm.accepts("/app/package.json", 100, false)).isFalse();
        assertThat(npm.accepts("/app/node_modules/lodash/lib/package.json", 100, false)).isFalse();
        assertThat(analyze(npm, "/app/node_modules/@babel/core/package.json", "{\"name\":\"@babel/core\",\"version\":\"7.12.0\",\"main\":\"x\"}")
                .packages()).containsExactly(npmPackage("@babel/core", "7.12.0"));
        assertThat(analyze(npm, "/app/node_modules/broken/package.json", "{\"name\":").packages()).isEmpty();
    }

    @Test
    void oversizedPackageDatabaseFailsTheScanNamingIt() {
        ScanLimits tiny = new ScanLimits(1024, 1 << 20, 4);
        assertThatThrownBy(() -> new DpkgStatusAnalyzer().analyze("/var/lib/dpkg/status",
                new ByteArrayInputStream(new byte[4096]), tiny))
                .isInstanceOf(ScanFailure.class).hasMessageContaining("/var/lib/dpkg/status is larger than");
    }

    @Test
    void goBinaryOfDebianGivesItsToolchainAsStdlib() throws IOException {
        Path binary = Path.of("/usr/bin/docker-registry");
        try (InputStream in = Files.newInputStream(binary)) {
            assertThat(new GoBinaryAnalyzer().analyze(binary.toString(), in, ScanLimits.DEFAULTS).packages())
                    .containsExactly(FoundPackage.of(PackageType.GO, "stdlib", "v1.19.8"));
        }
    }

    @Test
    void goBuildInfoWithModulesAndReplacements() throws IOException {
        String modinfo = "path\texample.com/app/cmd/app\n"
                + "mod\texample.com/app\tv1.4.0\th1:abc=\n"
                + "dep\tgolang.org/x/net\tv0.7.0\th1:def=\n"
                + "dep\tgithub.com/old/lib\tv1.0.0\th1:ghi=\n"
                + "=>\tgithub.com/fork/lib\tv1.0.1\th1:jkl=\n"
                + "dep\texample.com/local\tv0.0.0\n"
                + "=>\t../local\t\t\n"
                + "build\tGOOS=linux\n";
        byte[] elf = fakeElf(buildInfo("go1.21.5", modinfo), 4096 + 7 * 16);
        assertThat(new GoBinaryAnalyzer().analyze("/app", new ByteArrayInputStream(elf), ScanLimits.DEFAULTS).packages())
                .containsExactly(FoundPackage.of(PackageType.GO, "stdlib", "v1.21.5"),
                        FoundPackage.of(PackageType.GO, "example.com/app", "v1.4.0"),
                        FoundPackage.of(PackageType.GO, "golang.org/x/net", "v0.7.0"),
                        FoundPackage.of(PackageType.GO, "github.com/fork/lib", "v1.0.1"));
        // the magic must sit at a 16-byte aligned offset, as the linker puts it
        assertThat(new GoBinaryAnalyzer().analyze("/app", new ByteArrayInputStream(fakeElf(buildInfo("go1.21.5", modinfo), 4096 + 8)),
                ScanLimits.DEFAULTS).packages()).isEmpty();
        // a blob found across the analyzer's 1 MiB read window
        assertThat(new GoBinaryAnalyzer().analyze("/app", new ByteArrayInputStream(fakeElf(buildInfo("go1.21.5", modinfo), (1 << 20) - 16)),
                ScanLimits.DEFAULTS).packages()).hasSize(4);
    }

    @Test
    void notAnElfIsNotAGoBinary() throws IOException {
        assertThat(new GoBinaryAnalyzer().analyze("/script.sh", new ByteArrayInputStream("#!/bin/sh\necho \u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1)),
                ScanLimits.DEFAULTS).isEmpty()).isTrue();
    }

    /** The Go 1.18+ inline build info: magic, pointer size, flags (2: inline strings), padding to 32, then varint-length strings. */
    static byte[] buildInfo(String version, String modinfo) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(GoBinaryAnalyzer.MAGIC);
        out.write(8);
        out.write(2);
        out.write(new byte[16]);
        string(out, version.getBytes(StandardCharsets.UTF_8));
        byte[] sentinel = new byte[16];
        ByteArrayOutputStream mod = new ByteArrayOutputStream();
        mod.write(sentinel);
        mod.write(modinfo.getBytes(StandardCharsets.UTF_8));
        mod.write(sentinel);
        string(out, mod.toByteArray());
        return out.toByteArray();
    }

    static byte[] fakeElf(byte[] blob, int at) {
        byte[] elf = new byte[at + blob.length + 1000];
        elf[0] = 0x7f;
        elf[1] = 'E';
        elf[2] = 'L';
        elf[3] = 'F';
        System.arraycopy(blob, 0, elf, at, blob.length);
        return elf;
    }

    private static void string(ByteArrayOutputStream out, byte[] bytes) throws IOException {
        long n = bytes.length;
        while (n >= 0x80) {
            out.write((int) (n & 0x7f) | 0x80);
            n >>>= 7;
        }
        out.write((int) n);
        out.write(bytes);
    }

    private static FoundPackage npmPackage(String name, String version) {
        return FoundPackage.of(PackageType.NPM, name, version);
    }

    static FileFindings analyze(Analyzer analyzer, String path, String content) throws IOException {
        assertThat(analyzer.accepts(path, content.length(), false)).as("accepts " + path).isTrue();
        return analyzer.analyze(path, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), ScanLimits.DEFAULTS);
    }
}
