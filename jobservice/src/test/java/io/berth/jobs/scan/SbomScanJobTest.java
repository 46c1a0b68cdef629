package io.berth.jobs.scan;

import static io.berth.jobs.testing.Executions.awaitStatus;
import static io.berth.jobs.testing.Executions.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.client.Manifest;
import io.berth.common.client.OciClient;
import io.berth.common.client.RegistryEndpoint;
import io.berth.common.media.MediaTypes;
import io.berth.common.scan.ReportTypes;
import io.berth.common.secret.SecretBox;
import io.berth.common.testing.Distribution;
import io.berth.common.testing.OciLayout;
import io.berth.common.testing.Skopeo;
import io.berth.common.testing.TestScannerAdapter;
import io.berth.jobs.testing.JobsTestResource;
import io.berth.jobs.testing.StubServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An SBOM scan as a SCAN task runs it: the adapter ({@link TestScannerAdapter} with its v1.2 {@code sbom} capability)
 * is asked for SPDX JSON, the SBOM goes into the image's repository of the registry jobservice pushes to (a real CNCF
 * Distribution here) as Harbor's accessory, and core gets Harbor's SBOM summary naming the accessory's digest.
 */
@QuarkusTest
@QuarkusTestResource(JobsTestResource.class)
@TestProfile(StubServices.Profile.class)
class SbomScanJobTest {
    static final String REPO = "library/sbom-app";
    static final ObjectMapper JSON = new ObjectMapper();
    static TestScannerAdapter adapter;
    static StubCoreScan core;
    static Distribution registry;
    static OciClient client;
    static Manifest image;

    @BeforeAll
    static void up() throws Exception {
        adapter = new TestScannerAdapter();
        core = new StubCoreScan(StubServices.CORE_PORT);
        registry = Distribution.start(null, null, StubServices.REGISTRY_PORT);
        client = new OciClient(new RegistryEndpoint(URI.create(registry.url()), null, null, false));
        image = pushImage(client, REPO);
    }

    @AfterAll
    static void down() throws Exception {
        adapter.close();
        core.close();
        registry.close();
    }

    @BeforeEach
    void reset() {
        adapter.reset();
        adapter.sbom = true;
        core.reset();
    }

    @Test
    void anSbomScanPushesTheSbomAsAnAccessoryAndPostsHarborsSummary() throws Exception {
        String reportId = UUID.randomUUID().toString();
        long id = ScanJobTest.start(ScanJobTest.request(sbomScan(reportId)));
        awaitStatus(id, "Success");

        JsonNode sent = adapter.scanRequests.get(0);
        assertThat(sent.path("enabled_capabilities").toString())
                .isEqualTo("[{\"type\":\"sbom\",\"parameters\":{\"sbom_media_types\":[\"application/spdx+json\"]}}]");
        assertThat(adapter.reportAccepts).containsOnly(TestScannerAdapter.SBOM_REPORT_TYPE);
        assertThat(adapter.reportQueries).containsOnly("sbom_media_type=application%2Fspdx%2Bjson");

        assertThat(core.posts).hasSize(1);
        JsonNode posted = core.posts.get(0);
        assertThat(posted.path("mime_type").asText()).isEqualTo(ReportTypes.SBOM_REPORT);
        JsonNode summary = JSON.readTree(posted.path("report").asText());
        assertThat(summary.path("scan_status").asText()).isEqualTo("Success");
        assertThat(summary.path("sbom_repository").asText()).isEqualTo(REPO);
        assertThat(summary.path("scanner").path("name").asText()).isEqualTo("TestScanner");
        assertThat(summary.has("start_time") && summary.has("end_time") && summary.has("duration")).isTrue();
        String sbomDigest = summary.path("sbom_digest").asText();

        JsonNode accessory = JSON.readTree(client.manifest(REPO, sbomDigest).content());
        assertThat(accessory.path("artifactType").asText()).isEqualTo(ReportTypes.SBOM_ACCESSORY);
        assertThat(accessory.path("subject").path("digest").asText()).isEqualTo(image.digest());
        Path pulled = Files.createTempDirectory("sbom-pulled");
        assertThat(Skopeo.run("copy", "--src-tls-verify=false", "docker://" + registry.host() + "/" + REPO + "@" + sbomDigest,
                "oci:" + pulled + ":sbom")).doesNotStartWith("FAILED");
        String layer = accessory.path("layers").get(0).path("digest").asText().substring("sha256:".length());
        JsonNode spdx = JSON.readTree(Files.readAllBytes(pulled.resolve("blobs/sha256/" + layer)));
        assertThat(spdx.path("spdxVersion").asText()).isEqualTo("SPDX-2.3");
        assertThat(spdx.path("packages").get(0).path("name").asText()).isEqualTo("bash");
        assertThat((String) task(id).get("log")).contains("pushed the SBOM").contains("stored as report " + reportId);
    }

    @Test
    void aTaskTriedAgainPushesTheSameAccessory() throws Exception {
        core.failuresLeft.set(1);
        long id = ScanJobTest.start(ScanJobTest.request(sbomScan(UUID.randomUUID().toString())));
        awaitStatus(id, "Success");
        assertThat(adapter.scanRequests).hasSize(1);
        assertThat(core.posts).hasSize(2);
        String first = JSON.readTree(core.posts.get(0).path("report").asText()).path("sbom_digest").asText();
        String second = JSON.readTree(core.posts.get(1).path("report").asText()).path("sbom_digest").asText();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void anSbomScanOfAnImageTheRegistryDoesNotHoldFailsWithoutPostingAReport() throws Exception {
        Map<String, Object> scan = new java.util.HashMap<>(sbomScan(UUID.randomUUID().toString()));
        scan.put("digest", "sha256:" + "e".repeat(64));
        long id = ScanJobTest.start(ScanJobTest.request(scan));
        awaitStatus(id, "Error");
        assertThat(core.posts).isEmpty();
    }

    static Map<String, Object> sbomScan(String reportId) throws Exception {
        String sealed = SecretBox.fromFile(JobsTestResource.DIR.resolve("secret.key")).encrypt(TestScannerAdapter.API_KEY);
        Map<String, Object> registration = Map.of("uuid", "u-1", "name", "test-adapter", "url", adapter.url(), "auth", "X-ScannerAdapter-API-Key",
                "sealed_credential", sealed, "skip_cert_verify", false, "use_internal_addr", false);
        return Map.of("report_id", reportId, "adapter", registration, "repository", REPO, "digest", image.digest(), "tag", "v1",
                "media_type", MediaTypes.OCI_MANIFEST, "report_mime_type", TestScannerAdapter.SBOM_REPORT_TYPE);
    }

    /** A one-layer OCI image, pushed by digest. */
    static Manifest pushImage(OciClient client, String repository) {
        byte[] layer = OciLayout.tar("hello", "hello".getBytes(StandardCharsets.UTF_8));
        client.pushBlob(repository, OciLayout.sha256(layer), layer.length, new ByteArrayInputStream(layer));
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + OciLayout.sha256(layer) + "\"]}}").getBytes(StandardCharsets.UTF_8);
        client.pushBlob(repository, OciLayout.sha256(config), config.length, new ByteArrayInputStream(config));
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
                + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + OciLayout.sha256(config) + "\",\"size\":" + config.length
                + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + OciLayout.sha256(layer)
                + "\",\"size\":" + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
        Manifest m = new Manifest(manifest, MediaTypes.OCI_MANIFEST, OciLayout.sha256(manifest));
        client.putManifest(repository, m.digest(), m);
        return m;
    }
}
