package io.berth.scanner.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.berth.scanner.testing.AdapterClient;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The adapter API's shapes and its refusals, in the spec's error body: nothing that cannot run is queued. */
@QuarkusTest
class AdapterApiTest {
    private static final String DIGEST = "sha256:" + "0".repeat(64);

    @Test
    void metadataOffersSbomsInBothFormats() {
        given().get("/api/v1/metadata").then().statusCode(200)
                .contentType(containsString("application/vnd.scanner.adapter.metadata+json"))
                .body("scanner.name", equalTo("Berth"))
                .body("capabilities.type", hasItem("sbom"))
                .body("capabilities.find { it.type == 'sbom' }.produces_mime_types", hasItem(ReportTypes.SBOM))
                .body("capabilities.find { it.type == 'sbom' }.consumes_mime_types", hasItem("application/vnd.docker.distribution.manifest.v2+json"))
                .body("capabilities.find { it.type == 'sbom' }.additional_attributes.sbom_media_types",
                        hasItem("application/vnd.cyclonedx+json"))
                // no vulnerability database is wired in this build: the capability is not offered rather than faked
                .body("capabilities.type", not(hasItem("vulnerability")));
    }

    @Test
    void malformedJsonIsA400() {
        refused("{\"registry\":", 400, "not valid JSON");
    }

    @Test
    void missingOrInvalidFieldsAre422() {
        refused("{}", 422, "registry and artifact are required");
        refused(AdapterClient.scanRequest("ftp://registry.example", null, "library/app", DIGEST), 422, "registry.url must be an http");
        refused(AdapterClient.scanRequest("http://127.0.0.1:1", "Digest abc", "library/app", DIGEST), 422, "'Basic <credentials>' or 'Bearer <token>'");
        refused(AdapterClient.scanRequest("http://127.0.0.1:1", "Basic !!!", "library/app", DIGEST), 422, "not base64");
        refused(AdapterClient.scanRequest("http://127.0.0.1:1", null, "Library/App", DIGEST), 422, "artifact.repository is not a valid");
        refused(AdapterClient.scanRequest("http://127.0.0.1:1", null, "library/app", "sha256:123"), 422, "artifact.digest is not a valid digest");
        refused(AdapterClient.scanRequest("http://127.0.0.1:1", null, "library/app", DIGEST)
                .replace("application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json"), 422, "is an index");
        refused(AdapterClient.scanRequest("http://127.0.0.1:1", null, "library/app", DIGEST)
                .replace("application/vnd.oci.image.manifest.v1+json", "application/vnd.cncf.helm.config.v1+json"), 422, "not an image manifest");
        refused(AdapterClient.scanRequest("http://127.0.0.1:1", null, "library/app", DIGEST)
                .replace("}}", "},\"enabled_capabilities\":[{\"type\":\"malware\"}]}"), 422, "'vulnerability' or 'sbom'");
        refused(AdapterClient.scanRequest("http://127.0.0.1:1", null, "library/app", DIGEST)
                .replace("}}", "},\"enabled_capabilities\":[{\"type\":\"sbom\",\"parameters\":{\"sbom_media_types\":[\"text/plain\"]}}]}"),
                422, "text/plain is not one of");
    }

    @Test
    void unknownScanIsA404() {
        given().get("/api/v1/scan/{id}/report", "no-such-scan").then().statusCode(404)
                .contentType(containsString("application/vnd.scanner.adapter.error+json"))
                .body("error.message", containsString("no scan no-such-scan"));
    }

    @Test
    void reportTypesTheScanCannotGiveAreRefused() {
        // a registry nobody listens on: the scan fails, but the report type is checked first, whatever the state
        String id = AdapterClient.submit(AdapterClient.scanRequest("http://127.0.0.1:9", null, "library/app", DIGEST)
                .replace("}}", "},\"enabled_capabilities\":[{\"type\":\"sbom\",\"parameters\":{\"sbom_media_types\":[\"application/spdx+json\"]}}]}"));
        given().header("Accept", ReportTypes.VULNERABILITY).get("/api/v1/scan/{id}/report", id).then().statusCode(501)
                .body("error.message", containsString("no vulnerability database"));
        given().header("Accept", ReportTypes.SBOM).get("/api/v1/scan/{id}/report", id).then().statusCode(400)
                .body("error.message", containsString("sbom_media_type"));
        given().header("Accept", ReportTypes.SBOM).queryParam("sbom_media_type", ReportTypes.CYCLONEDX)
                .get("/api/v1/scan/{id}/report", id).then().statusCode(400).body("error.message", containsString("did not ask for"));
        given().header("Accept", "text/html").get("/api/v1/scan/{id}/report", id).then().statusCode(501);
        AdapterClient.report(id, ReportTypes.SBOM, ReportTypes.SPDX).then().statusCode(500)
                .body("error.message", containsString("pulling the manifest library/app@" + DIGEST + " failed"))
                .body("error.message", containsString("ConnectException"));
    }

    private static void refused(String body, int status, String message) {
        given().contentType(AdapterClient.SCAN_REQUEST).body(body).post("/api/v1/scan").then().statusCode(status)
                .contentType(containsString("application/vnd.scanner.adapter.error+json"))
                .body("error.message", containsString(message));
    }
}
