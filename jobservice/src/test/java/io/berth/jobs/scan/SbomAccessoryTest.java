package io.berth.jobs.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.client.Manifest;
import io.berth.common.client.OciClient;
import io.berth.common.client.RegistryEndpoint;
import io.berth.common.media.MediaTypes;
import io.berth.common.scan.ReportTypes;
import io.berth.common.testing.Distribution;
import io.berth.common.testing.OciLayout;
import io.berth.common.testing.Skopeo;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Harbor's SBOM accessory made from an adapter's SBOM report and pushed to a real CNCF Distribution: the SBOM is
 * copied out of the report as it is parsed, the accessory is an OCI artifact whose subject is the image, and skopeo
 * pulls it with the SBOM as its one layer.
 */
class SbomAccessoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPORT = "{\"generated_at\":\"2026-12-07T17:00:00Z\",\"artifact\":{\"repository\":\"library/app\"},"
            + "\"scanner\":{\"name\":\"Berth\",\"vendor\":\"Berth\",\"version\":\"1\"},\"media_type\":\"application/spdx+json\","
            + "\"sbom\":{\"spdxVersion\":\"SPDX-2.3\",\"name\":\"app\",\"packages\":[{\"name\":\"bash\",\"versionInfo\":\"5.2\"}]},"
            + "\"vendor_attributes\":{}}";
    private static Distribution registry;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        registry = Distribution.start();
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
    }

    @Test
    void extractCopiesTheReportsSbomAndItsDigest() throws Exception {
        SbomAccessory.Document doc = SbomAccessory.extract(REPORT, dir.resolve("sbom.json"));
        byte[] written = Files.readAllBytes(doc.file());
        assertThat(new String(written, StandardCharsets.UTF_8))
                .isEqualTo("{\"spdxVersion\":\"SPDX-2.3\",\"name\":\"app\",\"packages\":[{\"name\":\"bash\",\"versionInfo\":\"5.2\"}]}");
        assertThat(doc.digest()).isEqualTo(OciLayout.sha256(written));
        assertThat(doc.size()).isEqualTo(written.length);
    }

    @Test
    void extractRefusesReportsWithoutAnSbomObject() {
        Path file = dir.resolve("bad.json");
        assertThatThrownBy(() -> SbomAccessory.extract("not json", file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> SbomAccessory.extract("[1]", file)).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> SbomAccessory.extract("{\"media_type\":\"x\",\"artifact\":{\"sbom\":{}}}", file))
                .hasMessageContaining("has no sbom");
        assertThatThrownBy(() -> SbomAccessory.extract("{\"sbom\":\"text\"}", file)).hasMessageContaining("sbom is not a JSON object");
        assertThatThrownBy(() -> SbomAccessory.extract("{\"sbom\":{\"a\":", file)).hasMessageContaining("not JSON");
    }

    @Test
    void pushedAccessoryHasTheImageAsSubjectAndSkopeoPullsTheSbom() throws Exception {
        OciClient client = new OciClient(new RegistryEndpoint(URI.create(registry.url()), null, null, false));
        Manifest image = SbomScanJobTest.pushImage(client, "library/app");
        SbomAccessory.Document doc = SbomAccessory.extract(REPORT, dir.resolve("sbom.json"));

        String digest = SbomAccessory.push(client, "library/app",
                new SbomAccessory.Subject(image.digest(), image.mediaType(), image.content().length), doc, Instant.parse("2026-12-07T17:00:00.5Z"));

        JsonNode accessory = JSON.readTree(client.manifest("library/app", digest).content());
        assertThat(accessory.path("mediaType").asText()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(accessory.path("artifactType").asText()).isEqualTo(ReportTypes.SBOM_ACCESSORY);
        assertThat(accessory.path("config").path("mediaType").asText()).isEqualTo(ReportTypes.SBOM_ACCESSORY);
        assertThat(accessory.path("layers")).hasSize(1);
        assertThat(accessory.path("layers").get(0).path("mediaType").asText()).isEqualTo("application/vnd.oci.image.layer.v1.tar");
        assertThat(accessory.path("layers").get(0).path("digest").asText()).isEqualTo(doc.digest());
        assertThat(accessory.path("subject").path("digest").asText()).isEqualTo(image.digest());
        assertThat(accessory.path("subject").path("size").asLong()).isEqualTo(image.content().length);
        assertThat(accessory.path("annotations").path("org.opencontainers.artifact.created").asText()).isEqualTo("2026-12-07T17:00:00Z");
        assertThat(accessory.path("annotations").path("created-by").asText()).isEqualTo("Berth");

        Path pulled = dir.resolve("pulled");
        String copied = Skopeo.run("copy", "--src-tls-verify=false", "docker://" + registry.host() + "/library/app@" + digest,
                "oci:" + pulled + ":sbom");
        assertThat(copied).doesNotStartWith("FAILED");
        byte[] layer = Files.readAllBytes(pulled.resolve("blobs/sha256/" + doc.digest().substring("sha256:".length())));
        assertThat(JSON.readTree(layer).path("spdxVersion").asText()).isEqualTo("SPDX-2.3");
        assertThat(layer).isEqualTo(Files.readAllBytes(doc.file()));
    }
}
