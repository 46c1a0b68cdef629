package io.berth.scanner.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.client.OciClient;
import io.berth.common.client.RegistryEndpoint;
import io.berth.common.testing.Distribution;
import io.berth.scanner.image.TestTar;
import io.berth.scanner.inventory.TestArchives;
import io.berth.scanner.sbom.SbomWritersTest;
import io.berth.scanner.testing.AdapterClient;
import io.berth.scanner.testing.TestImages;
import io.berth.scanner.testing.TestRpmDb;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.berth.scanner.vuln.VulnerabilityMatcherProducerTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real images, scanned end to end: built offline with umoci from real package metadata (this machine's dpkg status,
 * an Alpine installed db, log4j-core 2.14.1 and jackson-databind 2.9.8 from Maven Central, one nested in a fat jar,
 * an npm lock file, a Python dist-info, a Debian-built Go binary), pushed with skopeo to a real CNCF Distribution,
 * pulled by the scanner with the authorization the request carries, and read back through the adapter API.
 */
@QuarkusTest
@TestProfile(VulnerabilityMatcherProducerTest.WithTestDatabase.class)
class ImageScanTest {
    private static final Path IMAGES = Path.of("src/test/resources/images");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Distribution open;
    private static Distribution secured;
    private static Path work;
    private static String debianDigest;
    private static String firstLayer;

    @BeforeAll
    static void images() throws Exception {
        open = Distribution.start();
        secured = Distribution.start("robot$scanner", "s3cret");
        work = Files.createTempDirectory("scanner-images");
        Path layout = work.resolve("layout");
        Path bundle = work.resolve("bundle");
        Path root = TestImages.unpackNew(layout, "1", bundle);
        write(root, "etc/os-release", Files.readAllBytes(IMAGES.resolve("debian/os-release")));
        write(root, "var/lib/dpkg/status", Files.readAllBytes(IMAGES.resolve("debian/status")));
        write(root, "opt/legacy/jackson-databind-2.9.8.jar", Files.readAllBytes(TestArchives.JACKSON));
        write(root, "app/shop.jar", TestArchives.fatJar());
        write(root, "app/package-lock.json", Files.readAllBytes(IMAGES.resolve("npm/package-lock-v2.json")));
        write(root, "usr/lib/python3/dist-packages/requests-2.25.1.dist-info/METADATA", Files.readAllBytes(IMAGES.resolve("python/METADATA")));
        Path go = write(root, "usr/local/bin/registry", Files.readAllBytes(Path.of("/usr/bin/docker-registry")));
        Files.setPosixFilePermissions(go, PosixFilePermissions.fromString("rwxr-xr-x"));
        write(root, "srv/removed/package-lock.json", Files.readAllBytes(IMAGES.resolve("npm/package-lock-v3.json")));
        TestImages.repack(layout, "1", bundle);
        deleteTree(root.resolve("srv/removed")); // the next layer whites it out
        TestImages.repack(layout, "1", bundle);
        TestImages.push(layout, "1", open.host(), "test/debian");
        OciClient client = new OciClient(new RegistryEndpoint(URI.create(open.url()), null, null, false));
        debianDigest = client.manifestDigest("test/debian", "1");
        JsonNode manifest = JSON.readTree(client.manifest("test/debian", debianDigest).content());
        assertThat(manifest.path("layers")).hasSize(2);
        firstLayer = manifest.path("layers").get(0).path("digest").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        open.close();
        secured.close();
        deleteTree(work);
    }

    @Test
    void debianImageInventoryIsExactlyWhatItHolds() throws Exception {
        String id = AdapterClient.submit(AdapterClient.scanRequest(open.url(), null, "test/debian", debianDigest));
        JsonNode report = JSON.readTree(AdapterClient.report(id, ReportTypes.SBOM, ReportTypes.CYCLONEDX).then().statusCode(200)
                .contentType(ReportTypes.SBOM).extract().asString());
        assertThat(report.path("media_type").asText()).isEqualTo(ReportTypes.CYCLONEDX);
        assertThat(report.path("artifact").path("digest").asText()).isEqualTo(debianDigest);
        JsonNode sbom = report.path("sbom");
        assertThat(SbomWritersTest.validCycloneDx(sbom)).isTrue();
        assertThat(inventory(sbom)).containsExactly(
                "Debian:12 base-files 12.4+deb12u11 /var/lib/dpkg/status",
                "Debian:12 bash 5.2.15-2+b8 /var/lib/dpkg/status source=bash@5.2.15-2",
                "Debian:12 libc6 2.36-9+deb12u14 /var/lib/dpkg/status source=glibc@2.36-9+deb12u14",
                "Debian:12 libssl3 3.0.19-1~deb12u2 /var/lib/dpkg/status source=openssl@3.0.19-1~deb12u2",
                "Debian:12 zlib1g 1:1.2.13.dfsg-1 /var/lib/dpkg/status source=zlib@1:1.2.13.dfsg-1",
                "Go stdlib v1.19.8 /usr/local/bin/registry",
                "Maven com.example:shop 1.0.0 /app/shop.jar",
                "Maven com.fasterxml.jackson.core:jackson-databind 2.9.8 /opt/legacy/jackson-databind-2.9.8.jar",
                "Maven org.apache.logging.log4j:log4j-core 2.14.1 /app/shop.jar!/BOOT-INF/lib/log4j-core-2.14.1.jar",
                "PyPI requests 2.25.1 /usr/lib/python3/dist-packages/requests-2.25.1.dist-info/METADATA",
                "npm @babel/core 7.12.0 /app/package-lock.json",
                "npm lodash 4.17.20 /app/package-lock.json",
                "npm semver 5.7.1 /app/package-lock.json");
        assertThat(SbomWritersTest.purls(sbom)).contains("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
                "pkg:deb/debian/libssl3@3.0.19-1~deb12u2?arch=amd64&distro=debian-12", "pkg:npm/%40babel/core@7.12.0",
                "pkg:pypi/requests@2.25.1", "pkg:golang/stdlib@v1.19.8");
        sbom.path("components").forEach(c -> {
            for (JsonNode p : c.path("properties")) {
                if (p.path("name").asText().equals("berth:layer_digest")) {
                    assertThat(p.path("value").asText()).isEqualTo(firstLayer);
                }
            }
        });

        JsonNode spdx = JSON.readTree(AdapterClient.report(id, ReportTypes.SBOM, ReportTypes.SPDX).then().statusCode(200)
                .extract().asString()).path("sbom");
        assertThat(SbomWritersTest.spdxErrors(spdx)).isEmpty();
        assertThat(spdx.path("packages")).hasSize(2 + 13);
    }

    /** The same image's vulnerability report: its packages matched against the test OSV database of real advisories. */
    @Test
    void debianImageVulnerabilitiesAreWhatTheOsvDatabaseSays() throws Exception {
        String id = AdapterClient.submit(AdapterClient.scanRequest(open.url(), null, "test/debian", debianDigest));
        JsonNode report = JSON.readTree(AdapterClient.report(id, ReportTypes.VULNERABILITY, null).then().statusCode(200)
                .extract().asString());
        assertThat(report.path("artifact").path("digest").asText()).isEqualTo(debianDigest);
        assertThat(report.path("scanner").path("name").asText()).isEqualTo("Berth");
        List<String> found = new ArrayList<>();
        report.path("vulnerabilities").forEach(v -> found.add(v.path("id").asText() + " " + v.path("package").asText() + " "
                + v.path("version").asText() + " -> " + v.path("fix_version").asText("none") + " " + v.path("severity").asText()));
        assertThat(report.path("severity").asText()).isEqualTo("Critical");
        assertThat(found).containsExactly(
                "CVE-2021-44228 org.apache.logging.log4j:log4j-core 2.14.1 -> 2.15.0 Critical",
                "CVE-2021-45046 org.apache.logging.log4j:log4j-core 2.14.1 -> 2.16.0 Critical",
                "CVE-2020-36518 com.fasterxml.jackson.core:jackson-databind 2.9.8 -> 2.12.6.1 High",
                "CVE-2021-23337 lodash 4.17.20 -> 4.17.21 High",
                "CVE-2022-42003 com.fasterxml.jackson.core:jackson-databind 2.9.8 -> 2.12.7.1 High",
                "CVE-2023-32681 requests 2.25.1 -> 2.31.0 Medium",
                "CVE-2023-39325 stdlib v1.19.8 -> 1.20.10 Unknown",
                "CVE-2023-45853 zlib1g 1:1.2.13.dfsg-1 -> none Unknown");
    }

    @Test
    void alpineImageWithZstdLayerFromARegistryThatWantsCredentials() throws Exception {
        byte[] tar = new TestTar().file("etc/os-release", Files.readString(IMAGES.resolve("alpine/os-release")))
                .file("lib/apk/db/installed", Files.readString(IMAGES.resolve("alpine/installed"))).bytes();
        OciClient client = new OciClient(new RegistryEndpoint(URI.create(secured.url()), "robot$scanner", "s3cret", false));
        String digest = TestImages.pushLayers(client, "test/alpine", "3.19", List.of(TestImages.zstd(tar, work)), List.of(TestImages.TAR_ZSTD));
        String basic = "Basic " + Base64.getEncoder().encodeToString("robot$scanner:s3cret".getBytes(StandardCharsets.UTF_8));

        String id = AdapterClient.submit(AdapterClient.scanRequest(secured.url(), basic, "test/alpine", digest));
        JsonNode sbom = JSON.readTree(AdapterClient.report(id, ReportTypes.SBOM, ReportTypes.CYCLONEDX).then().statusCode(200)
                .extract().asString()).path("sbom");
        assertThat(inventory(sbom)).containsExactly(
                "Alpine:v3.19 busybox 1.36.1-r15 /lib/apk/db/installed",
                "Alpine:v3.19 libcrypto3 3.1.4-r5 /lib/apk/db/installed source=openssl@3.1.4-r5",
                "Alpine:v3.19 musl 1.2.4_git20230717-r4 /lib/apk/db/installed");
        assertThat(SbomWritersTest.purls(sbom)).contains("pkg:apk/alpine/libcrypto3@3.1.4-r5?arch=x86_64&distro=3.19.1");

        // without the credentials, the pull is refused and the scan fails saying so
        String refused = AdapterClient.submit(AdapterClient.scanRequest(secured.url(), null, "test/alpine", digest));
        AdapterClient.report(refused, ReportTypes.SBOM, ReportTypes.CYCLONEDX).then().statusCode(500)
                .body("error.message", org.hamcrest.Matchers.containsString("pulling the manifest test/alpine@" + digest + " failed"));
    }

    /**
     * A Rocky Linux image whose rpmdb rpm itself wrote (SQLite, at Fedora's and openSUSE's {@code /usr/lib/sysimage/rpm}),
     * built with umoci: its packages carry the OSV ecosystem of the OS release and rpm's {@code epoch:version-release}.
     */
    @Test
    void rockyImageRpmPackagesFromTheSqliteRpmdb() throws Exception {
        Path layout = work.resolve("rpm-layout");
        Path bundle = work.resolve("rpm-bundle");
        Path root = TestImages.unpackNew(layout, "9", bundle);
        write(root, "etc/os-release", "ID=\"rocky\"\nVERSION_ID=\"9.3\"\nPRETTY_NAME=\"Rocky Linux 9.3 (Blue Onyx)\"\n"
                .getBytes(StandardCharsets.UTF_8));
        TestRpmDb.build(work.resolve("rpm-build"), root, "/usr/lib/sysimage/rpm");
        TestImages.repack(layout, "9", bundle);
        TestImages.push(layout, "9", open.host(), "test/rocky");
        OciClient client = new OciClient(new RegistryEndpoint(URI.create(open.url()), null, null, false));
        String digest = client.manifestDigest("test/rocky", "9");

        String id = AdapterClient.submit(AdapterClient.scanRequest(open.url(), null, "test/rocky", digest));
        JsonNode sbom = JSON.readTree(AdapterClient.report(id, ReportTypes.SBOM, ReportTypes.CYCLONEDX).then().statusCode(200)
                .extract().asString()).path("sbom");
        assertThat(SbomWritersTest.validCycloneDx(sbom)).isTrue();
        assertThat(inventory(sbom)).containsExactly(
                "Rocky Linux:9 berth-tiny 2:1.2.3-4.fc40 /usr/lib/sysimage/rpm/rpmdb.sqlite",
                "Rocky Linux:9 berth-tiny-data 2:1.2.3-4.fc40 /usr/lib/sysimage/rpm/rpmdb.sqlite source=berth-tiny@2:1.2.3-4.fc40");
        assertThat(SbomWritersTest.purls(sbom)).contains("pkg:rpm/rocky/berth-tiny@1.2.3-4.fc40?arch=noarch&distro=rocky-9.3&epoch=2");
        JsonNode spdx = JSON.readTree(AdapterClient.report(id, ReportTypes.SBOM, ReportTypes.SPDX).then().statusCode(200)
                .extract().asString()).path("sbom");
        assertThat(SbomWritersTest.spdxErrors(spdx)).isEmpty();
    }

    /** {@code ecosystem name version path [source=name@version]} of each library component, in the SBOM's order. */
    static List<String> inventory(JsonNode cycloneDx) {
        List<String> lines = new ArrayList<>();
        for (JsonNode c : cycloneDx.path("components")) {
            if (!c.path("type").asText().equals("library")) {
                continue;
            }
            String ecosystem = "";
            String path = "";
            String sourceName = null;
            String sourceVersion = null;
            for (JsonNode p : c.path("properties")) {
                switch (p.path("name").asText()) {
                    case "berth:ecosystem" -> ecosystem = p.path("value").asText();
                    case "berth:path" -> path = p.path("value").asText();
                    case "berth:source_name" -> sourceName = p.path("value").asText();
                    case "berth:source_version" -> sourceVersion = p.path("value").asText();
                    default -> { }
                }
            }
            String name = c.has("group") ? c.path("group").asText() + ":" + c.path("name").asText() : c.path("name").asText();
            lines.add(ecosystem + " " + name + " " + c.path("version").asText() + " " + path
                    + (sourceName == null ? "" : " source=" + sourceName + "@" + sourceVersion));
        }
        return lines;
    }

    static Path write(Path root, String path, byte[] content) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        return file;
    }

    static void deleteTree(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
