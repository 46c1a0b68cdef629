package io.berth.registry.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.berth.common.media.MediaTypes;
import io.berth.registry.testing.Blobs;
import io.berth.registry.testing.RegistryClient;
import io.berth.registry.testing.RegistryTestResource;
import io.berth.registry.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tag lists, the catalog and referrers: paginated, ordered, filtered. */
@QuarkusTest
@QuarkusTestResource(RegistryTestResource.class)
class ListingsTest {
    private final RegistryClient client = new RegistryClient(Blobs.repository("library"));
    private final String repo = client.repository();

    @Test
    void tagsArePagedInOrderWithALinkToTheNextPage() {
        String json = client.pushImage("a", "tagged layer");
        for (String tag : List.of("b", "c", "d", "e")) {
            client.putManifest(tag, MediaTypes.OCI_MANIFEST, json).then().statusCode(201);
        }
        client.request().get("/v2/" + repo + "/tags/list").then().statusCode(200)
                .body("name", equalTo(repo)).body("tags", equalTo(List.of("a", "b", "c", "d", "e")));
        client.request().queryParam("n", 2).get("/v2/" + repo + "/tags/list").then()
                .body("tags", equalTo(List.of("a", "b")))
                .header("Link", "</v2/" + repo + "/tags/list?n=2&last=b>; rel=\"next\"");
        client.request().queryParam("n", 2).queryParam("last", "b").get("/v2/" + repo + "/tags/list").then()
                .body("tags", equalTo(List.of("c", "d")));
        client.request().queryParam("n", 2).queryParam("last", "d").get("/v2/" + repo + "/tags/list").then()
                .body("tags", equalTo(List.of("e"))).header("Link", nullValue());
        client.request().queryParam("n", 0).get("/v2/" + repo + "/tags/list").then().body("tags", equalTo(List.of()));
    }

    @Test
    void tagsAreListedCaseInsensitivelyAsTheSpecAsks() {
        String json = client.pushImage("c", "case layer");
        for (String tag : List.of("B", "a", "_u", "0z", "x", "X")) {
            client.putManifest(tag, MediaTypes.OCI_MANIFEST, json).then().statusCode(201);
        }
        client.request().get("/v2/" + repo + "/tags/list").then().statusCode(200)
                .body("tags", equalTo(List.of("0z", "_u", "a", "B", "c", "X", "x")));
        client.request().queryParam("n", 3).queryParam("last", "_u").get("/v2/" + repo + "/tags/list").then()
                .body("tags", equalTo(List.of("a", "B", "c")))
                .header("Link", "</v2/" + repo + "/tags/list?n=3&last=c>; rel=\"next\"");
        client.request().queryParam("n", 3).queryParam("last", "c").get("/v2/" + repo + "/tags/list").then()
                .body("tags", equalTo(List.of("X", "x"))).header("Link", nullValue());
        client.request().queryParam("last", "X").get("/v2/" + repo + "/tags/list").then().body("tags", equalTo(List.of("x")));
    }

    @Test
    void badPageSizesAreRefused() {
        client.pushImage("x", "page layer");
        client.request().queryParam("n", "many").get("/v2/" + repo + "/tags/list").then().statusCode(400)
                .body("errors[0].code", equalTo("PAGINATION_NUMBER_INVALID"));
        client.request().queryParam("n", -1).get("/v2/" + repo + "/tags/list").then().statusCode(400);
    }

    @Test
    void tagsOfAnUnknownRepositoryAreNameUnknown() {
        client.request().get("/v2/" + repo + "/tags/list").then().statusCode(404).body("errors[0].code", equalTo("NAME_UNKNOWN"));
    }

    @Test
    void theCatalogListsRepositoriesWithContentAndNeedsTheCatalogScope() {
        client.pushImage("1", "catalog layer");
        RegistryClient empty = new RegistryClient(Blobs.repository("library"));
        empty.pushBlob("a blob but no manifest");
        RegistryClient.request(Tokens.catalog()).queryParam("n", 10_000).get("/v2/_catalog").then().statusCode(200)
                .body("repositories", hasItem(repo)).body("repositories", not(hasItem(empty.repository())));
        RegistryClient.request(Tokens.catalog()).queryParam("n", 1).get("/v2/_catalog").then()
                .body("repositories.size()", equalTo(1)).header("Link", org.hamcrest.Matchers.startsWith("</v2/_catalog?n=1&last="));
        client.request().get("/v2/_catalog").then().statusCode(401);
    }

    @Test
    void referrersListManifestsWhoseSubjectIsTheDigestFilteredByArtifactType() {
        String image = client.pushImage("app", "app layer");
        String subject = RegistryClient.descriptorOf(MediaTypes.OCI_MANIFEST, image);
        String sbom = client.imageManifest(MediaTypes.OCI_MANIFEST, "{}", List.of("{\"sbom\":true}"), "application/vnd.example.sbom", subject);
        String signature = client.imageManifest(MediaTypes.OCI_MANIFEST, "{}", List.of("sig"), "application/vnd.example.signature", subject);
        client.putManifest(Blobs.sha256(sbom), MediaTypes.OCI_MANIFEST, sbom).then().statusCode(201)
                .header("OCI-Subject", Blobs.sha256(image));
        client.putManifest(Blobs.sha256(signature), MediaTypes.OCI_MANIFEST, signature).then().statusCode(201);
        client.request().get("/v2/" + repo + "/manifests/" + Blobs.sha256(sbom)).then().header("OCI-Subject", Blobs.sha256(image));

        String url = "/v2/" + repo + "/referrers/" + Blobs.sha256(image);
        client.request().get(url).then().statusCode(200).contentType(MediaTypes.OCI_INDEX)
                .body("schemaVersion", equalTo(2)).body("mediaType", equalTo(MediaTypes.OCI_INDEX))
                .body("manifests.size()", equalTo(2))
                .body("manifests.artifactType", equalTo(List.of("application/vnd.example.sbom", "application/vnd.example.signature")))
                .body("manifests[0].digest", equalTo(Blobs.sha256(sbom)))
                .body("manifests[0].size", equalTo(sbom.length()))
                .header("OCI-Filters-Applied", nullValue());
        client.request().queryParam("artifactType", "application/vnd.example.signature").get(url).then().statusCode(200)
                .header("OCI-Filters-Applied", "artifactType")
                .body("manifests.digest", equalTo(List.of(Blobs.sha256(signature))));
        client.request().get("/v2/" + repo + "/referrers/" + Blobs.sha256("nothing refers to this")).then().statusCode(200)
                .body("manifests", equalTo(List.of()));
        client.request().get("/v2/" + repo + "/referrers/sha256:bad").then().statusCode(400)
                .body("errors[0].code", equalTo("DIGEST_INVALID"));
    }

    @Test
    void anArtifactWithAnEmptyConfigMustDeclareItsType() {
        String json = client.imageManifest(MediaTypes.OCI_MANIFEST, "{}", List.of("x"), "application/vnd.example.thing", null);
        client.putManifest("artifact", MediaTypes.OCI_MANIFEST, json).then().statusCode(201);
        String untyped = json.replace(",\"artifactType\":\"application/vnd.example.thing\"", "");
        client.putManifest("untyped", MediaTypes.OCI_MANIFEST, untyped).then().statusCode(400);
    }
}
