package io.berth.registry.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.berth.common.event.RegistryEvent;
import io.berth.common.media.MediaTypes;
import io.berth.registry.testing.Blobs;
import io.berth.registry.testing.CoreSchema;
import io.berth.registry.testing.RegistryClient;
import io.berth.registry.testing.RegistryTestResource;
import io.berth.registry.testing.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Storage quotas enforced on {@code /v2/} at the three places bytes become a project's: blob upload completion,
 * cross-repository mount, manifest PUT (with the blobs it mounts). A refused push answers 403 DENIED with Harbor's
 * message and leaves no link, no usage row and no manifest; the usage stays equal to a recount from scratch. The hard
 * limits are core's, written into core's own schema (its real migrations) as its API writes them.
 */
@QuarkusTest
@QuarkusTestResource(RegistryTestResource.class)
class QuotaEnforcementTest {
    @Inject
    RedisDataSource redis;

    static String project(String prefix, long hard) throws Exception {
        String name = prefix + UUID.randomUUID().toString().substring(0, 8);
        CoreSchema.project(name, hard);
        return name;
    }

    @Test
    void aBlobUploadThatWouldExceedTheLimitIsRefusedAndCountsNothing() throws Exception {
        String project = project("upq", 10_000);
        String repo = project + "/app";
        RegistryClient client = new RegistryClient(repo, Tokens.pushPull(repo, project + "/other"));
        byte[] kept = Blobs.random(6000, 11);
        byte[] refused = Blobs.random(6000, 12);
        client.pushBlob(kept);
        String digest = Blobs.sha256(refused);

        client.request().queryParam("digest", digest).contentType("application/octet-stream").body(refused)
                .post("/v2/" + repo + "/blobs/uploads/").then().statusCode(403)
                .body("errors[0].code", equalTo("DENIED"))
                .body("errors[0].message", equalTo("Quota exceeded when processing the request of adding 5.9 KiB of storage resource, "
                        + "which when updated to current usage of 5.9 KiB will exceed the configured upper limit of 9.8 KiB of project "
                        + project + "."))
                .body("errors[0].detail.project", equalTo(project)).body("errors[0].detail.hard", equalTo(10_000))
                .body("errors[0].detail.used", equalTo(6000)).body("errors[0].detail.adding", equalTo(6000));

        // chunked: the session ends with the refusal
        String location = client.request().post("/v2/" + repo + "/blobs/uploads/").then().statusCode(202).extract().header("Location");
        client.request().contentType("application/octet-stream").body(refused).patch(location).then().statusCode(202);
        client.request().queryParam("digest", digest).put(location).then().statusCode(403).body("errors[0].code", equalTo("DENIED"));
        client.request().get(location).then().statusCode(404);

        client.request().head("/v2/" + repo + "/blobs/" + digest).then().statusCode(404);
        assertThat(count("SELECT count(*) FROM registry.repository_blob WHERE digest = ?", digest)).as("no link").isZero();
        assertThat(count("SELECT count(*) FROM registry.project_blob WHERE digest = ?", digest)).as("no usage").isZero();
        assertThat(count("SELECT count(*) FROM registry.blob WHERE digest = ?", digest)).as("stored, linked nowhere: GC's").isOne();

        // a blob the project counts already adds nothing: accepted at the limit, in another repository too
        new RegistryClient(project + "/other", Tokens.pushPull(project + "/other")).pushBlob(kept);
        assertThat(used(project)).isEqualTo(6000).isEqualTo(recount(project));
        assertThat(events(project, RegistryEvent.Type.QUOTA_EXCEED)).isEqualTo(2);

        CoreSchema.hardStorage(project, 12_000);
        client.pushBlob(refused);
        assertThat(used(project)).isEqualTo(12_000).isEqualTo(recount(project));
    }

    @Test
    void aMountThatWouldExceedTheLimitIsRefusedAndLinksNothing() throws Exception {
        String source = project("srcq", -1) + "/src";
        String project = project("mntq", 10_000);
        String repo = project + "/app";
        String token = Tokens.pushPull(source, repo);
        RegistryClient from = new RegistryClient(source, token);
        RegistryClient into = new RegistryClient(repo, token);
        String first = from.pushBlob(Blobs.random(6000, 21));
        String second = from.pushBlob(Blobs.random(6000, 22));

        into.request().queryParam("mount", first).queryParam("from", source).post("/v2/" + repo + "/blobs/uploads/").then().statusCode(201);
        into.request().queryParam("mount", second).queryParam("from", source).post("/v2/" + repo + "/blobs/uploads/").then().statusCode(403)
                .body("errors[0].code", equalTo("DENIED"))
                .body("errors[0].message", allOf(containsString("Quota exceeded"), containsString("of project " + project)));
        into.request().queryParam("mount", second).post("/v2/" + repo + "/blobs/uploads/").then().statusCode(403); // from any holder too
        into.request().head("/v2/" + repo + "/blobs/" + second).then().statusCode(404);
        assertThat(count("SELECT count(*) FROM registry.project_blob WHERE project = ? AND digest = ?", project, second)).isZero();
        assertThat(used(project)).isEqualTo(6000).isEqualTo(recount(project));
        assertThat(events(project, RegistryEvent.Type.QUOTA_EXCEED)).isEqualTo(2);
        assertThat(used(source.substring(0, source.indexOf('/')))).as("the source project is not charged").isEqualTo(12_000);
    }

    @Test
    void aManifestPutThatWouldExceedTheLimitIsRefusedAndRecordsNothing() throws Exception {
        String project = project("manq", -1);
        String repo = project + "/app";
        RegistryClient client = new RegistryClient(repo);
        String json = client.imageManifest(MediaTypes.OCI_MANIFEST, "{\"os\":\"linux\"}", List.of("layer of the quota test"), null, null);
        int manifestBytes = json.getBytes(StandardCharsets.UTF_8).length;
        long blobs = used(project);
        CoreSchema.hardStorage(project, blobs + manifestBytes - 1);

        client.putManifest("v1", MediaTypes.OCI_MANIFEST, json).then().statusCode(403).body("errors[0].code", equalTo("DENIED"))
                .body("errors[0].detail.adding", equalTo(manifestBytes));
        client.request().get("/v2/" + repo + "/manifests/v1").then().statusCode(404);
        client.request().get("/v2/" + repo + "/manifests/" + Blobs.sha256(json)).then().statusCode(404);
        assertThat(count("SELECT count(*) FROM registry.outbox WHERE type = 'PUSH_ARTIFACT' AND payload->>'digest' = ?", Blobs.sha256(json)))
                .as("no push event").isZero();
        assertThat(used(project)).isEqualTo(blobs).isEqualTo(recount(project));

        CoreSchema.hardStorage(project, blobs + manifestBytes);
        client.putManifest("v1", MediaTypes.OCI_MANIFEST, json).then().statusCode(201);
        client.putManifest("v2", MediaTypes.OCI_MANIFEST, json).then().statusCode(201); // the same manifest adds nothing
        assertThat(used(project)).as("exactly at the limit").isEqualTo(blobs + manifestBytes).isEqualTo(recount(project));
        assertThat(events(project, RegistryEvent.Type.QUOTA_EXCEED)).isEqualTo(1);
    }

    @Test
    void aManifestWhoseBlobsItMountsFromAnotherProjectWouldExceedIsRefusedWithTheMounts() throws Exception {
        String source = project("msrc", -1) + "/src";
        String project = project("mmnt", -1);
        String repo = project + "/app";
        String token = Tokens.pushPull(source, repo);
        String layer = "a layer another project holds ".repeat(100);
        new RegistryClient(source, token).pushBlob(layer);
        RegistryClient client = new RegistryClient(repo, token);
        String config = "{\"os\":\"linux\",\"mount\":true}";
        client.pushBlob(config);
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":"
                + RegistryClient.descriptorOf(MediaTypes.OCI_CONFIG, config) + ",\"layers\":["
                + RegistryClient.descriptorOf(MediaTypes.OCI_LAYER, layer) + "]}";
        long before = used(project);
        CoreSchema.hardStorage(project, before + json.length() + 100); // the manifest fits, not with the layer it mounts

        client.putManifest("v1", MediaTypes.OCI_MANIFEST, json).then().statusCode(403).body("errors[0].code", equalTo("DENIED"))
                .body("errors[0].detail.adding", equalTo(json.length() + layer.length()));
        client.request().head("/v2/" + repo + "/blobs/" + Blobs.sha256(layer)).then().statusCode(404);
        assertThat(used(project)).isEqualTo(before).isEqualTo(recount(project));

        CoreSchema.hardStorage(project, -1);
        client.putManifest("v1", MediaTypes.OCI_MANIFEST, json).then().statusCode(201);
        assertThat(used(project)).isEqualTo(before + json.length() + layer.length()).isEqualTo(recount(project));
    }

    @Test
    void aPushCrossing85PercentWarnsOnceAndARefusalIsOnTheEventStream() throws Exception {
        String project = project("warnq", 10_000);
        String repo = project + "/app";
        RegistryClient client = new RegistryClient(repo);
        client.pushBlob(Blobs.random(5000, 31));
        assertThat(events(project, RegistryEvent.Type.QUOTA_WARNING)).isZero();
        client.pushBlob(Blobs.random(4000, 32)); // 90 %
        client.pushBlob(Blobs.random(500, 33)); // 95 %: above already, no second warning
        byte[] over = Blobs.random(1000, 34);
        client.request().queryParam("digest", Blobs.sha256(over)).contentType("application/octet-stream").body(over)
                .post("/v2/" + repo + "/blobs/uploads/").then().statusCode(403);
        assertThat(events(project, RegistryEvent.Type.QUOTA_WARNING)).isOne();
        assertThat(events(project, RegistryEvent.Type.QUOTA_EXCEED)).isOne();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<JsonObject> relayed = redis.stream(String.class).xrevrange(RegistryEvent.STREAM, StreamRange.of("+", "-"), 5000).stream()
                    .map(m -> new JsonObject(m.payload().get("event"))).filter(e -> project.equals(e.getString("project")))
                    .filter(e -> e.getString("type").startsWith("QUOTA_")).toList();
            assertThat(relayed).extracting(e -> e.getString("type")).containsExactlyInAnyOrder("QUOTA_WARNING", "QUOTA_EXCEED");
            JsonObject exceed = relayed.stream().filter(e -> e.getString("type").equals("QUOTA_EXCEED")).findFirst().orElseThrow();
            assertThat(exceed.getString("repository")).isEqualTo(repo);
            assertThat(exceed.getString("digest")).isEqualTo(Blobs.sha256(over));
            assertThat(exceed.getLong("size")).isEqualTo(1000);
            assertThat(exceed.getString("actor")).isEqualTo("tester");
            assertThat(exceed.getString("details")).isEqualTo("adding 1000 B of storage resource, which when updated to current usage "
                    + "of 9.3 KiB will exceed the configured upper limit of 9.8 KiB.");
        });
    }

    /** What the project uses, as core and the quota check read it. */
    static long used(String project) throws Exception {
        return count("SELECT coalesce(sum(used), 0) FROM registry.project_usage_view WHERE project = ?", project);
    }

    /** The project's usage recounted from scratch: the distinct blobs its repositories link, and its manifests' bytes. */
    static long recount(String project) throws Exception {
        return count("SELECT (SELECT coalesce(sum(b.size), 0) FROM registry.blob b WHERE b.digest IN (SELECT rb.digest "
                + "FROM registry.repository_blob rb JOIN registry.repository r ON r.id = rb.repository_id WHERE r.project = ?)) "
                + "+ (SELECT coalesce(sum(octet_length(m.content)), 0) FROM registry.manifest m "
                + "JOIN registry.repository r ON r.id = m.repository_id WHERE r.project = ?)", project, project);
    }

    /** Events of the type recorded for the project (in the outbox: each once). */
    static long events(String project, RegistryEvent.Type type) throws Exception {
        return count("SELECT count(*) FROM registry.outbox WHERE type = ? AND payload->>'project' = ?", type.name(), project);
    }

    static long count(String sql, Object... params) throws Exception {
        try (Connection c = CoreSchema.connect(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
