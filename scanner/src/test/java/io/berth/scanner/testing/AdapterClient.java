package io.berth.scanner.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.response.Response;
import java.time.Duration;

/** Harbor's side of the adapter API, as a test drives it over real HTTP: submit a scan, poll its report while it answers 302. */
public final class AdapterClient {
    public static final String SCAN_REQUEST = "application/vnd.scanner.adapter.scan.request+json; version=1.1";

    private AdapterClient() {}

    public static String scanRequest(String registryUrl, String authorization, String repository, String digest) {
        return "{\"registry\":{\"url\":\"" + registryUrl + "\"" + (authorization == null ? "" : ",\"authorization\":\"" + authorization + "\"")
                + "},\"artifact\":{\"repository\":\"" + repository + "\",\"digest\":\"" + digest
                + "\",\"mime_type\":\"application/vnd.oci.image.manifest.v1+json\"}}";
    }

    public static String submit(String body) {
        return given().contentType(SCAN_REQUEST).body(body).post("/api/v1/scan").then().statusCode(202).extract().path("id");
    }

    /** Polls the report as Harbor does, following no redirect, until it is not a 302; returns that answer. */
    public static Response report(String id, String accept, String sbomMediaType) {
        Response[] last = new Response[1];
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
            var request = given().redirects().follow(false).header("Accept", accept);
            if (sbomMediaType != null) {
                request.queryParam("sbom_media_type", sbomMediaType);
            }
            last[0] = request.get("/api/v1/scan/{id}/report", id);
            return last[0].statusCode() != 302;
        });
        return last[0];
    }
}
