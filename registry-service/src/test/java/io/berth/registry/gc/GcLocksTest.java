package io.berth.registry.gc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.berth.common.gc.GcCollected;
import io.berth.common.gc.GcItem;
import io.berth.common.gc.GcStarted;
import io.berth.common.media.MediaTypes;
import io.berth.registry.storage.StorageDriver;
import io.berth.registry.testing.Blobs;
import io.berth.registry.testing.RegistryClient;
import io.berth.registry.testing.RegistryTestResource;
import io.berth.registry.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reverse interleavings of {@link PushLocksTest}: a push holds a row first (the test's open transaction takes the
 * lock a push takes), and a collect of it must answer at once, busy, having deleted nothing: GC never waits.
 */
@QuarkusTest
@QuarkusTestResource(RegistryTestResource.class)
class GcLocksTest {
    @Inject
    AgroalDataSource dataSource;
    @Inject
    StorageDriver storage;
    @Inject
    ObjectMapper json;

    private final String project = "gclocks" + Long.toHexString(System.nanoTime());
    private final String repo = project + "/app";
    private final RegistryClient client = new RegistryClient(repo, Tokens.pushPull(repo));
    private final long run = System.nanoTime();

    @Test
    void aBlobAnUploadIsCompletingIsBusy() throws Exception {
        String digest = client.pushBlob("a blob an upload completes again " + project);
        client.request().delete("/v2/" + repo + "/blobs/" + digest).then().statusCode(202);
        GcStarted started = gc().start(run, 0, false);
        try (GcPlayer upload = new GcPlayer(dataSource)) {
            assertThat(upload.sql("SELECT 1 FROM registry.blob WHERE digest = ? FOR KEY SHARE", digest)).isOne();
            GcCollected done = gc().collect("blobs", run, started.cutoff(), false, List.of(new GcItem(0, null, null, digest, 1)));
            assertThat(done.deleted()).isEmpty();
            assertThat(done.busy()).isOne();
        }
        assertThat(storage.exists(PushLocksTest.blobPath(digest))).isTrue();
    }

    @Test
    void aLinkAManifestPushReliesOnIsBusy() throws Exception {
        String digest = client.pushBlob("a layer a manifest push holds " + project);
        GcItem link = linkItem(digest);
        GcStarted started = gc().start(run, 0, false);
        try (GcPlayer push = new GcPlayer(dataSource)) {
            assertThat(push.sql("SELECT 1 FROM registry.repository_blob WHERE repository_id = ? AND digest = ? FOR KEY SHARE",
                    link.repositoryId(), digest)).isOne();
            GcCollected done = gc().collect("links", run, started.cutoff(), false, List.of(link));
            assertThat(done.deleted()).isEmpty();
            assertThat(done.busy()).isOne();
        }
        client.request().head("/v2/" + repo + "/blobs/" + digest).then().statusCode(200);
    }

    @Test
    void aLinkWhoseProjectUsageALinkOrUnlinkHoldsIsBusy() throws Exception {
        String digest = client.pushBlob("a layer whose usage row is held " + project);
        GcItem link = linkItem(digest);
        GcStarted started = gc().start(run, 0, false);
        try (GcPlayer link2 = new GcPlayer(dataSource)) {
            assertThat(link2.sql("SELECT 1 FROM registry.project_blob WHERE project = ? AND digest = ? FOR NO KEY UPDATE",
                    project, digest)).isOne();
            GcCollected done = gc().collect("links", run, started.cutoff(), false, List.of(link));
            assertThat(done.deleted()).isEmpty();
            assertThat(done.busy()).isOne();
        }
        client.request().head("/v2/" + repo + "/blobs/" + digest).then().statusCode(200);
    }

    @Test
    void aManifestATagPushOrAnIndexHoldsIsBusy() throws Exception {
        String manifest = client.imageManifest(MediaTypes.OCI_MANIFEST, "{\"held\":1}", List.of("held layer " + project), null, null);
        String digest = Blobs.sha256(manifest);
        client.putManifest(digest, MediaTypes.OCI_MANIFEST, manifest).then().statusCode(201);
        GcItem root = manifestItem(digest);
        GcStarted started = gc().start(run, 0, false);
        try (GcPlayer push = new GcPlayer(dataSource)) {
            assertThat(push.sql("SELECT 1 FROM registry.manifest WHERE repository_id = ? AND digest = ? FOR KEY SHARE",
                    root.repositoryId(), digest)).isOne();
            GcCollected done = gc().collect("manifests", run, started.cutoff(), false, List.of(root));
            assertThat(done.deleted()).isEmpty();
            assertThat(done.busy()).isOne();
        }
        client.request().get("/v2/" + repo + "/manifests/" + digest).then().statusCode(200);
    }

    @Test
    void aSubjectWhoseReferrerAPushHoldsIsBusy() throws Exception {
        String subject = client.imageManifest(MediaTypes.OCI_MANIFEST, "{\"subject\":1}", List.of("subject layer " + project), null, null);
        String subjectDigest = Blobs.sha256(subject);
        client.putManifest(subjectDigest, MediaTypes.OCI_MANIFEST, subject).then().statusCode(201);
        String referrer = client.imageManifest(MediaTypes.OCI_MANIFEST, "{}", List.of("held signature " + project),
                "application/vnd.example.sig", RegistryClient.descriptorOf(MediaTypes.OCI_MANIFEST, subject));
        client.putManifest(Blobs.sha256(referrer), MediaTypes.OCI_MANIFEST, referrer).then().statusCode(201);
        GcItem root = manifestItem(subjectDigest);
        GcStarted started = gc().start(run, 0, false);
        try (GcPlayer push = new GcPlayer(dataSource)) {
            push.sql("SELECT 1 FROM registry.manifest WHERE repository_id = ? AND digest = ? FOR KEY SHARE",
                    root.repositoryId(), Blobs.sha256(referrer));
            GcCollected done = gc().collect("manifests", run, started.cutoff(), false, List.of(root));
            assertThat(done.deleted()).isEmpty();
            assertThat(done.busy()).isOne();
        }
        client.request().get("/v2/" + repo + "/manifests/" + subjectDigest).then().statusCode(200);
        client.request().get("/v2/" + repo + "/manifests/" + Blobs.sha256(referrer)).then().statusCode(200);
    }

    private GcClient gc() {
        return new GcClient(json);
    }

    private GcItem linkItem(String digest) throws Exception {
        return new GcItem(repositoryId(), repo, project, digest, 1);
    }

    private GcItem manifestItem(String digest) throws Exception {
        return new GcItem(repositoryId(), repo, project, digest, 1);
    }

    private long repositoryId() throws Exception {
        try (var c = dataSource.getConnection(); var st = c.prepareStatement("SELECT id FROM registry.repository WHERE name = ?")) {
            st.setString(1, repo);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
