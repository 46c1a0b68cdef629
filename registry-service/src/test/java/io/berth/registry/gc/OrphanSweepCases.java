package io.berth.registry.gc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.berth.common.digest.Digest;
import io.berth.common.gc.GcStart;
import io.berth.common.gc.GcStarted;
import io.berth.common.gc.GcSweep;
import io.berth.registry.storage.BlobPaths;
import io.berth.registry.storage.StorageDriver;
import io.berth.registry.storage.StoredObject;
import io.berth.registry.testing.Blobs;
import io.berth.registry.testing.RegistryClient;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The orphan sweep through the internal API, the same cases on every storage driver (the subclasses give the driver
 * and a way to set an object's modification time). Other test classes share the storage, so every assertion is about
 * this test's own paths.
 */
abstract class OrphanSweepCases {
    static final Instant LONG_AGO = Instant.now().minus(Duration.ofHours(3)); // the default grace is 2 h

    @Inject
    AgroalDataSource dataSource;
    @Inject
    StorageDriver storage;
    @Inject
    ObjectMapper json;

    private final String unique = Long.toHexString(System.nanoTime());
    private final RegistryClient client = new RegistryClient(Blobs.repository("orphans"));

    /** Sets the modification time of the object at {@code path} as the driver lists it. */
    abstract void backdate(String path, Instant when) throws Exception;

    private GcClient gc() {
        return new GcClient(json);
    }

    /** Stores blob content without a row, as a crash between placing the bytes and committing the row leaves it. */
    private String orphan(String content) {
        String path = BlobPaths.blob(Digest.parse(Blobs.sha256(content)));
        storage.putContent(path, content.getBytes(StandardCharsets.UTF_8));
        return path;
    }

    @Test
    void anOrphanOlderThanTheGraceGoesAYoungOneAndAReferencedOneStayAndADryRunDeletesNothing() throws Exception {
        String old = orphan("an old orphan " + unique);
        backdate(old, LONG_AGO);
        String young = orphan("a young orphan " + unique);
        String referencedContent = "a referenced blob " + unique;
        String referencedDigest = client.pushBlob(referencedContent);
        String referenced = BlobPaths.blob(Digest.parse(referencedDigest));
        backdate(referenced, LONG_AGO);
        String stray = "blobs/sha256/zz/not-a-digest-" + unique + "/data"; // not Berth's layout: never touched
        storage.putContent(stray, new byte[] {1});
        backdate(stray, LONG_AGO);

        GcClient.Sweep dry = gc().sweep(null, true, 50);
        assertThat(dry.failures()).isEmpty();
        assertThat(dry.paths()).contains(old).doesNotContain(young, referenced, stray);
        assertThat(dry.deleted()).filteredOn(o -> o.path().equals(old)).singleElement()
                .satisfies(o -> assertThat(o.digest()).isEqualTo(Blobs.sha256("an old orphan " + unique)));
        assertThat(List.of(old, young, referenced, stray)).as("a dry run deletes nothing").allMatch(storage::exists);

        GcClient.Sweep run = gc().sweep(null, false, 50);
        assertThat(run.failures()).isEmpty();
        assertThat(run.paths()).contains(old).doesNotContain(young, referenced, stray);
        assertThat(run.bytes()).isGreaterThanOrEqualTo(("an old orphan " + unique).length());
        assertThat(run.young()).isGreaterThanOrEqualTo(1);
        assertThat(storage.exists(old)).isFalse();
        assertThat(List.of(young, referenced, stray)).allMatch(storage::exists);
        assertThat(client.request().get("/v2/" + client.repository() + "/blobs/" + referencedDigest).asString()).isEqualTo(referencedContent);

        assertThat(gc().sweep(null, false, 50).paths()).as("a second sweep finds nothing of this test's").doesNotContain(old, young);
        storage.deleteBlobs(List.of(young, stray));
    }

    @Test
    void anOrphanWhoseRowAnUploadIsInsertingIsBusyAndStaysUntilTheUploadIsGone() throws Exception {
        String content = "an orphan an upload is completing " + unique;
        String path = orphan(content);
        backdate(path, LONG_AGO);
        try (Connection upload = dataSource.getConnection()) {
            upload.setAutoCommit(false);
            try (PreparedStatement st = upload.prepareStatement("INSERT INTO registry.blob (digest, size) VALUES (?, ?)")) {
                st.setString(1, Blobs.sha256(content));
                st.setLong(2, content.length());
                st.executeUpdate();
            }
            GcClient.Sweep run = gc().sweep(null, false, 1000);
            assertThat(run.paths()).doesNotContain(path);
            assertThat(run.busy()).isGreaterThanOrEqualTo(1);
            assertThat(storage.exists(path)).isTrue();
            upload.rollback();
        }
        assertThat(gc().sweep(null, false, 1000).paths()).as("the upload never committed its row").contains(path);
        assertThat(storage.exists(path)).isFalse();
    }

    @Test
    void uploadDataWithoutASessionGoesAfterTheGraceAndALiveSessionStays() throws Exception {
        String location = client.request().post("/v2/" + client.repository() + "/blobs/uploads/").then().statusCode(202)
                .extract().header("Location");
        String id = location.replaceAll("\\?.*$", "").replaceAll("^.*/", "");
        byte[] first = ("the first chunk " + unique).getBytes(StandardCharsets.UTF_8);
        client.request().header("Content-Range", "0-" + (first.length - 1)).contentType("application/octet-stream").body(first)
                .patch(location).then().statusCode(202);
        List<StoredObject> live = storage.listObjects(BlobPaths.upload(UUID.fromString(id)), null, 100);
        for (StoredObject o : live) {
            backdate(o.path(), LONG_AGO);
        }
        String stale = BlobPaths.uploadData(UUID.randomUUID());
        storage.putContent(stale, new byte[] {1, 2, 3});
        backdate(stale, LONG_AGO);
        String young = BlobPaths.uploadData(UUID.randomUUID());
        storage.putContent(young, new byte[] {4});

        GcClient.Sweep run = gc().sweep(null, false, 50);
        assertThat(run.failures()).isEmpty();
        assertThat(run.paths()).contains(stale).doesNotContain(young).doesNotContainAnyElementsOf(live.stream().map(StoredObject::path).toList());
        assertThat(storage.exists(stale)).isFalse();
        assertThat(storage.exists(young)).isTrue();
        client.request().queryParam("digest", Blobs.sha256(first)).put(location).then().statusCode(201);
        assertThat(client.request().get("/v2/" + client.repository() + "/blobs/" + Blobs.sha256(first)).asByteArray()).isEqualTo(first);
        storage.delete(BlobPaths.UPLOADS + "/" + young.split("/")[1]);
    }

    @Test
    void badSweepsAreRefusedInHarborsErrorShapeAndDeleteNothing() throws Exception {
        String old = orphan("an orphan bad sweeps must not touch " + unique);
        backdate(old, LONG_AGO);
        GcClient gc = gc();
        GcStarted noGrace = gc.call("start", new GcStart(42, 0, false), GcStarted.class);
        GcStarted started = gc.call("start", new GcStart(43, null, false), GcStarted.class);

        refused(gc.post("orphans/sweep", GcClient.bearer(), new GcSweep(42, noGrace.cutoff(), false, GcSweep.BLOBS, null, 10)),
                400, "at least 1 hour");
        refused(gc.post("orphans/sweep", GcClient.bearer(), new GcSweep(43, started.cutoff(), false, "everything", null, 10)),
                400, "area must be blobs or uploads");
        refused(gc.post("orphans/sweep", GcClient.bearer(), new GcSweep(43, started.cutoff(), false, GcSweep.BLOBS, null, 0)),
                400, "limit must be between 1 and 1000");
        refused(gc.post("orphans/sweep", GcClient.bearer(), new GcSweep(43, started.cutoff(), false, GcSweep.BLOBS, null, 1001)),
                400, "limit must be between 1 and 1000");
        refused(gc.post("orphans/sweep", GcClient.bearer(), new GcSweep(43, null, false, GcSweep.BLOBS, null, 10)),
                400, "cutoff is required");
        refused(gc.post("orphans/sweep", GcClient.bearer(), new GcSweep(43, started.cutoff(), false, GcSweep.BLOBS, "_uploads/x", 10)),
                400, "after must be a path under blobs/");
        refused(gc.post("orphans/sweep", GcClient.bearer(), Map.of("run_id", "not a number")), 400, "invalid GcSweep");
        refused(gc.post("orphans/sweep", null, new GcSweep(43, started.cutoff(), false, GcSweep.BLOBS, null, 10)), 401, "");
        assertThat(storage.exists(old)).isTrue();
        storage.deleteBlobs(List.of(old));
    }

    private static void refused(Response response, int status, String message) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.jsonPath().getString("errors[0].code")).isNotBlank();
        assertThat(response.jsonPath().getString("errors[0].message")).contains(message);
    }
}
