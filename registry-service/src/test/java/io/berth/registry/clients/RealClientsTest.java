package io.berth.registry.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.berth.common.media.MediaTypes;
import io.berth.common.testing.Containerd;
import io.berth.common.testing.OciLayout;
import io.berth.registry.testing.Blobs;
import io.berth.registry.testing.RegistryClient;
import io.berth.registry.testing.RegistryTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry driven by the real clients from Debian, through their whole token flow: skopeo
 * (single-arch image, multi-arch index with --all, an artifact with a subject), podman (push and
 * pull) and containerd (pull and unpack as kubelet has it do, from an image and from an index;
 * push to another repository). Manifests must round-trip byte for byte.
 */
@QuarkusTest
@TestProfile(RealClientsTest.WithTokenService.class)
class RealClientsTest {
    public static class WithTokenService implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RegistryTestResource.class), new TestResourceEntry(TestTokenService.class));
        }
    }

    @TestHTTPResource("/")
    URI registry;

    @TempDir
    Path work;

    private String ref(String repository, String tag) {
        return "docker://127.0.0.1:" + registry.getPort() + "/" + repository + ":" + tag;
    }

    private static String skopeo(String... args) throws Exception {
        String[] command = new String[args.length + 2];
        command[0] = "skopeo";
        command[1] = "--insecure-policy";
        System.arraycopy(args, 0, command, 2, args.length);
        return Cli.run(command);
    }

    @Test
    void skopeoCopiesAnImageAndItsManifestRoundTripsByteForByte() throws Exception {
        OciLayout layout = new OciLayout(work.resolve("src"));
        String manifest = layout.image("amd64", 3, 200_000, 11);
        layout.tag("v1", MediaTypes.OCI_MANIFEST, manifest);
        String repository = Blobs.repository("library");

        skopeo("copy", "--dest-tls-verify=false", "oci:" + work.resolve("src") + ":v1", ref(repository, "v1"));
        assertThat(skopeo("inspect", "--raw", "--tls-verify=false", ref(repository, "v1"))).isEqualTo(manifest);

        skopeo("copy", "--src-tls-verify=false", ref(repository, "v1"), "oci:" + work.resolve("back") + ":v1");
        try (var blobs = Files.list(work.resolve("src/blobs/sha256"))) {
            for (Path blob : blobs.toList()) {
                Path copied = work.resolve("back/blobs/sha256").resolve(blob.getFileName());
                assertThat(copied).as("blob %s pulled back", blob.getFileName()).exists();
                assertThat(Files.mismatch(blob, copied)).isEqualTo(-1L);
            }
        }
    }

    @Test
    void skopeoCopiesAMultiArchIndexWithAllItsImages() throws Exception {
        OciLayout layout = new OciLayout(work.resolve("multi"));
        String index = layout.index(List.of("amd64", "arm64", "s390x"), 5);
        layout.tag("multi", MediaTypes.OCI_INDEX, index);
        String repository = Blobs.repository("library");

        skopeo("copy", "--all", "--dest-tls-verify=false", "oci:" + work.resolve("multi") + ":multi", ref(repository, "multi"));
        assertThat(skopeo("inspect", "--raw", "--tls-verify=false", ref(repository, "multi"))).isEqualTo(index);
        String arm = skopeo("inspect", "--raw", "--tls-verify=false", "--override-arch", "arm64", ref(repository, "multi"));
        assertThat(arm).isEqualTo(index); // --raw shows the index itself
        skopeo("copy", "--all", "--src-tls-verify=false", ref(repository, "multi"), "oci:" + work.resolve("multi-back") + ":multi");
        assertThat(Files.readString(work.resolve("multi-back/index.json"))).contains(Blobs.sha256(index));
    }

    @Test
    void skopeoCopiesAnArtifactWithASubjectAndTheReferrersApiFindsIt() throws Exception {
        OciLayout layout = new OciLayout(work.resolve("art"));
        String image = layout.image("amd64", 1, 10_000, 21);
        String sbom = layout.artifact("application/vnd.example.sbom", image, "{\"packages\":[]}");
        layout.tag("app", MediaTypes.OCI_MANIFEST, image);
        layout.tag("app-sbom", MediaTypes.OCI_MANIFEST, sbom);
        String repository = Blobs.repository("library");

        skopeo("copy", "--dest-tls-verify=false", "oci:" + work.resolve("art") + ":app", ref(repository, "app"));
        skopeo("copy", "--dest-tls-verify=false", "oci:" + work.resolve("art") + ":app-sbom", ref(repository, "app-sbom"));
        assertThat(skopeo("inspect", "--raw", "--tls-verify=false", ref(repository, "app-sbom"))).isEqualTo(sbom);
        new RegistryClient(repository).request().get("/v2/" + repository + "/referrers/" + Blobs.sha256(image)).then()
                .statusCode(200).body("manifests[0].digest", equalTo(Blobs.sha256(sbom)))
                .body("manifests[0].artifactType", equalTo("application/vnd.example.sbom"));
    }

    @Test
    void podmanPushesAndPulls() throws Exception {
        OciLayout layout = new OciLayout(work.resolve("pod"));
        String manifest = layout.image("amd64", 2, 100_000, 31);
        layout.tag("v1", MediaTypes.OCI_MANIFEST, manifest);
        String repository = Blobs.repository("library");
        String image = "127.0.0.1:" + registry.getPort() + "/" + repository + ":v1";
        List<String> podman = List.of("podman", "--root", work.resolve("podman-root").toString(), "--runroot",
                work.resolve("podman-run").toString(), "--storage-driver", "vfs", "--cgroup-manager", "cgroupfs",
                "--events-backend", "none");

        Cli.run(java.time.Duration.ofMinutes(5), concat(podman, "pull", "oci:" + work.resolve("pod") + ":v1"));
        String local = Cli.run(java.time.Duration.ofMinutes(1), concat(podman, "images", "--quiet", "--no-trunc")).lines()
                .filter(l -> !l.isBlank()).findFirst().orElseThrow().trim();
        Cli.run(java.time.Duration.ofMinutes(5), concat(podman, "push", "--tls-verify=false", local, "docker://" + image));
        Cli.run(java.time.Duration.ofMinutes(2), concat(podman, "rmi", "--all", "--force"));
        Cli.run(java.time.Duration.ofMinutes(5), concat(podman, "pull", "--tls-verify=false", image));
        String pulled = Cli.run(java.time.Duration.ofMinutes(1), concat(podman, "images", "--format", "{{.Repository}}:{{.Tag}}"));
        assertThat(pulled).contains(repository + ":v1");
        // what podman pushed is a valid image the registry serves and other clients read
        skopeo("inspect", "--tls-verify=false", "docker://" + image);
    }

    @Test
    void containerdPullsUnpacksAndPushes() throws Exception {
        OciLayout layout = new OciLayout(work.resolve("ctr"));
        String manifest = layout.image("amd64", 2, 100_000, 41);
        layout.tag("v1", MediaTypes.OCI_MANIFEST, manifest);
        OciLayout multi = new OciLayout(work.resolve("ctr-multi"));
        multi.tag("multi", MediaTypes.OCI_INDEX, multi.index(List.of("amd64", "arm64"), 43));
        String repository = Blobs.repository("library");
        String host = "127.0.0.1:" + registry.getPort();
        skopeo("copy", "--dest-tls-verify=false", "oci:" + work.resolve("ctr") + ":v1", ref(repository, "v1"));
        skopeo("copy", "--all", "--dest-tls-verify=false", "oci:" + work.resolve("ctr-multi") + ":multi", ref(repository, "multi"));

        try (Containerd containerd = Containerd.start(work.resolve("containerd"))) {
            // what kubelet asks of containerd: pull (from an index, this machine's platform), and unpack
            // into the snapshots a container would run on
            containerd.ctr("images", "pull", "--plain-http", "--snapshotter", "native", host + "/" + repository + ":v1");
            containerd.ctr("images", "pull", "--plain-http", "--snapshotter", "native", host + "/" + repository + ":multi");
            String check = containerd.ctr("images", "check", "--snapshotter", "native");
            for (String image : List.of(host + "/" + repository + ":v1", host + "/" + repository + ":multi")) {
                assertThat(check.lines().filter(l -> l.startsWith(image + " ")))
                        .as("%s fully downloaded and unpacked in:%n%s", image, check)
                        .singleElement().asString().contains(" complete ").endsWith("true");
            }

            String copy = Blobs.repository("library");
            containerd.ctr("images", "tag", host + "/" + repository + ":v1", host + "/" + copy + ":pushed");
            containerd.ctr("images", "push", "--plain-http", host + "/" + copy + ":pushed");
            assertThat(skopeo("inspect", "--raw", "--tls-verify=false", ref(copy, "pushed"))).isEqualTo(manifest);
        }
    }

    private static List<String> concat(List<String> base, String... more) {
        List<String> all = new java.util.ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }
}
