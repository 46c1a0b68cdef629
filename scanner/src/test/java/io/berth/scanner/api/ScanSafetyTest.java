package io.berth.scanner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.client.Manifest;
import io.berth.common.client.OciClient;
import io.berth.common.client.RegistryEndpoint;
import io.berth.common.media.MediaTypes;
import io.berth.common.testing.Distribution;
import io.berth.common.testing.OciLayout;
import io.berth.scanner.image.TestTar;
import io.berth.scanner.inventory.TestArchives;
import io.berth.scanner.testing.AdapterClient;
import io.berth.scanner.testing.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken images: each scan fails with a reason (or ignores what is not part of the image), the service
 * keeps serving, and nothing is written outside the scanner's work directory, which is empty again after each scan.
 */
@QuarkusTest
class ScanSafetyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Distribution registry;
    private static OciClient client;

    @BeforeAll
    static void start() throws Exception {
        registry = Distribution.start();
        client = new OciClient(new RegistryEndpoint(URI.create(registry.url()), null, null, false));
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
    }

    @AfterEach
    void workDirectoryIsEmptyAgain() throws Exception {
        Path work = Path.of("target/scanner-work");
        if (Files.exists(work)) {
            try (Stream<Path> left = Files.list(work)) {
                assertThat(left).isEmpty();
            }
        }
    }

    @Test
    void corruptGzipLayerFailsNamingTheLayer() throws Exception {
        byte[] corrupt = OciLayout.gzip(new TestTar().file("etc/hello", "hello").bytes());
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        System.arraycopy(garbage, 0, corrupt, 10, Math.min(garbage.length, corrupt.length - 18));
        String digest = TestImages.pushLayers(client, "bad/gzip", "1", List.of(corrupt), List.of(MediaTypes.OCI_LAYER));
        String id = AdapterClient.submit(AdapterClient.scanRequest(registry.url(), null, "bad/gzip", digest));
        AdapterClient.report(id, ReportTypes.SBOM, ReportTypes.CYCLONEDX).then().statusCode(500)
                .body("error.message", containsString("layer " + OciLayout.sha256(corrupt)));
    }

    @Test
    void zipBombFailsInsteadOfInflating() throws Exception {
        byte[] layer = OciLayout.gzip(new TestTar().file("app/bomb.jar", TestArchives.zipBomb(64), 0644).bytes());
        String digest = TestImages.pushLayers(client, "bad/bomb", "1", List.of(layer), List.of(MediaTypes.OCI_LAYER));
        String id = AdapterClient.submit(AdapterClient.scanRequest(registry.url(), null, "bad/bomb", digest));
        AdapterClient.report(id, ReportTypes.SBOM, ReportTypes.CYCLONEDX).then().statusCode(500)
                .body("error.message", containsString("/app/bomb.jar inflates past the 16 MiB"));
    }

    @Test
    void namesClimbingOutAndAbsoluteSymlinksStayInsideTheImage() throws Exception {
        String canary = "berth-escape-" + UUID.randomUUID();
        byte[] layer = OciLayout.gzip(new TestTar()
                .file("../../../../../../tmp/" + canary + "/package-lock.json", "{\"packages\":{\"node_modules/evil\":{\"version\":\"6.6.6\"}}}")
                .file("app/../../../tmp/" + canary + ".jar", Files.readAllBytes(TestArchives.LOG4J), 0644)
                .symlink("etc/os-release", "/etc/os-release")
                .symlink("var/lib/dpkg", "/var/lib/dpkg")
                .hardlink("etc/shadow-copy", "/etc/shadow")
                .file("srv/app/package-lock.json", "{\"packages\":{\"node_modules/lodash\":{\"version\":\"4.17.21\"}}}")
                .bytes());
        String digest = TestImages.pushLayers(client, "bad/paths", "1", List.of(layer), List.of(MediaTypes.OCI_LAYER));
        String id = AdapterClient.submit(AdapterClient.scanRequest(registry.url(), null, "bad/paths", digest));
        JsonNode sbom = JSON.readTree(AdapterClient.report(id, ReportTypes.SBOM, ReportTypes.CYCLONEDX).then().statusCode(200)
                .extract().asString()).path("sbom");
        // the host's os-release and dpkg status behind the symlinks are not the image's; the climbing names are not in it
        assertThat(ImageScanTest.inventory(sbom)).containsExactly("npm lodash 4.17.21 /srv/app/package-lock.json");
        assertThat(sbom.path("components").findValuesAsText("type")).doesNotContain("operating-system");
        assertThat(Path.of("/tmp", canary)).doesNotExist();
        assertThat(Path.of("/tmp", canary + ".jar")).doesNotExist();
    }

    @Test
    void indexIsRefusedWithAClearReason() throws Exception {
        String image = TestImages.pushLayers(client, "bad/index", "amd64", List.of(OciLayout.gzip(new TestTar().file("a", "a").bytes())),
                List.of(MediaTypes.OCI_LAYER));
        int size = client.manifest("bad/index", image).content().length;
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[{\"mediaType\":\""
                + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + image + "\",\"size\":" + size
                + ",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}";
        byte[] bytes = index.getBytes(StandardCharsets.UTF_8);
        client.putManifest("bad/index", "multi", new Manifest(bytes, MediaTypes.OCI_INDEX, OciLayout.sha256(bytes)));
        // a caller that does not say what the artifact is still gets a clear failure, not a crash
        String id = AdapterClient.submit(AdapterClient.scanRequest(registry.url(), null, "bad/index", OciLayout.sha256(bytes))
                .replace(",\"mime_type\":\"application/vnd.oci.image.manifest.v1+json\"", ""));
        AdapterClient.report(id, ReportTypes.SBOM, ReportTypes.CYCLONEDX).then().statusCode(500)
                .body("error.message", containsString("is an image index"));
    }
}
