package io.berth.registry.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.berth.common.media.MediaTypes;
import io.berth.common.testing.Containerd;
import io.berth.common.testing.OciLayout;
import io.berth.registry.clients.Cli;
import io.berth.registry.clients.TestTokenService;
import io.berth.registry.testing.CoreSchema;
import io.berth.registry.testing.RegistryClient;
import io.berth.registry.testing.RegistryTestResource;
import io.berth.registry.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real clients pulling through a proxy-cache project whose upstream is a real CNCF Distribution with htpasswd
 * authentication: skopeo and podman (first pull, then again with the upstream stopped), containerd through a
 * {@code hosts.toml} mirror with {@code override_path}, a tag moved upstream, and pushes refused.
 */
@QuarkusTest
@TestProfile(ProxyClientsTest.WithTokenService.class)
class ProxyClientsTest {
    public static class WithTokenService implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RegistryTestResource.class), new TestResourceEntry(TestTokenService.class));
        }
    }

    @TestHTTPResource("/")
    URI berth;

    @TempDir
    Path work;

    @BeforeAll
    static void coreSchema() {
        CoreSchema.migrate();
    }

    private String berthHost() {
        return "127.0.0.1:" + berth.getPort();
    }

    /** An image of {@code layers} layers in an OCI layout, pushed upstream as {@code repository:tag}; its manifest. */
    private String pushUpstream(ProxyUpstream upstream, String repository, String tag, long seed) throws Exception {
        Path layout = work.resolve("src-" + seed);
        OciLayout oci = new OciLayout(layout);
        String manifest = oci.image("amd64", 2, 150_000, seed);
        oci.tag(tag, MediaTypes.OCI_MANIFEST, manifest);
        Cli.run("skopeo", "--insecure-policy", "copy", "--dest-tls-verify=false", "--dest-creds", upstream.creds(), "oci:" + layout + ":" + tag,
                "docker://" + upstream.registry.host() + "/" + repository + ":" + tag);
        return manifest;
    }

    /** Waits until the cache has recorded {@code tag} (after the client pulled the manifest's content). */
    private static void awaitCached(String repository, String tag) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String tags = RegistryClient.request(Tokens.bearer(repository, "pull")).get("/v2/" + repository + "/tags/list").asString();
            if (tags.contains("\"" + tag + "\"")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(repository + ":" + tag + " was not cached within 30 s");
    }

    @Test
    void skopeoAndPodmanPullThroughTheCacheAndStillPullWithTheUpstreamStopped() throws Exception {
        try (ProxyUpstream upstream = ProxyUpstream.start()) {
            String manifest = pushUpstream(upstream, "team/app", "v1", 51);
            String repository = upstream.project + "/team/app";
            String image = berthHost() + "/" + repository + ":v1";

            Cli.run("skopeo", "--insecure-policy", "copy", "--src-tls-verify=false", "docker://" + image, "oci:" + work.resolve("first") + ":v1");
            assertThat(Cli.run("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + image)).isEqualTo(manifest);
            assertSameBlobs(work.resolve("src-51"), work.resolve("first"));
            awaitCached(repository, "v1");
            podmanPull(image, "podman-1");

            upstream.close();
            Cli.run("skopeo", "--insecure-policy", "copy", "--src-tls-verify=false", "docker://" + image, "oci:" + work.resolve("again") + ":v1");
            assertSameBlobs(work.resolve("src-51"), work.resolve("again"));
            podmanPull(image, "podman-2");
            String byDigest = berthHost() + "/" + repository + "@" + OciLayout.sha256(manifest);
            Cli.run("skopeo", "--insecure-policy", "copy", "--src-tls-verify=false", "docker://" + byDigest, "oci:" + work.resolve("digest") + ":d");
        }
    }

    @Test
    void containerdPullsThroughAHostsTomlMirrorWithOverridePath() throws Exception {
        try (ProxyUpstream upstream = ProxyUpstream.start()) {
            pushUpstream(upstream, "library/web", "v2", 61);
            // as on a node: images named after their registry (docker.io, unreachable here), a mirror that is Berth's project
            Path hosts = work.resolve("certs.d/docker.io");
            Files.createDirectories(hosts);
            Files.writeString(hosts.resolve("hosts.toml"), """
                    server = "https://registry-1.docker.io"

                    [host."http://%s/v2/%s"]
                      capabilities = ["pull", "resolve"]
                      override_path = true
                    """.formatted(berthHost(), upstream.project), StandardCharsets.UTF_8);
            try (Containerd containerd = Containerd.start(work.resolve("containerd"))) {
                containerd.ctr("images", "pull", "--hosts-dir", work.resolve("certs.d").toString(), "--snapshotter", "native",
                        "docker.io/library/web:v2");
                String check = containerd.ctr("images", "check", "--snapshotter", "native");
                assertThat(check.lines().filter(l -> l.startsWith("docker.io/library/web:v2 "))).as(check).singleElement().asString()
                        .contains(" complete ").endsWith("true");
            }
            awaitCached(upstream.project + "/library/web", "v2");
        }
    }

    @Test
    void aTagMovedUpstreamIsServedAsItIsNowAndAMissingOneIsUnknown() throws Exception {
        try (ProxyUpstream upstream = ProxyUpstream.start()) {
            pushUpstream(upstream, "team/moving", "latest", 71);
            String repository = upstream.project + "/team/moving";
            String image = "docker://" + berthHost() + "/" + repository + ":latest";
            Cli.run("skopeo", "--insecure-policy", "copy", "--src-tls-verify=false", image, "oci:" + work.resolve("old") + ":latest");
            awaitCached(repository, "latest");

            String moved = pushUpstream(upstream, "team/moving", "latest", 72);
            assertThat(Cli.run("skopeo", "inspect", "--raw", "--tls-verify=false", image)).isEqualTo(moved);

            RegistryClient.request(Tokens.bearer(repository, "pull")).get("/v2/" + repository + "/manifests/nope").then().statusCode(404)
                    .body("errors[0].code", equalTo("MANIFEST_UNKNOWN"));
        }
    }

    @Test
    void pushesIntoAProxyCacheProjectAreRefused() throws Exception {
        try (ProxyUpstream upstream = ProxyUpstream.start()) {
            String repository = upstream.project + "/team/pushed";
            RegistryClient client = new RegistryClient(repository);
            client.request().post("/v2/" + repository + "/blobs/uploads/").then().statusCode(403)
                    .body("errors[0].code", equalTo("DENIED")).body("errors[0].message", containsString("proxy cache"));
            client.request().contentType(MediaTypes.OCI_MANIFEST).body("{}").put("/v2/" + repository + "/manifests/v1").then()
                    .statusCode(403).body("errors[0].code", equalTo("DENIED"));
            Path layout = work.resolve("push");
            OciLayout oci = new OciLayout(layout);
            oci.tag("v1", MediaTypes.OCI_MANIFEST, oci.image("amd64", 1, 1000, 81));
            Process skopeo = new ProcessBuilder("skopeo", "--insecure-policy", "copy", "--dest-tls-verify=false", "oci:" + layout + ":v1",
                    "docker://" + berthHost() + "/" + repository + ":v1").redirectErrorStream(true).start();
            String out = new String(skopeo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(skopeo.waitFor()).as(out).isNotZero();
            assertThat(out).contains("proxy cache");
        }
    }

    private void podmanPull(String image, String root) throws Exception {
        List<String> podman = new ArrayList<>(List.of("podman", "--root", work.resolve(root).toString(), "--runroot",
                work.resolve(root + "-run").toString(), "--storage-driver", "vfs", "--cgroup-manager", "cgroupfs", "--events-backend", "none"));
        List<String> pull = new ArrayList<>(podman);
        pull.addAll(List.of("pull", "--tls-verify=false", image));
        Cli.run(Duration.ofMinutes(5), pull);
        List<String> images = new ArrayList<>(podman);
        images.addAll(List.of("images", "--format", "{{.Repository}}:{{.Tag}}"));
        assertThat(Cli.run(Duration.ofMinutes(1), images)).contains(image.substring(0, image.lastIndexOf(':')));
    }

    private static void assertSameBlobs(Path source, Path copy) throws Exception {
        try (var blobs = Files.list(source.resolve("blobs/sha256"))) {
            for (Path blob : blobs.toList()) {
                Path copied = copy.resolve("blobs/sha256").resolve(blob.getFileName());
                assertThat(copied).as("blob %s pulled", blob.getFileName()).exists();
                assertThat(Files.mismatch(blob, copied)).isEqualTo(-1L);
            }
        }
    }
}
