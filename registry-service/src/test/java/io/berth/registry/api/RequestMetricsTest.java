package io.berth.registry.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.registry.testing.Blobs;
import io.berth.registry.testing.RegistryClient;
import io.berth.registry.testing.RegistryTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Request metrics are per endpoint: repository names, tags, digests and upload ids never become series of their own. */
@QuarkusTest
@QuarkusTestResource(RegistryTestResource.class)
class RequestMetricsTest {
    @Test
    void requestsAreCountedPerEndpointNotPerRepository() {
        for (String repository : new String[] {Blobs.repository("metrics"), Blobs.repository("metrics")}) {
            RegistryClient client = new RegistryClient(repository);
            client.pushImage("v1", "layer of " + repository);
            client.request().get("/v2/" + repository + "/manifests/v1").then().statusCode(200);
            client.request().get("/v2/" + repository + "/tags/list").then().statusCode(200);
        }
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("uri=\"/v2/{name}/manifests/{reference}\"", "uri=\"/v2/{name}/blobs/uploads\"",
                "uri=\"/v2/{name}/tags/list\"");
        assertThat(metrics.lines().filter(l -> l.startsWith("http_server_requests")))
                .allSatisfy(l -> assertThat(l).doesNotContain("metrics/").doesNotContain("sha256:"));
    }
}
