package io.berth.registry.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.berth.common.media.MediaTypes;
import io.berth.registry.storage.StorageDriver;
import io.berth.registry.testing.Blobs;
import io.berth.registry.testing.RegistryClient;
import io.berth.registry.testing.RegistryTestResource;
import io.berth.registry.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The push side of online GC, met at its locks by a transaction the test holds open in GC's place
 * ({@link GcPlayer}): GC locked and deleted a row first, the request waits for it (seen through
 * {@code pg_blocking_pids}), GC commits, and the request must still end in a consistent state.
 */
@QuarkusTest
@QuarkusTestResource(RegistryTestResource.class)
class PushLocksTest {
    @Inject
    AgroalDataSource dataSource;
    @Inject
    StorageDriver storage;

    private final String repo = Blobs.repository("locks");
    private final String other = Blobs.repository("locks");
    private final RegistryClient client = new RegistryClient(repo, Tokens.pushPull(repo, other));
    private final RegistryClient otherClient = new RegistryClient(other, Tokens.pushPull(repo, other));

    @ParameterizedTest
    @ValueSource(strings = {"monolithic", "chunked", "streamed-put"})
    void anUploadCompletingABlobGcIsDeletingPutsItsOwnBytesBack(String style) throws Exception {
        byte[] content = Blobs.random(70_000, style.hashCode());
        String digest = client.pushBlob(content);
        client.request().delete("/v2/" + repo + "/blobs/" + digest).then().statusCode(202);
        try (GcPlayer gc = new GcPlayer(dataSource)) {
            assertThat(gc.sql("SELECT 1 FROM registry.blob WHERE digest = ? FOR UPDATE", digest)).isOne();
            assertThat(storage.deleteBlobs(List.of(blobPath(digest)))).isEmpty();
            gc.sql("DELETE FROM registry.blob WHERE digest = ?", digest);
            CompletableFuture<Integer> upload = async(() -> upload(style, content, digest));
            gc.awaitBlocking();
            gc.commit();
            assertThat(upload.join()).isEqualTo(201);
        }
        assertThat(client.request().get("/v2/" + repo + "/blobs/" + digest).asByteArray()).isEqualTo(content);
    }

    @Test
    void aManifestWhoseLinkGcDeletesMeanwhileIsRefusedBlobUnknown() throws Exception {
        String layer = "layer of a manifest that loses it " + repo;
        String json = client.imageManifest(MediaTypes.OCI_MANIFEST, "{\"c\":1}", List.of(layer), null, null);
        try (GcPlayer gc = new GcPlayer(dataSource)) {
            assertThat(gc.sql("SELECT 1 FROM registry.repository_blob rb JOIN registry.repository r ON r.id = rb.repository_id "
                    + "WHERE r.name = ? AND rb.digest = ? FOR UPDATE OF rb", repo, Blobs.sha256(layer))).isOne();
            gc.sql("DELETE FROM registry.repository_blob rb USING registry.repository r WHERE r.id = rb.repository_id "
                    + "AND r.name = ? AND rb.digest = ?", repo, Blobs.sha256(layer));
            CompletableFuture<Response> put = async(() -> client.putManifest("t", MediaTypes.OCI_MANIFEST, json));
            gc.awaitBlocking();
            gc.commit();
            put.join().then().statusCode(400).body("errors[0].code", equalTo("MANIFEST_BLOB_UNKNOWN"));
        }
        client.request().get("/v2/" + repo + "/manifests/t").then().statusCode(404);
    }

    @Test
    void aManifestPushedWhileGcKeepsTheLinkIsRecorded() throws Exception {
        String layer = "layer GC re-checks " + repo;
        String json = client.imageManifest(MediaTypes.OCI_MANIFEST, "{\"c\":2}", List.of(layer), null, null);
        try (GcPlayer gc = new GcPlayer(dataSource)) {
            gc.sql("SELECT 1 FROM registry.repository_blob rb JOIN registry.repository r ON r.id = rb.repository_id "
                    + "WHERE r.name = ? AND rb.digest = ? FOR UPDATE OF rb", repo, Blobs.sha256(layer));
            CompletableFuture<Response> put = async(() -> client.putManifest("kept", MediaTypes.OCI_MANIFEST, json));
            gc.awaitBlocking();
            gc.commit(); // GC's re-check found a reason to keep it: nothing deleted
            put.join().then().statusCode(201);
        }
        client.request().get("/v2/" + repo + "/blobs/" + Blobs.sha256(layer)).then().statusCode(200);
    }

    @Test
    void aMountWhoseSourceLinkGcDeletesFallsBackToAnUpload() throws Exception {
        String digest = client.pushBlob("mounted away " + repo);
        try (GcPlayer gc = new GcPlayer(dataSource)) {
            gc.sql("SELECT 1 FROM registry.repository_blob rb JOIN registry.repository r ON r.id = rb.repository_id "
                    + "WHERE r.name = ? AND rb.digest = ? FOR UPDATE OF rb", repo, digest);
            gc.sql("DELETE FROM registry.repository_blob rb USING registry.repository r WHERE r.id = rb.repository_id "
                    + "AND r.name = ? AND rb.digest = ?", repo, digest);
            CompletableFuture<Integer> mount = async(() -> otherClient.request().queryParam("mount", digest).queryParam("from", repo)
                    .post("/v2/" + other + "/blobs/uploads/").statusCode());
            gc.awaitBlocking();
            gc.commit();
            assertThat(mount.join()).isEqualTo(202);
        }
        otherClient.request().head("/v2/" + other + "/blobs/" + digest).then().statusCode(404);
    }

    @Test
    void aTagPushedWhileGcDeletesTheUntaggedManifestRecreatesIt() throws Exception {
        String json = client.imageManifest(MediaTypes.OCI_MANIFEST, "{\"c\":3}", List.of("layer of a re-tagged image " + repo), null, null);
        String digest = Blobs.sha256(json);
        client.putManifest(digest, MediaTypes.OCI_MANIFEST, json).then().statusCode(201);
        try (GcPlayer gc = new GcPlayer(dataSource)) {
            gc.sql("SELECT 1 FROM registry.manifest m JOIN registry.repository r ON r.id = m.repository_id "
                    + "WHERE r.name = ? AND m.digest = ? FOR UPDATE OF m", repo, digest);
            gc.sql("DELETE FROM registry.manifest m USING registry.repository r WHERE r.id = m.repository_id "
                    + "AND r.name = ? AND m.digest = ?", repo, digest);
            CompletableFuture<Response> put = async(() -> client.putManifest("latest", MediaTypes.OCI_MANIFEST, json));
            gc.awaitBlocking();
            gc.commit();
            put.join().then().statusCode(201);
        }
        assertThat(client.request().get("/v2/" + repo + "/manifests/latest").asString()).isEqualTo(json);
        assertThat(client.request().get("/v2/" + repo + "/manifests/" + digest).statusCode()).isEqualTo(200);
    }

    @Test
    void anIndexWhoseChildGcDeletesMeanwhileIsRefused() throws Exception {
        String child = client.imageManifest(MediaTypes.OCI_MANIFEST, "{\"c\":4}", List.of("layer of a child " + repo), null, null);
        String childDigest = Blobs.sha256(child);
        client.putManifest(childDigest, MediaTypes.OCI_MANIFEST, child).then().statusCode(201);
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
                + RegistryClient.descriptorOf(MediaTypes.OCI_MANIFEST, child) + "]}";
        try (GcPlayer gc = new GcPlayer(dataSource)) {
            gc.sql("SELECT 1 FROM registry.manifest m JOIN registry.repository r ON r.id = m.repository_id "
                    + "WHERE r.name = ? AND m.digest = ? FOR UPDATE OF m", repo, childDigest);
            gc.sql("DELETE FROM registry.manifest m USING registry.repository r WHERE r.id = m.repository_id "
                    + "AND r.name = ? AND m.digest = ?", repo, childDigest);
            CompletableFuture<Response> put = async(() -> client.putManifest("multi", MediaTypes.OCI_INDEX, index));
            gc.awaitBlocking();
            gc.commit();
            put.join().then().statusCode(400).body("errors[0].code", equalTo("MANIFEST_BLOB_UNKNOWN"));
        }
    }

    @Test
    void aReferrerPushWaitsForGcDeletingItsSubjectAndIsStoredDangling() throws Exception {
        String subject = client.imageManifest(MediaTypes.OCI_MANIFEST, "{\"c\":5}", List.of("layer of a subject " + repo), null, null);
        String subjectDigest = Blobs.sha256(subject);
        client.putManifest(subjectDigest, MediaTypes.OCI_MANIFEST, subject).then().statusCode(201);
        String referrer = client.imageManifest(MediaTypes.OCI_MANIFEST, "{}", List.of("a signature " + repo),
                "application/vnd.example.sig", RegistryClient.descriptorOf(MediaTypes.OCI_MANIFEST, subject));
        try (GcPlayer gc = new GcPlayer(dataSource)) {
            gc.sql("SELECT 1 FROM registry.manifest m JOIN registry.repository r ON r.id = m.repository_id "
                    + "WHERE r.name = ? AND m.digest = ? FOR UPDATE OF m", repo, subjectDigest);
            gc.sql("DELETE FROM registry.manifest m USING registry.repository r WHERE r.id = m.repository_id "
                    + "AND r.name = ? AND m.digest = ?", repo, subjectDigest);
            CompletableFuture<Response> put = async(() -> client.putManifest(Blobs.sha256(referrer), MediaTypes.OCI_MANIFEST, referrer));
            gc.awaitBlocking(); // the referrer waits for its subject's fate
            gc.commit();
            put.join().then().statusCode(201);
        }
        client.request().get("/v2/" + repo + "/manifests/" + subjectDigest).then().statusCode(404);
    }

    @Test
    void aHeadConfirmsAStaleLinkAndAnswers404WhenGcTookItMeanwhile() throws Exception {
        String kept = client.pushBlob("confirmed by a HEAD " + repo);
        String lost = client.pushBlob("collected under a HEAD " + repo);
        try (GcPlayer setBack = new GcPlayer(dataSource)) {
            setBack.sql("UPDATE registry.repository_blob SET linked_at = now() - interval '1 day' WHERE digest IN (?, ?)", kept, lost);
            setBack.commit();
        }
        client.request().head("/v2/" + repo + "/blobs/" + kept).then().statusCode(200);
        try (GcPlayer check = new GcPlayer(dataSource)) {
            assertThat(check.sql("SELECT 1 FROM registry.repository_blob WHERE digest = ? AND linked_at > now() - interval '1 minute'",
                    kept)).as("linked_at confirmed").isOne();
        }
        try (GcPlayer gc = new GcPlayer(dataSource)) {
            gc.sql("SELECT 1 FROM registry.repository_blob WHERE digest = ? FOR UPDATE", lost);
            gc.sql("DELETE FROM registry.repository_blob WHERE digest = ?", lost);
            CompletableFuture<Integer> head = async(() -> client.request().head("/v2/" + repo + "/blobs/" + lost).statusCode());
            gc.awaitBlocking();
            gc.commit();
            assertThat(head.join()).isEqualTo(404);
        }
    }

    @Test
    void aGetByDigestConfirmsAStaleManifest() throws Exception {
        String json = client.imageManifest(MediaTypes.OCI_MANIFEST, "{\"c\":6}", List.of("layer of a fetched image " + repo), null, null);
        String digest = Blobs.sha256(json);
        client.putManifest(digest, MediaTypes.OCI_MANIFEST, json).then().statusCode(201);
        try (GcPlayer setBack = new GcPlayer(dataSource)) {
            setBack.sql("UPDATE registry.manifest SET touched_at = now() - interval '1 day' WHERE digest = ?", digest);
            setBack.commit();
        }
        client.request().get("/v2/" + repo + "/manifests/" + digest).then().statusCode(200);
        try (GcPlayer check = new GcPlayer(dataSource)) {
            assertThat(check.sql("SELECT 1 FROM registry.manifest WHERE digest = ? AND touched_at > now() - interval '1 minute'",
                    digest)).isOne();
        }
    }

    private int upload(String style, byte[] content, String digest) {
        if (style.equals("monolithic")) {
            return client.request().queryParam("digest", digest).contentType("application/octet-stream").body(content)
                    .post("/v2/" + repo + "/blobs/uploads/").statusCode();
        }
        String location = client.request().post("/v2/" + repo + "/blobs/uploads/").then().statusCode(202).extract().header("Location");
        if (style.equals("chunked")) {
            client.request().header("Content-Range", "0-" + (content.length - 1)).contentType("application/octet-stream")
                    .body(content).patch(location).then().statusCode(202);
            return client.request().queryParam("digest", digest).put(location).statusCode();
        }
        return client.request().queryParam("digest", digest).contentType("application/octet-stream").body(content)
                .put(location).statusCode();
    }

    static String blobPath(String digest) {
        String hex = digest.substring("sha256:".length());
        return "blobs/sha256/" + hex.substring(0, 2) + "/" + hex + "/data";
    }

    private static <T> CompletableFuture<T> async(Supplier<T> request) {
        return CompletableFuture.supplyAsync(request);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
