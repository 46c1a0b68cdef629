package io.berth.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.common.testing.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An image the built-in scanner finds vulnerabilities in, and the database it finds them with: built with umoci from
 * the scanner's test files (a Debian dpkg status, an npm lock file with lodash 4.17.20, a Python dist-info of requests
 * 2.25.1), tagged {@code 1} in an OCI layout; the scanner tests' OSV records give it 3 findings, High, Medium and
 * Unknown (CVE-2021-23337, CVE-2023-32681, CVE-2023-45853), 2 of them fixable.
 */
final class ScannableImage {
    static final Path SCANNER_TESTS = BerthSystem.HOME.resolve("scanner/src/test/resources");

    private ScannableImage() {}

    /** Builds the image in {@code work}/layout (work/bundle is the unpacked tree) and answers the layout's path. */
    static Path build(Path work) throws Exception {
        Files.createDirectories(work);
        Path layout = work.resolve("layout");
        Path bundle = work.resolve("bundle");
        umoci("init", "--layout", layout.toString());
        umoci("new", "--image", layout + ":1");
        umoci("unpack", "--image", layout + ":1", bundle.toString());
        Path root = bundle.resolve("rootfs");
        copy("images/debian/os-release", root.resolve("etc/os-release"));
        copy("images/debian/status", root.resolve("var/lib/dpkg/status"));
        copy("images/npm/package-lock-v2.json", root.resolve("app/package-lock.json"));
        copy("images/python/METADATA", root.resolve("usr/lib/python3/dist-packages/requests-2.25.1.dist-info/METADATA"));
        umoci("repack", "--image", layout + ":1", bundle.toString());
        return layout;
    }

    /** Puts the OSV records where the scanner of {@code berth} reads them: it reloads them before each scan. */
    static void installDatabase(BerthSystem berth) throws Exception {
        if (!Files.isDirectory(berth.dataDir.resolve("osv"))) { // the shared Berth's classes each install it
            Command.run("cp", "-r", SCANNER_TESTS.resolve("osv").toString(), berth.dataDir.resolve("osv").toString());
        }
    }

    /** Copies a file of the scanner's tests into an image's tree. */
    static void copy(String resource, Path to) throws Exception {
        Files.createDirectories(to.getParent());
        Files.copy(SCANNER_TESTS.resolve(resource), to);
    }

    static void umoci(String... arguments) throws Exception {
        Command.Result result = Command.run(Map.of(), Stream.concat(Stream.of("umoci"), Stream.of(arguments)).toList(), Duration.ofMinutes(2));
        assertThat(result.ok()).as(result.output()).isTrue();
    }
}
