package io.berth.registry.gc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.berth.common.gc.GcFinish;
import io.berth.common.gc.GcStart;
import io.berth.common.media.MediaTypes;
import io.berth.common.token.Audiences;
import io.berth.registry.storage.StorageDriver;
import io.berth.registry.testing.Blobs;
import io.berth.registry.testing.RegistryClient;
import io.berth.registry.testing.RegistryTestResource;
import io.berth.registry.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a GC run through the internal API deletes, and what it keeps. Other test classes may share the database, so
 * every assertion is about this test's own repositories and digests.
 */
@QuarkusTest
@QuarkusTestResource(RegistryTestResource.class)
class GcCollectionTest {
    @Inject
    AgroalDataSource dataSource;
    @Inject
    StorageDriver storage;
    @Inject
    ObjectMapper json;

    private final String project = "gc" + Long.toHexString(System.nanoTime());
    private final String repo = project + "/app";
    private final RegistryClient client = new RegistryClient(repo, Tokens.pushPull(repo));

    private GcClient gc() {
        return new GcClient(json);
    }

    @Test
    void untaggedManifestsGoOnlyWithDeleteUntaggedAndTheirOwnLayersGoWithThem() throws Exception {
        String shared = "a shared layer " + project;
        String own = "a layer only the untagged image has " + project;
        client.pushImage("v1", shared);
        String untagged = client.imageManifest(MediaTypes.OCI_MANIFEST, "{\"u\":1}", List.of(shared, own), null, null);
        String untaggedDigest = Blobs.sha256(untagged);
        client.putManifest(untaggedDigest, MediaTypes.OCI_MANIFEST, untagged).then().statusCode(201);
        long usageBefore = usage();

        GcClient.Report keep = gc().run(0, false, false);
        assertThat(keep.digests("M")).doesNotContain(untaggedDigest);
        client.request().get("/v2/" + repo + "/manifests/" + untaggedDigest).then().statusCode(200);

        GcClient.Report run = gc().run(0, true, false);
        assertThat(run.digests("M")).contains(untaggedDigest);
        assertThat(run.digests("L")).contains(Blobs.sha256(own), Blobs.sha256("{\"u\":1}")).doesNotContain(Blobs.sha256(shared));
        assertThat(run.digests("B")).contains(Blobs.sha256(own)).doesNotContain(Blobs.sha256(shared));
        assertThat(run.failures()).isEmpty();
        assertThat(storage.exists(PushLocksTest.blobPath(Blobs.sha256(own)))).isFalse();
        client.request().get("/v2/" + repo + "/manifests/" + untaggedDigest).then().statusCode(404);
        client.request().head("/v2/" + repo + "/blobs/" + Blobs.sha256(own)).then().statusCode(404);
        assertThat(client.request().get("/v2/" + repo + "/blobs/" + Blobs.sha256(shared)).asString()).isEqualTo(shared);
        client.request().get("/v2/" + repo + "/manifests/v1").then().statusCode(200);
        assertThat(usage()).as("the project's usage drops by what went").isEqualTo(usageBefore
                - own.length() - "{\"u\":1}".length());
        assertThat(strings("SELECT (payload->>'actor') || ' ' || (payload->>'requestId') FROM registry.outbox WHERE type = 'DELETE_ARTIFACT' "
                + "AND payload->>'digest' = ?", untaggedDigest)).singleElement().asString().startsWith("gc gc-");
    }

    @Test
    void aChildListedByAnIndexIsKeptUntilTheIndexIsGoneAndCollectedInTheNextRound() {
        String child = client.imageManifest(MediaTypes.OCI_MANIFEST, "{\"child\":1}", List.of("child layer " + project), null, null);
        client.putManifest(Blobs.sha256(child), MediaTypes.OCI_MANIFEST, child).then().statusCode(201);
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
                + RegistryClient.descriptorOf(MediaTypes.OCI_MANIFEST, child) + "]}";
        client.putManifest(Blobs.sha256(index), MediaTypes.OCI_INDEX, index).then().statusCode(201);
        GcClient.Report run = gc().run(0, true, false);
        assertThat(run.digests("M")).contains(Blobs.sha256(index), Blobs.sha256(child));
        int indexAt = indexOf(run, Blobs.sha256(index));
        assertThat(indexOf(run, Blobs.sha256(child))).as("the child goes in a later round").isGreaterThan(indexAt);
    }

    @Test
    void aTaggedIndexKeepsItsChildren() {
        String child = client.imageManifest(MediaTypes.OCI_MANIFEST, "{\"child\":2}", List.of("kept child layer " + project), null, null);
        client.putManifest(Blobs.sha256(child), MediaTypes.OCI_MANIFEST, child).then().statusCode(201);
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
                + RegistryClient.descriptorOf(MediaTypes.OCI_MANIFEST, child) + "]}";
        client.putManifest("multi", MediaTypes.OCI_INDEX, index).then().statusCode(201);
        GcClient.Report run = gc().run(0, true, false);
        assertThat(run.digests("M")).doesNotContain(Blobs.sha256(child), Blobs.sha256(index));
        assertThat(run.digests("B")).doesNotContain(Blobs.sha256("kept child layer " + project));
        client.request().get("/v2/" + repo + "/manifests/" + Blobs.sha256(child)).then().statusCode(200);
    }

    @Test
    void referrersAndTaggedAccessoriesGoWithTheirSubjectAndADanglingOneIsCollected() {
        String subject = client.imageManifest(MediaTypes.OCI_MANIFEST, "{\"s\":1}", List.of("subject layer " + project), null, null);
        client.putManifest(Blobs.sha256(subject), MediaTypes.OCI_MANIFEST, subject).then().statusCode(201);
        String subjectDescriptor = RegistryClient.descriptorOf(MediaTypes.OCI_MANIFEST, subject);
        String signature = client.imageManifest(MediaTypes.OCI_MANIFEST, "{}", List.of("signature " + project),
                "application/vnd.example.sig", subjectDescriptor);
        client.putManifest("sha256-signature", MediaTypes.OCI_MANIFEST, signature).then().statusCode(201);
        String sbom = client.imageManifest(MediaTypes.OCI_MANIFEST, "{}", List.of("sbom " + project),
                "application/vnd.example.sbom", subjectDescriptor);
        client.putManifest(Blobs.sha256(sbom), MediaTypes.OCI_MANIFEST, sbom).then().statusCode(201);
        String orphanSubject = RegistryClient.descriptorOf(MediaTypes.OCI_MANIFEST, "{\"never pushed\":true}");
        String dangling = client.imageManifest(MediaTypes.OCI_MANIFEST, "{}", List.of("dangling " + project),
                "application/vnd.example.sig", orphanSubject);
        client.putManifest(Blobs.sha256(dangling), MediaTypes.OCI_MANIFEST, dangling).then().statusCode(201);
        // cosign's tag scheme: no subject, a tag named after the signed digest
        String cosign = client.imageManifest(MediaTypes.OCI_MANIFEST, "{\"cosign\":1}", List.of("cosign payload " + project), null, null);
        String cosignTag = Blobs.sha256(subject).replace(':', '-') + ".sig";
        client.putManifest(cosignTag, MediaTypes.OCI_MANIFEST, cosign).then().statusCode(201);

        GcClient.Report run = gc().run(0, true, false);
        assertThat(run.digests("M")).contains(Blobs.sha256(subject), Blobs.sha256(signature), Blobs.sha256(sbom),
                Blobs.sha256(dangling), Blobs.sha256(cosign));
        client.request().get("/v2/" + repo + "/manifests/" + cosignTag).then().statusCode(404);
        assertThat(run.deleted()).filteredOn(d -> d.digest().equals(Blobs.sha256(signature)))
                .singleElement().satisfies(d -> assertThat(d.tags()).containsExactly("sha256-signature"));
        client.request().get("/v2/" + repo + "/manifests/sha256-signature").then().statusCode(404);
    }

    @Test
    void aYoungAccessorySparesItsSubject() {
        String subject = client.imageManifest(MediaTypes.OCI_MANIFEST, "{\"s\":2}", List.of("spared subject layer " + project), null, null);
        client.putManifest(Blobs.sha256(subject), MediaTypes.OCI_MANIFEST, subject).then().statusCode(201);
        GcClient gc = gc();
        long run = System.nanoTime();
        var started = gc.start(run, 0, false);
        String signature = client.imageManifest(MediaTypes.OCI_MANIFEST, "{}", List.of("young signature " + project),
                "application/vnd.example.sig", RegistryClient.descriptorOf(MediaTypes.OCI_MANIFEST, subject));
        client.putManifest(Blobs.sha256(signature), MediaTypes.OCI_MANIFEST, signature).then().statusCode(201);
        var roots = gc.candidates("manifests", run, started.cutoff(), false).stream()
                .filter(i -> i.digest().equals(Blobs.sha256(subject))).toList();
        assertThat(roots).hasSize(1);
        var collected = gc.collect("manifests", run, started.cutoff(), false, roots);
        assertThat(collected.deleted()).isEmpty();
        assertThat(collected.inUse()).isOne();
        client.request().get("/v2/" + repo + "/manifests/" + Blobs.sha256(subject)).then().statusCode(200);
    }

    @Test
    void theGracePeriodSparesWhatIsYoung() {
        String json = client.imageManifest(MediaTypes.OCI_MANIFEST, "{\"young\":1}", List.of("young layer " + project), null, null);
        client.putManifest(Blobs.sha256(json), MediaTypes.OCI_MANIFEST, json).then().statusCode(201);
        String unreferenced = client.pushBlob("a young blob nothing references " + project);
        GcClient.Report run = gc().run(null, true, false); // registry.gc_grace: 2h
        assertThat(run.digests("M")).doesNotContain(Blobs.sha256(json));
        assertThat(run.digests("L")).doesNotContain(unreferenced);
        assertThat(run.digests("B")).doesNotContain(unreferenced);
        client.request().head("/v2/" + repo + "/blobs/" + unreferenced).then().statusCode(200);
    }

    @Test
    void aDryRunDeletesNothingAndPredictsWhatTheRealRunDeletes() {
        String json = client.imageManifest(MediaTypes.OCI_MANIFEST, "{\"dry\":1}", List.of("dry layer " + project), null, null);
        String digest = Blobs.sha256(json);
        client.putManifest(digest, MediaTypes.OCI_MANIFEST, json).then().statusCode(201);
        String lone = client.pushBlob("a blob uploaded and never used " + project);
        List<String> mine = List.of(digest, Blobs.sha256("{\"dry\":1}"), Blobs.sha256("dry layer " + project), lone);

        GcClient.Report dry = gc().run(0, true, true);
        client.request().get("/v2/" + repo + "/manifests/" + digest).then().statusCode(200);
        client.request().head("/v2/" + repo + "/blobs/" + lone).then().statusCode(200);
        GcClient.Report real = gc().run(0, true, false);
        for (String kind : List.of("M", "L", "B")) {
            assertThat(dry.digests(kind).stream().filter(mine::contains).toList()).as(kind)
                    .isEqualTo(real.digests(kind).stream().filter(mine::contains).toList());
        }
        assertThat(real.digests("B")).contains(lone, Blobs.sha256("dry layer " + project));
        client.request().head("/v2/" + repo + "/blobs/" + lone).then().statusCode(404);
    }

    @Test
    void onlyTokensForTheGcAudienceMayCallTheInternalApi() {
        GcClient gc = gc();
        GcStart start = new GcStart(1, 0, true);
        gc.post("start", null, start).then().statusCode(401);
        gc.post("start", Tokens.pushPull(repo), start).then().statusCode(401);
        gc.post("start", "Bearer " + Tokens.token(Map.of(), RegistryTestResource.ISSUER, Audiences.JOBSERVICE, 300, Tokens.key()), start)
                .then().statusCode(401);
        gc.post("finish", GcClient.bearer(), new GcFinish(1)).then().statusCode(204);
        gc.post("start", GcClient.bearer(), Map.of("run_id", "not a number")).then().statusCode(400);
    }

    private static int indexOf(GcClient.Report run, String digest) {
        for (int i = 0; i < run.deleted().size(); i++) {
            if (run.deleted().get(i).digest().equals(digest)) {
                return i;
            }
        }
        return -1;
    }

    private long usage() throws Exception {
        return Long.parseLong(strings("SELECT coalesce(sum(size), 0)::text FROM registry.project_blob WHERE project = ?", project).get(0));
    }

    private List<String> strings(String sql, String param) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, param);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
