package io.berth.registry.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.berth.common.event.RegistryEvent;
import io.berth.common.media.MediaTypes;
import io.berth.common.testing.Containerd;
import io.berth.common.testing.OciLayout;
import io.berth.registry.clients.Cli;
import io.berth.registry.clients.TestTokenService;
import io.berth.registry.testing.CoreSchema;
import io.berth.registry.testing.RegistryClient;
import io.berth.registry.testing.RegistryTestResource;
import io.berth.registry.testing.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
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
 * {@code hosts.toml} mirror with {@code override_path}, a tag moved upstream, pushes refused, and the pull event of a
 * first pull (answered from the upstream) recorded with the manifest once it is cached.
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

    @Inject
    RedisDataSource redis;

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
    void aFirstPullAnsweredFromTheUpstreamIsAPullEventAndCountsOnTheCachedManifest() throws Exception {
        try (ProxyUpstream upstream = ProxyUpstream.start()) {
            String manifest = pushUpstream(upstream, "team/counted", "v1", 91);
            String repository = upstream.project + "/team/counted";
            String digest = OciLayout.sha256(manifest);
            var pull = RegistryClient.request(Tokens.bearer(repository, "pull"));
            pull.header("Accept", MediaTypes.OCI_MANIFEST).get("/v2/" + repository + "/manifests/v1").then().statusCode(200)
                    .header("Docker-Content-Digest", digest);
            pull.head("/v2/" + repository + "/manifests/v1").then().statusCode(200);
            io.vertx.core.json.JsonObject json = new io.vertx.core.json.JsonObject(manifest);
            List<String> blobs = new ArrayList<>(List.of(json.getJsonObject("config").getString("digest")));
            json.getJsonArray("layers").forEach(l -> blobs.add(((io.vertx.core.json.JsonObject) l).getString("digest")));
            for (String blob : blobs) {
                pull.get("/v2/" + repository + "/blobs/" + blob).then().statusCode(200);
            }
            awaitCached(repository, "v1");

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            List<io.vertx.core.json.JsonObject> pulls = List.of();
            while (pulls.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(200);
                pulls = redis.stream(String.class).xrevrange(RegistryEvent.STREAM, StreamRange.of("+", "-"), 5000).stream()
                        .map(m -> new io.vertx.core.json.JsonObject(m.payload().get("event")))
                        .filter(e -> repository.equals(e.getString("repository")) && "PULL_ARTIFACT".equals(e.getString("type"))).toList();
            }
            assertThat(pulls).as("one GET, one pull event (a HEAD is none)").singleElement().satisfies(e -> {
                assertThat(e.getString("digest")).isEqualTo(digest);
                assertThat(e.getJsonArray("tags").getList()).containsExactly("v1");
                assertThat(e.getString("project")).isEqualTo(upstream.project);
                assertThat(e.getLong("size")).as("the manifest and its blobs, as an ordinary pull reports")
                        .isGreaterThan(manifest.length() + 1000L);
            });
            // counted by the pull recorder's next flush (once a second)
            long countDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            long[] counted = pullCount(repository, digest);
            while (counted[0] == 0 && System.nanoTime() < countDeadline) {
                Thread.sleep(200);
                counted = pullCount(repository, digest);
            }
            assertThat(counted).as("pull count and pulled_at set: retention's 'not pulled for 7 days' sees the first pull")
                    .containsExactly(1, 1);
        }
    }

    /** The cached manifest's pull count, and 1 if its pull time is set. */
    private static long[] pullCount(String repository, String digest) throws Exception {
        try (var c = CoreSchema.connect(); var st = c.prepareStatement("SELECT m.pull_count, m.pulled_at IS NOT NULL FROM registry.manifest m "
                + "JOIN registry.repository r ON r.id = m.repository_id WHERE r.name = ? AND m.digest = ?")) {
            st.setString(1, repository);
            st.setString(2, digest);
            try (var rs = st.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getBoolean(2) ? 1 : 0};
            }
        }
    }

    @Test
    void anIndexAndThePlatformPulledFromItAreServedWithTheUpstreamStopped() throws Exception {
        try (ProxyUpstream upstream = ProxyUpstream.start()) {
            Path layout = work.resolve("multi");
            OciLayout oci = new OciLayout(layout);
            String index = oci.index(List.of("amd64", "arm64"), 95);
            oci.tag("v1", MediaTypes.OCI_INDEX, index);
            Cli.run("skopeo", "--insecure-policy", "copy", "--all", "--dest-tls-verify=false", "--dest-creds", upstream.creds(),
                    "oci:" + layout + ":v1", "docker://" + upstream.registry.host() + "/team/multi:v1");
            String repository = upstream.project + "/team/multi";
            String image = "docker://" + berthHost() + "/" + repository + ":v1";
            io.vertx.core.json.JsonArray platforms = new io.vertx.core.json.JsonObject(index).getJsonArray("manifests");
            String amd64 = platforms.getJsonObject(0).getString("digest");
            String arm64 = platforms.getJsonObject(1).getString("digest");

            Cli.run("skopeo", "--insecure-policy", "--override-arch", "amd64", "copy", "--src-tls-verify=false", image,
                    "oci:" + work.resolve("first") + ":v1");
            awaitCached(repository, "v1");
            var pull = RegistryClient.request(Tokens.bearer(repository, "pull"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (pull.get("/v2/" + repository + "/manifests/" + amd64).statusCode() != 200 || !cachedLocally(repository, amd64)) {
                assertThat(System.nanoTime()).as("the amd64 manifest cached within 30 s").isLessThan(deadline);
                Thread.sleep(200);
            }

            upstream.close();
            assertThat(Cli.run("skopeo", "inspect", "--raw", "--tls-verify=false", image)).isEqualTo(index);
            Cli.run("skopeo", "--insecure-policy", "--override-arch", "amd64", "copy", "--src-tls-verify=false", image,
                    "oci:" + work.resolve("again") + ":v1");
            RegistryClient.request(Tokens.bearer(repository, "pull")).get("/v2/" + repository + "/manifests/" + arm64).then()
                    .statusCode(502).body("errors[0].code", equalTo("BAD_GATEWAY"));
        }
    }

    /** Whether the repository's cache holds the manifest (a row of its own, linked to the index that lists it). */
    private static boolean cachedLocally(String repository, String digest) throws Exception {
        try (var c = CoreSchema.connect(); var st = c.prepareStatement("SELECT count(*) FROM registry.manifest_child mc "
                + "JOIN registry.repository r ON r.id = mc.repository_id WHERE r.name = ? AND mc.child_digest = ?")) {
            st.setString(1, repository);
            st.setString(2, digest);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
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
