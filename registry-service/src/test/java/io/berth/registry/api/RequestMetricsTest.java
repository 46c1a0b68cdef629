package io.berth.registry.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.registry.testing.Blobs;
import io.berth.registry.testing.RegistryClient;
import io.berth.registry.testing.RegistryTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Request metrics are per endpoint: repository names, tags, digests and upload ids never become series of their own. */
@QuarkusTest
@QuarkusTestResource(RegistryTestResource.class)
class RequestMetricsTest {
    @io.quarkus.test.common.http.TestHTTPResource(value = "/", management = true)
    java.net.URI management;

    @Test
    void requestsAreCountedPerEndpointNotPerRepository() {
        // the second name has components that are also endpoint words
        for (String repository : List.of(Blobs.repository("metrics"), "metrics/blobs/uploads/" + Blobs.repository("x").substring(2))) {
            RegistryClient client = new RegistryClient(repository);
            String manifest = client.pushImage("v1", "layer of " + repository);
            String digest = Blobs.sha256(manifest);
            String v2 = "/v2/" + repository;
            client.request().get(v2 + "/manifests/v1").then().statusCode(200);
            client.request().get(v2 + "/manifests/" + digest).then().statusCode(200);
            client.request().get(v2 + "/blobs/" + Blobs.sha256("layer of " + repository)).then().statusCode(200);
            client.request().get(v2 + "/tags/list").then().statusCode(200);
            client.request().get(v2 + "/referrers/" + digest).then().statusCode(200);
            String location = client.request().post(v2 + "/blobs/uploads/").then().statusCode(202).extract().header("Location");
            location = client.request().header("Content-Range", "0-4").body("chunk".getBytes()).patch(location)
                    .then().statusCode(202).extract().header("Location");
            client.request().queryParam("digest", Blobs.sha256("chunk")).put(location).then().statusCode(201);
        }
        String metrics = given().baseUri(management.resolve("/").toString()).get("/q/metrics").then().statusCode(200).extract().asString();
        for (String endpoint : List.of("/v2/{name}/manifests/{reference}", "/v2/{name}/blobs/{digest}", "/v2/{name}/blobs/uploads",
                "/v2/{name}/blobs/uploads/{uuid}", "/v2/{name}/tags/list", "/v2/{name}/referrers/{digest}")) {
            assertThat(metrics).contains("uri=\"" + endpoint + "\"");
        }
        List<String> series = metrics.lines().filter(l -> l.startsWith("http_server_requests")).toList();
        assertThat(series).allSatisfy(l -> assertThat(l).doesNotContain("metrics/").doesNotContain("sha256:"));
        // other tests in this application ask for paths that are no endpoint (404s); no answered request may be one
        assertThat(series).filteredOn(l -> l.contains("status=\"2")).allSatisfy(l -> assertThat(l).doesNotContain("{unknown}"));
    }
}
