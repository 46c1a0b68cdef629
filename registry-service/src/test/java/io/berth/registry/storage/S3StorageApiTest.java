package io.berth.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.berth.registry.testing.Blobs;
import io.berth.registry.testing.RegistryClient;
import io.berth.registry.testing.RegistryTestResource;
import io.berth.registry.upload.UploadPurge;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The upload and download paths of the API with blobs in S3 (multipart parts of 5 MiB, parked tails between chunks, presigned redirects). */
@QuarkusTest
@TestProfile(S3StorageApiTest.OnS3.class)
public class S3StorageApiTest {
    public static class OnS3 implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RegistryTestResource.class), new TestResourceEntry(S3ProxyResource.class));
        }
    }

    @io.quarkus.test.common.http.TestHTTPResource(value = "/", management = true)
    java.net.URI management;

    private final RegistryClient client = new RegistryClient(Blobs.repository("library"));
    private final String repo = client.repository();

    @Test
    void chunkedUploadSpanningPartsAndTailsIsStoredIntact() {
        String location = client.request().post("/v2/" + repo + "/blobs/uploads/").then().statusCode(202).extract().header("Location");
        byte[] content = Blobs.random(13_000_000, 9);
        int[] cuts = {0, 3_000_000, 9_500_000, 9_500_001, content.length};
        for (int i = 0; i + 1 < cuts.length; i++) {
            client.request().header("Content-Range", cuts[i] + "-" + (cuts[i + 1] - 1))
                    .body(Arrays.copyOfRange(content, cuts[i], cuts[i + 1])).patch(location).then().statusCode(202);
        }
        String digest = Blobs.sha256(content);
        client.request().queryParam("digest", digest).put(location).then().statusCode(201);
        assertThat(client.request().get("/v2/" + repo + "/blobs/" + digest).asByteArray()).isEqualTo(content);
        client.request().header("Range", "bytes=12999990-").get("/v2/" + repo + "/blobs/" + digest).then().statusCode(206)
                .header("Content-Length", "10");
    }

    @Test
    void imagesPushAndPullOnS3() {
        String json = client.pushImage("s3", "layer on s3");
        client.request().get("/v2/" + repo + "/manifests/s3").then().statusCode(200).body(equalTo(json));
        io.restassured.RestAssured.given().baseUri(management.resolve("/").toString()).get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void blobDownloadsRedirectToAPresignedUrlThatServesTheBlob() throws Exception {
        byte[] content = Blobs.random(100_000, 4);
        String digest = client.pushBlob(content);
        String location = client.request().redirects().follow(false).get("/v2/" + repo + "/blobs/" + digest).then()
                .statusCode(307).header("Docker-Content-Digest", digest).extract().header("Location");
        assertThat(location).contains("X-Amz-Signature=");
        var direct = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(location)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(direct.statusCode()).isEqualTo(200);
        assertThat(direct.body()).isEqualTo(content);
        client.request().head("/v2/" + repo + "/blobs/" + digest).then().statusCode(200).header("Content-Length", "100000");
    }

    @Inject
    UploadPurge purge;

    @Test
    void cancelledAndPurgedUploadsLeaveNoMultipartUploadBehind() {
        // 6 MB is more than a 5 MiB part: the first chunk starts a multipart upload
        String cancelled = startedUploadOfOnePartAndATail();
        client.request().delete(cancelled).then().statusCode(204);
        String abandoned = startedUploadOfOnePartAndATail();
        assertThat(purge.purgeOlderThan(Duration.ZERO)).isPositive();
        client.request().get(abandoned).then().statusCode(404);
        for (String location : List.of(cancelled, abandoned)) {
            String id = location.substring(location.lastIndexOf('/') + 1);
            assertThat(S3ProxyResource.running().contents("registry")).noneMatch(key -> key.contains(id));
        }
    }

    private String startedUploadOfOnePartAndATail() {
        String location = client.request().post("/v2/" + repo + "/blobs/uploads/").then().statusCode(202).extract().header("Location");
        client.request().body(Blobs.random(6_000_000, 11)).patch(location).then().statusCode(202);
        String id = location.substring(location.lastIndexOf('/') + 1);
        assertThat(S3ProxyResource.running().contents("registry")).anyMatch(key -> key.startsWith("multipart:") && key.contains(id));
        return location;
    }

    @Test
    void aWrongDigestLeavesNothingInTheBucket() {
        client.request().queryParam("digest", Blobs.sha256("claimed")).body("actual".getBytes())
                .post("/v2/" + repo + "/blobs/uploads/").then().statusCode(400).body("errors[0].code", equalTo("DIGEST_INVALID"));
        client.request().head("/v2/" + repo + "/blobs/" + Blobs.sha256("actual")).then().statusCode(404);
    }
}
