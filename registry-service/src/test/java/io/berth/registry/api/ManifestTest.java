package io.berth.registry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.berth.common.media.MediaTypes;
import io.berth.registry.testing.Blobs;
import io.berth.registry.testing.RegistryClient;
import io.berth.registry.testing.RegistryTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(RegistryTestResource.class)
class ManifestTest {
    private final RegistryClient client = new RegistryClient(Blobs.repository("library"));
    private final String repo = client.repository();

    @TestHTTPResource("/")
    URI registry;

    @Test
    void pushedManifestIsServedByTagAndDigestExactlyAsPushed() {
        String json = client.imageManifest(MediaTypes.OCI_MANIFEST, "{\"os\":\"linux\"}", List.of("layer-a", "layer-b"), null, null);
        String pretty = json.replace(",", ",\n  "); // exact bytes matter, whitespace included
        String digest = Blobs.sha256(pretty);
        client.putManifest("1.0", MediaTypes.OCI_MANIFEST, pretty).then().statusCode(201)
                .header("Location", "/v2/" + repo + "/manifests/" + digest).header("Docker-Content-Digest", digest);
        for (String reference : List.of("1.0", digest)) {
            Response r = client.request().accept(MediaTypes.OCI_MANIFEST).get("/v2/" + repo + "/manifests/" + reference);
            r.then().statusCode(200).contentType(MediaTypes.OCI_MANIFEST).header("Docker-Content-Digest", digest);
            assertThat(r.asByteArray()).isEqualTo(pretty.getBytes(StandardCharsets.UTF_8));
            client.request().head("/v2/" + repo + "/manifests/" + reference).then().statusCode(200)
                    .header("Content-Length", String.valueOf(pretty.getBytes(StandardCharsets.UTF_8).length))
                    .header("Docker-Content-Digest", digest);
        }
    }

    @Test
    void dockerSchema2ManifestsAndRetaggingWork() {
        String json = client.imageManifest(MediaTypes.DOCKER_MANIFEST, "{\"os\":\"linux\"}", List.of("docker layer"), null, null);
        client.putManifest("v1", MediaTypes.DOCKER_MANIFEST, json).then().statusCode(201);
        client.putManifest("latest", MediaTypes.DOCKER_MANIFEST, json).then().statusCode(201);
        client.request().get("/v2/" + repo + "/manifests/latest").then().statusCode(200).contentType(MediaTypes.DOCKER_MANIFEST);
        client.request().get("/v2/" + repo + "/tags/list").then().body("tags", equalTo(List.of("latest", "v1")));
    }

    @Test
    void pushByDigestMustMatchTheContent() {
        String json = client.imageManifest(MediaTypes.OCI_MANIFEST, "{}", List.of("l"), null, null);
        client.putManifest(Blobs.sha256(json), MediaTypes.OCI_MANIFEST, json).then().statusCode(201);
        client.putManifest(Blobs.sha256("other"), MediaTypes.OCI_MANIFEST, json).then().statusCode(400)
                .body("errors[0].code", equalTo("DIGEST_INVALID"));
    }

    @Test
    void pushByDigestWithTagParametersTagsTheManifestAndSaysSoInOciTag() {
        String json = client.imageManifest(MediaTypes.OCI_MANIFEST, "{\"tagged\":1}", List.of("tp layer"), null, null);
        String digest = Blobs.sha256(json);
        client.request().contentType(MediaTypes.OCI_MANIFEST).body(json)
                .queryParam("tag", "1.2.3").queryParam("tag", "1.2").queryParam("tag", "latest").queryParam("tag", "1.2")
                .put("/v2/" + repo + "/manifests/" + digest).then().statusCode(201)
                .header("Docker-Content-Digest", digest).header("OCI-Tag", "1.2.3, 1.2, latest");
        for (String tag : List.of("1.2.3", "1.2", "latest")) {
            client.request().head("/v2/" + repo + "/manifests/" + tag).then().statusCode(200).header("Docker-Content-Digest", digest);
        }
        client.request().get("/v2/" + repo + "/tags/list").then().body("tags", equalTo(List.of("1.2", "1.2.3", "latest")));
        // pushed by tag, the parameters add to the tag of the path
        String other = client.imageManifest(MediaTypes.OCI_MANIFEST, "{\"tagged\":2}", List.of("tp layer 2"), null, null);
        client.request().contentType(MediaTypes.OCI_MANIFEST).body(other).queryParam("tag", "latest")
                .put("/v2/" + repo + "/manifests/v2").then().statusCode(201).header("OCI-Tag", "v2, latest");
        client.request().head("/v2/" + repo + "/manifests/latest").then().header("Docker-Content-Digest", Blobs.sha256(other));
    }

    @Test
    void badTagParametersAreRefusedAndNothingIsRecorded() {
        String json = client.imageManifest(MediaTypes.OCI_MANIFEST, "{\"tagged\":3}", List.of("bad tp layer"), null, null);
        String digest = Blobs.sha256(json);
        client.request().contentType(MediaTypes.OCI_MANIFEST).body(json).queryParam("tag", "good").queryParam("tag", "-bad")
                .put("/v2/" + repo + "/manifests/" + digest).then().statusCode(400).body("errors[0].code", equalTo("TAG_INVALID"));
        var tooMany = client.request().contentType(MediaTypes.OCI_MANIFEST).body(json);
        for (int i = 0; i <= 100; i++) {
            tooMany = tooMany.queryParam("tag", "t" + i);
        }
        tooMany.put("/v2/" + repo + "/manifests/" + digest).then().statusCode(414).body("errors[0].code", equalTo("TAG_INVALID"));
        client.request().head("/v2/" + repo + "/manifests/good").then().statusCode(404);
        client.request().head("/v2/" + repo + "/manifests/" + digest).then().statusCode(404);
    }

    @Test
    void aManifestReferencingAMissingBlobIsRefusedAndNothingIsRecorded() {
        String missing = Blobs.sha256("never uploaded");
        String config = RegistryClient.descriptorOf(MediaTypes.OCI_CONFIG, "{}");
        client.pushBlob("{}");
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":" + config
                + ",\"layers\":[{\"mediaType\":\"" + MediaTypes.OCI_LAYER + "\",\"digest\":\"" + missing + "\",\"size\":14}]}";
        client.putManifest("broken", MediaTypes.OCI_MANIFEST, json).then().statusCode(400)
                .body("errors[0].code", equalTo("MANIFEST_BLOB_UNKNOWN")).body("errors[0].detail.digest", equalTo(missing));
        client.request().get("/v2/" + repo + "/manifests/broken").then().statusCode(404)
                .body("errors[0].code", equalTo("MANIFEST_UNKNOWN"));
    }

    @Test
    void aManifestOfThousandsOfMissingLayersIsRefused() {
        // their mounts were one future chain composed up front: the failure overflowed the stack, no answer came
        String config = RegistryClient.descriptorOf(MediaTypes.OCI_CONFIG, "{}");
        client.pushBlob("{}");
        StringBuilder layers = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            layers.append(i == 0 ? "" : ",").append("{\"mediaType\":\"").append(MediaTypes.OCI_LAYER).append("\",\"digest\":\"")
                    .append(Blobs.sha256("missing layer " + i)).append("\",\"size\":").append(i).append('}');
        }
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":" + config
                + ",\"layers\":[" + layers + "]}";
        client.putManifest("huge", MediaTypes.OCI_MANIFEST, json).then().statusCode(400)
                .body("errors[0].code", equalTo("MANIFEST_BLOB_UNKNOWN"));
    }

    @Test
    void stalledSendersOfLargeManifestsHoldUpNoOrdinaryPush() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            // together they reserve all the heap large manifest pushes may have (a quarter of it, 8× each
            // one's 4 MiB), and send nothing more
            long senders = Runtime.getRuntime().maxMemory() / 4 / (32L << 20) + 2;
            for (int i = 0; i < senders; i++) {
                stalled.add(client.startManifestPush(registry, "stalled" + i, 4 << 20));
            }
            Thread.sleep(500);
            // well before the stalled pushes' deadline (registry.manifest_body_timeout, 60 s) gives their reservations back
            CompletableFuture.runAsync(() -> client.pushImage("ordinary", "pushed while large manifests stall"))
                    .get(20, TimeUnit.SECONDS);
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
        // their reservations came back when they went away: a large push is read and answered
        client.pushLargeManifestOfAbsentLayers("large");
    }

    @Test
    void aDescriptorWithTheWrongSizeIsRefused() {
        String digest = client.pushBlob("twelve bytes");
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
                + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + digest + "\",\"size\":99},\"layers\":[]}";
        client.putManifest("wrong-size", MediaTypes.OCI_MANIFEST, json).then().statusCode(400)
                .body("errors[0].code", equalTo("MANIFEST_INVALID"));
    }

    @Test
    void malformedManifestsAreRefused() {
        client.putManifest("bad", MediaTypes.OCI_MANIFEST, "{not json").then().statusCode(400)
                .body("errors[0].code", equalTo("MANIFEST_INVALID")).body("errors[0].message", containsString("JSON"));
        client.putManifest("bad", MediaTypes.OCI_MANIFEST, "[]").then().statusCode(400);
        client.putManifest("bad", MediaTypes.OCI_MANIFEST, "{\"schemaVersion\":3}").then().statusCode(400);
        client.putManifest("bad", MediaTypes.OCI_MANIFEST, "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
                + "\",\"config\":{\"mediaType\":\"x\",\"digest\":\"sha256:zz\",\"size\":1}}").then().statusCode(400)
                .body("errors[0].message", containsString("config.digest"));
        client.putManifest("bad", MediaTypes.OCI_MANIFEST, "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
                + "\",\"config\":{\"mediaType\":\"x\",\"digest\":\"" + Blobs.sha256("a") + "\",\"size\":-1}}").then().statusCode(400);
    }

    @Test
    void contentTypeMustAgreeWithTheDeclaredMediaType() {
        String json = client.imageManifest(MediaTypes.OCI_MANIFEST, "{}", List.of("l2"), null, null);
        client.putManifest("mismatch", MediaTypes.DOCKER_MANIFEST, json).then().statusCode(400)
                .body("errors[0].code", equalTo("MANIFEST_INVALID")).body("errors[0].message", containsString("does not match"));
    }

    @Test
    void unknownMediaTypesAndSchema1AreRefused() {
        client.putManifest("odd", "application/vnd.example.thing+json", "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.example.thing+json\"}")
                .then().statusCode(400).body("errors[0].code", equalTo("MANIFEST_INVALID"))
                .body("errors[0].message", containsString("unsupported manifest media type"));
        client.putManifest("old", MediaTypes.DOCKER_SCHEMA1_SIGNED, "{\"schemaVersion\":1,\"name\":\"x\",\"tag\":\"old\",\"fsLayers\":[]}")
                .then().statusCode(400).body("errors[0].message", containsString("schema 1"));
    }

    @Test
    void manifestsLargerThan4MiBAreRefused() {
        byte[] huge = new byte[(4 << 20) + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        client.request().contentType(MediaTypes.OCI_MANIFEST).body(huge).put("/v2/" + repo + "/manifests/huge").then()
                .statusCode(413).body("errors[0].code", equalTo("MANIFEST_INVALID"));
    }

    @Test
    void invalidTagsAreRefused() {
        client.request().contentType(MediaTypes.OCI_MANIFEST).body("{}".getBytes()).put("/v2/" + repo + "/manifests/-bad")
                .then().statusCode(400).body("errors[0].code", equalTo("TAG_INVALID"));
        client.request().get("/v2/" + repo + "/manifests/" + "t".repeat(129)).then().statusCode(400);
    }

    @Test
    void anIndexNeedsEveryChildAndProtectsItsChildrenFromDeletion() {
        String amd64 = client.pushImage("amd64", "amd64 layer");
        String arm64 = client.pushImage("arm64", "arm64 layer");
        String missing = Blobs.sha256("no such manifest");
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
                + RegistryClient.descriptorOf(MediaTypes.OCI_MANIFEST, amd64) + ","
                + RegistryClient.descriptorOf(MediaTypes.OCI_MANIFEST, arm64) + "]}";
        String broken = index.replace(Blobs.sha256(arm64), missing);
        client.putManifest("multi", MediaTypes.OCI_INDEX, broken).then().statusCode(400)
                .body("errors[0].code", equalTo("MANIFEST_BLOB_UNKNOWN"));
        client.putManifest("multi", MediaTypes.OCI_INDEX, index).then().statusCode(201);
        client.request().accept(MediaTypes.OCI_INDEX).get("/v2/" + repo + "/manifests/multi").then().statusCode(200)
                .contentType(MediaTypes.OCI_INDEX);
        client.request().delete("/v2/" + repo + "/manifests/" + Blobs.sha256(amd64)).then().statusCode(409)
                .body("errors[0].code", equalTo("DENIED"));
        client.request().delete("/v2/" + repo + "/manifests/" + Blobs.sha256(index)).then().statusCode(202);
        client.request().delete("/v2/" + repo + "/manifests/" + Blobs.sha256(amd64)).then().statusCode(202);
    }

    @Test
    void aClientThatAcceptsNoIndexIsNotServedOneByTagButGetsTheDigestItNames() {
        String child = client.pushImage("child", "c layer");
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST_LIST + "\",\"manifests\":["
                + RegistryClient.descriptorOf(MediaTypes.OCI_MANIFEST, child) + "]}";
        client.putManifest("list", MediaTypes.DOCKER_MANIFEST_LIST, index).then().statusCode(201);
        client.request().accept(MediaTypes.DOCKER_MANIFEST).get("/v2/" + repo + "/manifests/list").then().statusCode(404);
        client.request().accept(MediaTypes.DOCKER_MANIFEST + ", " + MediaTypes.DOCKER_MANIFEST_LIST)
                .get("/v2/" + repo + "/manifests/list").then().statusCode(200);
        client.request().get("/v2/" + repo + "/manifests/list").then().statusCode(200);
        client.request().accept(MediaTypes.DOCKER_MANIFEST).get("/v2/" + repo + "/manifests/" + Blobs.sha256(index)).then()
                .statusCode(200).contentType(MediaTypes.DOCKER_MANIFEST_LIST).body(equalTo(index));
    }

    @Test
    void deletingByDigestRemovesTheManifestAndItsTagsDeletingByTagOnlyTheTag() {
        String json = client.pushImage("keep", "del layer");
        client.putManifest("drop", MediaTypes.OCI_MANIFEST, json).then().statusCode(201);
        client.request().delete("/v2/" + repo + "/manifests/drop").then().statusCode(202);
        client.request().get("/v2/" + repo + "/manifests/drop").then().statusCode(404);
        client.request().get("/v2/" + repo + "/manifests/keep").then().statusCode(200);
        client.request().delete("/v2/" + repo + "/manifests/" + Blobs.sha256(json)).then().statusCode(202);
        client.request().get("/v2/" + repo + "/manifests/keep").then().statusCode(404);
        client.request().get("/v2/" + repo + "/manifests/" + Blobs.sha256(json)).then().statusCode(404);
        client.request().delete("/v2/" + repo + "/manifests/" + Blobs.sha256(json)).then().statusCode(404)
                .body("errors[0].code", equalTo("MANIFEST_UNKNOWN"));
    }

    @Test
    void unknownManifestsAndRepositories() {
        client.request().get("/v2/" + repo + "/manifests/nope").then().statusCode(404).body("errors[0].code", equalTo("MANIFEST_UNKNOWN"));
        client.request().head("/v2/" + repo + "/manifests/nope").then().statusCode(404);
    }
}
