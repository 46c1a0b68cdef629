package io.berth.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.media.MediaTypes;
import io.berth.common.testing.Command;
import io.berth.common.testing.OciLayout;
import io.berth.common.testing.Skopeo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code prevent_vul} on the whole system as {@code ./berth up} starts it, with real clients: an image with a Debian
 * package database (the scanner's test files) is pushed with skopeo to a project that prevents pulls of images with
 * findings of any severity. Unscanned, skopeo and {@code docker pull} are refused with Harbor's message; the built-in
 * scanner (its OSV database: the scanner's test records) still pulls it, being exempt, and finds zlib's CVEs; the pulls are
 * refused naming the count; allowlisting those CVEs in the project lets them through, then the same through the system
 * allowlist ({@code reuse_sys_cve_allowlist}); once the system list expires the refusal comes back. On the
 * {@link SharedBerth}, after {@link ScanIT} (the system allowlist it leaves behind has expired).
 */
@Order(6)
@ExtendWith(SharedBerth.class)
class PreventVulIT {
    static final String ADMIN = "admin:Harbor12345";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String POLICY = "due to configured policy in 'Prevent images with vulnerability severity of \"None\" or higher from running.'";
    static BerthSystem berth;
    static Path work;
    static Path layout;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void up(BerthSystem shared) throws Exception {
        berth = shared;
        ScannableImage.installDatabase(berth);
        work = Files.createTempDirectory("prevent-it");
        layout = work.resolve("layout");
        debianImage(new OciLayout(layout));
    }

    @AfterAll
    static void down() throws Exception {
        if (work != null) {
            Command.run("rm", "-rf", work.toString());
        }
    }

    /** An OCI image of two layers: Debian 12's os-release and a dpkg status listing zlib1g 1:1.2.13.dfsg-1 (among others). */
    static void debianImage(OciLayout oci) throws Exception {
        Path resources = BerthSystem.HOME.resolve("scanner/src/test/resources/images/debian");
        List<String> layers = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        for (var file : List.of(Map.entry("etc/os-release", "os-release"), Map.entry("var/lib/dpkg/status", "status"))) {
            byte[] tar = OciLayout.tar(file.getKey(), Files.readAllBytes(resources.resolve(file.getValue())));
            diffIds.add("\"" + OciLayout.sha256(tar) + "\"");
            layers.add(oci.blob(MediaTypes.OCI_LAYER, OciLayout.gzip(tar), null));
        }
        String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":["
                + String.join(",", diffIds) + "]}}";
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":"
                + oci.blob(MediaTypes.OCI_CONFIG, config.getBytes(StandardCharsets.UTF_8), null) + ",\"layers\":[" + String.join(",", layers) + "]}";
        oci.blob(MediaTypes.OCI_MANIFEST, manifest.getBytes(StandardCharsets.UTF_8), null);
        oci.tag("1", MediaTypes.OCI_MANIFEST, manifest);
    }

    @Test
    void vulnerableImagesAreRefusedToSkopeoAndDockerUntilTheirCvesAreAllowlistedAndAgainOnceTheAllowlistExpires() throws Exception {
        HttpResponse<String> created = api("POST", "/api/v2.0/projects", Map.of("project_name", "guarded", "metadata",
                Map.of("prevent_vul", "true", "severity", "none", "reuse_sys_cve_allowlist", "false")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(Skopeo.run("copy", "--dest-tls-verify=false", "--dest-creds", ADMIN, "oci:" + layout + ":1",
                "docker://" + berth.host() + "/guarded/app:1")).doesNotStartWith("FAILED");

        assertThat(pull()).startsWith("FAILED").contains("current image without vulnerability scanning cannot be pulled " + POLICY);

        // no scanner registered by hand: core registered the built-in one as the default
        HttpResponse<String> scanners = api("GET", "/api/v2.0/scanners", null);
        assertThat(JSON.readTree(scanners.body()).findValuesAsText("name")).as(scanners.body()).contains("Berth built-in");
        HttpResponse<String> scan = api("POST", "/api/v2.0/projects/guarded/repositories/app/artifacts/1/scan", null);
        assertThat(scan.statusCode()).as(scan.body()).isEqualTo(202);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> !scanStatus().matches("Pending|Running"));
        assertThat(scanStatus()).as("the scanner pulls the image: its pulls are exempt").isEqualTo("Success");

        List<String> cves = new ArrayList<>();
        JsonNode report = JSON.readTree(api("GET", "/api/v2.0/projects/guarded/repositories/app/artifacts/1/additions/vulnerabilities", null).body());
        report.elements().next().path("vulnerabilities").forEach(v -> cves.add(v.path("id").asText()));
        assertThat(cves).contains("CVE-2023-45853");
        String vulnerable = "current image with " + cves.size() + (cves.size() == 1 ? " vulnerability" : " vulnerabilities")
                + " cannot be pulled " + POLICY;
        assertThat(pull()).startsWith("FAILED").contains(vulnerable);

        Path dockerDir = work.resolve("docker");
        try (DockerEngine docker = DockerEngine.start(dockerDir)) {
            assertThat(docker.docker("login", "-u", "admin", "-p", "Harbor12345", berth.host()).exit()).isZero();
            Command.Result refused = docker.docker("pull", berth.host() + "/guarded/app:1");
            assertThat(refused.exit()).isNotZero();
            assertThat(refused.output()).contains(vulnerable);

            List<Map<String, String>> items = cves.stream().distinct().map(id -> Map.of("cve_id", id)).toList();
            HttpResponse<String> allowed = api("PUT", "/api/v2.0/projects/guarded", Map.of("cve_allowlist", Map.of("items", items)));
            assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
            assertThat(pull()).doesNotStartWith("FAILED");
            Command.Result passed = docker.docker("pull", berth.host() + "/guarded/app:1");
            assertThat(passed.exit()).as(passed.output()).isZero();

            HttpResponse<String> reuse = api("PUT", "/api/v2.0/projects/guarded", Map.of("metadata", Map.of("reuse_sys_cve_allowlist", "true")));
            assertThat(reuse.statusCode()).as(reuse.body()).isEqualTo(200);
            assertThat(pull()).as("the system allowlist is empty").startsWith("FAILED").contains(vulnerable);

            HttpResponse<String> system = api("PUT", "/api/v2.0/system/CVEAllowlist", Map.of("items", items));
            assertThat(system.statusCode()).as(system.body()).isEqualTo(200);
            assertThat(pull()).doesNotStartWith("FAILED");

            long expiresAt = Instant.now().getEpochSecond() + 5;
            Map<String, Object> expiring = new HashMap<>(Map.of("items", items, "expires_at", expiresAt));
            assertThat(api("PUT", "/api/v2.0/system/CVEAllowlist", expiring).statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(api("GET", "/api/v2.0/system/CVEAllowlist", null).body()).path("expires_at").asLong()).isEqualTo(expiresAt);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> Instant.now().getEpochSecond() > expiresAt);
            assertThat(pull()).as("the system allowlist expired").startsWith("FAILED").contains(vulnerable);
            // the engine has the image: it would resolve the tag with a HEAD (answered, as by Harbor) and pull nothing
            assertThat(docker.docker("rmi", berth.host() + "/guarded/app:1").exit()).isZero();
            Command.Result again = docker.docker("pull", berth.host() + "/guarded/app:1");
            assertThat(again.exit()).isNotZero();
            assertThat(again.output()).contains(vulnerable);
        } finally {
            Command.run("rm", "-rf", dockerDir.toString());
        }
    }

    /** skopeo's copy of the image; its output with the quotes its log format escapes ({@code \"}) as they were sent. */
    String pull() throws Exception {
        return Skopeo.run("copy", "--src-tls-verify=false", "--src-creds", ADMIN, "docker://" + berth.host() + "/guarded/app:1",
                "oci:" + work.resolve("pulled") + ":1").replace("\\\"", "\"");
    }

    String scanStatus() throws Exception {
        JsonNode artifact = JSON.readTree(api("GET", "/api/v2.0/projects/guarded/repositories/app/artifacts/1?with_scan_overview=true", null).body());
        var overview = artifact.path("scan_overview").elements();
        return overview.hasNext() ? overview.next().path("scan_status").asText() : "Pending";
    }

    HttpResponse<String> api(String method, String path, Object body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(berth.url() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(ADMIN.getBytes()))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
