package io.berth.common.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.common.media.MediaTypes;
import io.berth.common.testing.Distribution;
import io.berth.common.testing.OciLayout;
import io.berth.common.testing.Skopeo;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OCI client and the copier between two real CNCF Distributions, one open, one with htpasswd logins. */
class ArtifactCopierTest {
    static Distribution open;
    static Distribution locked;
    static Path layout;
    static String image;
    static String index;
    static String other;

    @BeforeAll
    static void registries() throws Exception {
        open = Distribution.start();
        locked = Distribution.start("replicator", "S3cret-pass");
        layout = Files.createTempDirectory("copier");
        OciLayout oci = new OciLayout(layout);
        image = oci.image("amd64", 3, 300_000, 1);
        oci.tag("v1", MediaTypes.OCI_MANIFEST, image);
        index = oci.index(List.of("amd64", "arm64"), 2);
        oci.tag("multi", MediaTypes.OCI_INDEX, index);
        other = oci.image("amd64", 1, 1000, 3);
        oci.tag("other", MediaTypes.OCI_MANIFEST, other);
        for (String tag : List.of("v1", "multi", "other")) {
            skopeo("copy", "--all", "--dest-tls-verify=false", "oci:" + layout + ":" + tag, "docker://" + open.host() + "/src/app:" + tag);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        open.close();
        locked.close();
    }

    static String skopeo(String... args) throws Exception {
        String out = Skopeo.run(args);
        assertThat(out).doesNotStartWith("FAILED");
        return out;
    }

    static OciClient client(Distribution d, String user, String password) {
        return new OciClient(new RegistryEndpoint(URI.create(d.url()), user, password, false), Duration.ofMillis(50));
    }

    @Test
    void anImageAndAMultiArchIndexArriveByteForByteAndOnlyOnce() throws Exception {
        AtomicLong bytes = new AtomicLong();
        ArtifactCopier copier = new ArtifactCopier(bytes::addAndGet, 0);
        OciClient source = client(open, null, null);
        OciClient destination = client(locked, "replicator", "S3cret-pass");

        assertThat(copier.copy(source, "src/app", "v1", destination, "dst/app", "v1", false)).isEqualTo(ArtifactCopier.Outcome.COPIED);
        assertThat(copier.copy(source, "src/app", "multi", destination, "dst/app", "multi", false)).isEqualTo(ArtifactCopier.Outcome.COPIED);
        String creds = "--creds=replicator:S3cret-pass";
        assertThat(skopeo("inspect", "--raw", "--tls-verify=false", creds, "docker://" + locked.host() + "/dst/app:v1")).isEqualTo(image);
        assertThat(skopeo("inspect", "--raw", "--tls-verify=false", creds, "docker://" + locked.host() + "/dst/app:multi")).isEqualTo(index);
        // every child of the index and every blob is there: a full copy out of the destination succeeds
        skopeo("copy", "--all", "--src-tls-verify=false", "--src-creds=replicator:S3cret-pass",
                "docker://" + locked.host() + "/dst/app:multi", "oci:" + Files.createTempDirectory("back") + ":multi");
        assertThat(bytes.get()).isGreaterThan(900_000);

        long before = bytes.get();
        assertThat(copier.copy(source, "src/app", "v1", destination, "dst/app", "v1", false)).isEqualTo(ArtifactCopier.Outcome.UNCHANGED);
        assertThat(bytes.get()).as("a second copy sends nothing").isEqualTo(before);
        assertThat(destination.tags("dst/app")).containsExactlyInAnyOrder("v1", "multi");
        assertThat(source.catalog()).contains("src/app");
    }

    @Test
    void withoutOverrideATagNamingAnotherArtifactIsLeftAlone() throws Exception {
        ArtifactCopier copier = new ArtifactCopier(n -> { }, 0);
        OciClient source = client(open, null, null);
        OciClient destination = client(locked, "replicator", "S3cret-pass");
        copier.copy(source, "src/app", "other", destination, "kept/app", "v1", false);
        assertThat(copier.copy(source, "src/app", "v1", destination, "kept/app", "v1", false))
                .isEqualTo(ArtifactCopier.Outcome.SKIPPED_EXISTING);
        assertThat(destination.manifestDigest("kept/app", "v1")).isEqualTo(OciLayout.sha256(other));
        assertThat(copier.copy(source, "src/app", "v1", destination, "kept/app", "v1", true)).isEqualTo(ArtifactCopier.Outcome.COPIED);
        assertThat(destination.manifestDigest("kept/app", "v1")).isEqualTo(OciLayout.sha256(image));
    }

    @Test
    void blobsCanTravelInChunks() throws Exception {
        AtomicLong bytes = new AtomicLong();
        ArtifactCopier chunked = new ArtifactCopier(bytes::addAndGet, 0, 64 * 1024);
        assertThat(chunked.copy(client(open, null, null), "src/app", "v1", client(locked, "replicator", "S3cret-pass"), "chunked/app", "v1",
                false)).isEqualTo(ArtifactCopier.Outcome.COPIED);
        assertThat(skopeo("inspect", "--raw", "--tls-verify=false", "--creds=replicator:S3cret-pass",
                "docker://" + locked.host() + "/chunked/app:v1")).isEqualTo(image);
        skopeo("copy", "--src-tls-verify=false", "--src-creds=replicator:S3cret-pass", "docker://" + locked.host() + "/chunked/app:v1",
                "oci:" + Files.createTempDirectory("chunked") + ":v1");
        assertThat(bytes.get()).isGreaterThan(900_000);
    }

    @Test
    void aBandwidthLimitHoldsTheCopyBack() {
        ArtifactCopier slow = new ArtifactCopier(n -> { }, 2_000_000);
        long start = System.nanoTime();
        slow.copy(client(open, null, null), "src/app", "v1", client(locked, "replicator", "S3cret-pass"), "slow/app", "v1", false);
        // ~0.9 MB at 2 MB/s: at least a third of a second; the point is that the limit acts, not its precision
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(300));
    }

    @Test
    void wrongCredentialsAndAnUnreachableRegistryFailClearly() throws Exception {
        OciClient wrong = client(locked, "replicator", "nope");
        assertThatThrownBy(wrong::ping).isInstanceOf(RegistryException.class).hasMessageContaining("401")
                .matches(e -> !((RegistryException) e).transientFailure());
        client(locked, "replicator", "S3cret-pass").ping();
        OciClient down = new OciClient(new RegistryEndpoint(URI.create("http://127.0.0.1:" + Distribution.freePort()), null, null, false),
                Duration.ofMillis(10));
        assertThatThrownBy(down::ping).isInstanceOf(RegistryException.class)
                .matches(e -> ((RegistryException) e).transientFailure());
        assertThatThrownBy(() -> client(open, null, null).manifest("src/app", "missing")).isInstanceOf(RegistryException.class)
                .matches(e -> ((RegistryException) e).status() == 404);
    }

    @Test
    void insecureEndpointsSkipCertificateVerificationAndOthersDoNot() throws Exception {
        try (Distribution tls = Distribution.startTls()) {
            URI url = URI.create(tls.url());
            assertThatThrownBy(new OciClient(new RegistryEndpoint(url, null, null, false), Duration.ofMillis(10))::ping)
                    .isInstanceOf(RegistryException.class);
            OciClient insecure = new OciClient(new RegistryEndpoint(url, null, null, true), Duration.ofMillis(10));
            insecure.ping();
            assertThat(new ArtifactCopier(n -> { }, 0).copy(client(open, null, null), "src/app", "v1", insecure, "tls/app", "v1", false))
                    .isEqualTo(ArtifactCopier.Outcome.COPIED);
            assertThat(insecure.manifestDigest("tls/app", "v1")).isEqualTo(OciLayout.sha256(image));
            // the certificate names 127.0.0.1 only: insecure reaches it by another name too
            URI otherName = URI.create(tls.url().replace("127.0.0.1", "localhost"));
            assertThatThrownBy(new OciClient(new RegistryEndpoint(otherName, null, null, false), Duration.ofMillis(10))::ping)
                    .isInstanceOf(RegistryException.class);
            new OciClient(new RegistryEndpoint(otherName, null, null, true), Duration.ofMillis(10)).ping();
        }
    }
}
