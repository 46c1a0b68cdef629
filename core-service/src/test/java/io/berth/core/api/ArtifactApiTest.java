package io.berth.core.api;

import static io.berth.core.testing.Api.admin;
import static io.berth.core.testing.Api.anonymous;
import static io.berth.core.testing.Api.as;
import static io.berth.core.testing.Api.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.berth.core.testing.Api;
import io.berth.core.testing.CoreTestResource;
import io.berth.core.testing.RegistryRows;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Repositories, artifacts, tags, search and statistics as core reads them from registry-service's
 * views, and what core answers when registry-service is down. (Changes that go through a running
 * registry-service are tested end to end in the launcher module.)
 */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class ArtifactApiTest {
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String PASSWORD = "Passw0rdA";
    static final String PROJECT = unique("art");
    static final String REPO = PROJECT + "/team/app";
    // REST Assured escapes the %: on the wire this is team%252Fapp, the twice-encoded form Harbor clients send
    static final String PATH = "/api/v2.0/projects/" + PROJECT + "/repositories/team%2Fapp";
    static final String IMAGE = digest('1');
    static final String AMD64 = digest('2');
    static final String ARM64 = digest('3');
    static final String INDEX = digest('4');
    static final String SBOM = digest('5');
    static final String DEV = unique("dev");
    static final String OUTSIDER = unique("outsider");

    static String digest(char c) {
        return "sha256:" + String.valueOf(c).repeat(64);
    }

    static String image(String configType) {
        return "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":\"" + configType
                + "\",\"digest\":\"" + digest('c') + "\",\"size\":2},\"layers\":[]}";
    }

    static boolean seeded;

    /** Once per class, but inside the application's lifetime (REST Assured's port is set by then). */
    @BeforeEach
    void content() throws Exception {
        if (seeded) {
            return;
        }
        seeded = true;
        long project = Api.createProject(admin(), PROJECT, false);
        Api.createUser(DEV, PASSWORD);
        Api.createUser(OUTSIDER, PASSWORD);
        Api.addMember(project, DEV, 2);
        String config = "application/vnd.oci.image.config.v1+json";
        RegistryRows.manifest(REPO, IMAGE, OCI_MANIFEST, image(config), 1000);
        RegistryRows.tag(REPO, "v1", IMAGE);
        RegistryRows.tag(REPO, "latest", IMAGE);
        RegistryRows.manifest(REPO, AMD64, OCI_MANIFEST, image(config), 2000);
        RegistryRows.manifest(REPO, ARM64, OCI_MANIFEST, image(config), 3000);
        RegistryRows.manifest(REPO, INDEX, OCI_INDEX, "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":["
                + "{\"mediaType\":\"" + OCI_MANIFEST + "\",\"digest\":\"" + AMD64 + "\",\"size\":1,\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}},"
                + "{\"mediaType\":\"" + OCI_MANIFEST + "\",\"digest\":\"" + ARM64 + "\",\"size\":1,\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\"}}]}", 5000);
        RegistryRows.child(REPO, INDEX, AMD64);
        RegistryRows.child(REPO, INDEX, ARM64);
        RegistryRows.tag(REPO, "multi", INDEX);
        RegistryRows.manifest(REPO, SBOM, OCI_MANIFEST, image("application/vnd.oci.empty.v1+json"), 100);
        RegistryRows.repositoryWithManifest(PROJECT + "/other");
    }

    static RequestSpecification dev() {
        return as(DEV, PASSWORD);
    }

    @Test
    void repositoriesOfAProjectArePagedFilteredAndSorted() {
        dev().queryParam("sort", "name").get("/api/v2.0/projects/" + PROJECT + "/repositories").then().statusCode(200)
                .header("X-Total-Count", "2").body("name", contains(PROJECT + "/other", REPO))
                .body("find { it.name == '" + REPO + "' }.artifact_count", equalTo(5));
        dev().queryParam("sort", "-name").queryParam("page_size", 1).get("/api/v2.0/projects/" + PROJECT + "/repositories").then()
                .statusCode(200).body("name", contains(REPO)).header("Link", containsString("rel=\"next\""));
        dev().queryParam("q", "name=~team").get("/api/v2.0/projects/" + PROJECT + "/repositories").then().statusCode(200)
                .body("name", contains(REPO));
        dev().queryParam("sort", "size").get("/api/v2.0/projects/" + PROJECT + "/repositories").then().statusCode(400)
                .body("errors[0].code", equalTo("BAD_REQUEST"));
        dev().queryParam("q", "colour=red").get("/api/v2.0/projects/" + PROJECT + "/repositories").then().statusCode(400);
        as(OUTSIDER, PASSWORD).get("/api/v2.0/projects/" + PROJECT + "/repositories").then().statusCode(404);
        anonymous().get("/api/v2.0/projects/" + PROJECT + "/repositories").then().statusCode(401);
    }

    @Test
    void repositoriesEverywhereAreOnlyThoseTheCallerMayRead() {
        admin().queryParam("q", "name=~" + PROJECT).get("/api/v2.0/repositories").then().statusCode(200).body("name", hasItem(REPO));
        as(OUTSIDER, PASSWORD).queryParam("page_size", 100).get("/api/v2.0/repositories").then().statusCode(200)
                .body("name", not(hasItem(REPO)));
    }

    @Test
    void aRepositoryIsNamedWithoutItsProjectAndEncodedTwice() {
        dev().get(PATH).then().statusCode(200).body("name", equalTo(REPO)).body("project_id", notNullValue())
                .body("artifact_count", equalTo(5));
        dev().get("/api/v2.0/projects/" + PROJECT + "/repositories/nothing-here").then().statusCode(404)
                .body("errors[0].code", equalTo("NOT_FOUND"));
    }

    @Test
    void artifactsCarryTheirTagsTypesAndTheChildrenOfAnIndex() {
        dev().get(PATH + "/artifacts").then().statusCode(200).header("X-Total-Count", "5")
                .body("find { it.digest == '" + IMAGE + "' }.tags.name", containsInAnyOrder("v1", "latest"))
                .body("find { it.digest == '" + IMAGE + "' }.type", equalTo("IMAGE"))
                .body("find { it.digest == '" + IMAGE + "' }.media_type", equalTo("application/vnd.oci.image.config.v1+json"))
                .body("find { it.digest == '" + IMAGE + "' }.manifest_media_type", equalTo(OCI_MANIFEST))
                .body("find { it.digest == '" + IMAGE + "' }.size", equalTo(1000))
                .body("find { it.digest == '" + INDEX + "' }.references.platform.architecture", contains("amd64", "arm64"))
                .body("find { it.digest == '" + INDEX + "' }.references.child_digest", contains(AMD64, ARM64))
                .body("find { it.digest == '" + SBOM + "' }.type", equalTo("UNKNOWN"))
                .body("find { it.digest == '" + AMD64 + "' }.tags", empty());
        dev().queryParam("q", "tags=nil").get(PATH + "/artifacts").then().statusCode(200).body("digest", containsInAnyOrder(AMD64, ARM64, SBOM));
        dev().queryParam("q", "tags=multi").get(PATH + "/artifacts").then().statusCode(200).body("digest", contains(INDEX));
        dev().queryParam("q", "tags=*").get(PATH + "/artifacts").then().statusCode(200).body("digest", containsInAnyOrder(IMAGE, INDEX));
        dev().queryParam("sort", "-size").queryParam("page_size", 2).get(PATH + "/artifacts").then().statusCode(200)
                .body("digest", contains(INDEX, ARM64)).header("Link", containsString("page=2"));
        dev().queryParam("with_tag", false).get(PATH + "/artifacts").then().statusCode(200).body("[0].tags", nullValue());
        dev().queryParam("q", "tags={a b}").get(PATH + "/artifacts").then().statusCode(400);
        dev().queryParam("q", "flavour=sweet").get(PATH + "/artifacts").then().statusCode(400);
    }

    @Test
    void artifactsTagsAndReferencesCarryHarborsIntegerIds() {
        io.restassured.path.json.JsonPath list = dev().queryParam("page_size", 100).get(PATH + "/artifacts").then().statusCode(200)
                .extract().jsonPath();
        long image = list.getLong("find { it.digest == '" + IMAGE + "' }.id");
        long index = list.getLong("find { it.digest == '" + INDEX + "' }.id");
        long amd64 = list.getLong("find { it.digest == '" + AMD64 + "' }.id");
        long arm64 = list.getLong("find { it.digest == '" + ARM64 + "' }.id");
        org.assertj.core.api.Assertions.assertThat(list.getList("id", Long.class)).doesNotHaveDuplicates().doesNotContainNull().hasSize(5);
        org.assertj.core.api.Assertions.assertThat(list.getList("find { it.digest == '" + IMAGE + "' }.tags.artifact_id", Long.class))
                .containsExactly(image, image);
        org.assertj.core.api.Assertions.assertThat(list.getList("find { it.digest == '" + IMAGE + "' }.tags.id", Long.class))
                .doesNotContainNull().doesNotHaveDuplicates().hasSize(2);
        org.assertj.core.api.Assertions.assertThat(list.getList("find { it.digest == '" + INDEX + "' }.references.parent_id", Long.class))
                .containsExactly(index, index);
        org.assertj.core.api.Assertions.assertThat(list.getList("find { it.digest == '" + INDEX + "' }.references.child_id", Long.class))
                .containsExactly(amd64, arm64);

        io.restassured.path.json.JsonPath one = dev().get(PATH + "/artifacts/v1").then().statusCode(200).extract().jsonPath();
        org.assertj.core.api.Assertions.assertThat(one.getLong("id")).isEqualTo(image);
        io.restassured.path.json.JsonPath tags = dev().get(PATH + "/artifacts/v1/tags").then().statusCode(200).extract().jsonPath();
        org.assertj.core.api.Assertions.assertThat(tags.getList("artifact_id", Long.class)).containsExactly(image, image);
        org.assertj.core.api.Assertions.assertThat(tags.getList("id", Long.class))
                .containsExactlyInAnyOrderElementsOf(list.getList("find { it.digest == '" + IMAGE + "' }.tags.id", Long.class));
    }

    @Test
    void anArtifactIsFoundByTagOrDigest() {
        dev().get(PATH + "/artifacts/v1").then().statusCode(200).body("digest", equalTo(IMAGE)).body("repository_name", equalTo(REPO));
        dev().get(PATH + "/artifacts/" + INDEX).then().statusCode(200).body("tags.name", contains("multi"));
        dev().get(PATH + "/artifacts/v9").then().statusCode(404);
        dev().get(PATH + "/artifacts/" + digest('9')).then().statusCode(404);
        as(OUTSIDER, PASSWORD).get(PATH + "/artifacts/v1").then().statusCode(404);
    }

    @Test
    void tagsOfAnArtifactArePagedAndChangesAreChecked() {
        dev().get(PATH + "/artifacts/" + IMAGE + "/tags").then().statusCode(200).header("X-Total-Count", "2")
                .body("name", contains("latest", "v1"));
        dev().queryParam("q", "name=v1").get(PATH + "/artifacts/" + IMAGE + "/tags").then().statusCode(200).body("name", contains("v1"));
        dev().body(Map.of("name", "-bad")).post(PATH + "/artifacts/v1/tags").then().statusCode(400);
        dev().body("{").post(PATH + "/artifacts/v1/tags").then().statusCode(400);
        dev().body(Map.of("name", "latest")).post(PATH + "/artifacts/v1/tags").then().statusCode(409);
        dev().body(Map.of("name", "v2")).post(PATH + "/artifacts/v9/tags").then().statusCode(404);
        // a developer may tag but not untag or delete (Harbor's matrix)
        dev().delete(PATH + "/artifacts/v1/tags/latest").then().statusCode(403);
        dev().delete(PATH + "/artifacts/v1").then().statusCode(403);
        admin().delete(PATH + "/artifacts/v1/tags/multi").then().statusCode(404);
    }

    @Test
    void accessoriesAreWhatNamesTheArtifactAsSubjectAndItsCosignTag() throws Exception {
        String project = unique("signed"); // a project of its own: the other tests count the repositories of theirs
        long id = Api.createProject(admin(), project, false);
        Api.addMember(id, DEV, 3);
        String repo = project + "/signed";
        String path = "/api/v2.0/projects/" + project + "/repositories/signed/artifacts";
        String signed = digest('a');
        RegistryRows.manifest(repo, signed, OCI_MANIFEST, image("application/vnd.oci.image.config.v1+json"), 10);
        RegistryRows.tag(repo, "v1", signed);
        RegistryRows.referrer(repo, digest('b'), "application/vnd.cncf.notary.signature", signed, 11);
        RegistryRows.referrer(repo, digest('d'), "application/vnd.goharbor.harbor.sbom.v1", signed, 12);
        RegistryRows.referrer(repo, digest('e'), "application/vnd.example.thing", signed, 13);
        RegistryRows.referrer(repo, digest('f'), "application/vnd.cncf.notary.signature", digest('0'), 14);
        RegistryRows.manifest(repo, digest('7'), OCI_MANIFEST, image("application/vnd.dev.cosign.simplesigning.v1+json"), 15);
        RegistryRows.tag(repo, "sha256-" + "a".repeat(64) + ".sig", digest('7'));
        RegistryRows.referrer(repo, digest('c'), "application/vnd.dev.cosign.artifact.sig.v1+json", signed, 16);

        dev().get(path + "/v1/accessories").then().statusCode(200).header("X-Total-Count", "5")
                .body("digest", containsInAnyOrder(digest('b'), digest('c'), digest('d'), digest('e'), digest('7')))
                .body("find { it.digest == '" + digest('c') + "' }.type", equalTo("signature.cosign"))
                .body("find { it.digest == '" + digest('b') + "' }.type", equalTo("signature.notation"))
                .body("find { it.digest == '" + digest('d') + "' }.type", equalTo("harbor.sbom"))
                .body("find { it.digest == '" + digest('e') + "' }.type", equalTo("subject.accessory"))
                .body("find { it.digest == '" + digest('7') + "' }.type", equalTo("signature.cosign"))
                .body("subject_artifact_digest", org.hamcrest.Matchers.everyItem(equalTo(signed)))
                .body("subject_artifact_repo", org.hamcrest.Matchers.everyItem(equalTo(repo)));
        dev().queryParam("page_size", 1).get(path + "/v1/accessories").then().statusCode(200).header("X-Total-Count", "5")
                .body("size()", equalTo(1));
        // Harbor's with_accessory: the artifact (get and list) carries them; without it, nothing is said
        dev().queryParam("with_accessory", true).get(path + "/v1").then().statusCode(200)
                .body("accessories.digest", containsInAnyOrder(digest('b'), digest('c'), digest('d'), digest('e'), digest('7')))
                .body("accessories.find { it.digest == '" + digest('b') + "' }.type", equalTo("signature.notation"));
        dev().get(path + "/v1").then().statusCode(200).body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("accessories")));
        dev().queryParam("with_accessory", "true").get(path).then().statusCode(200)
                .body("find { it.digest == '" + signed + "' }.accessories.size()", equalTo(5))
                .body("find { it.digest == '" + digest('b') + "' }.accessories.size()", equalTo(0));
        dev().queryParam("with_accessory", "maybe").get(path).then().statusCode(400);
        dev().get(path + "/" + digest('b') + "/accessories").then().statusCode(200).header("X-Total-Count", "0");
        as(OUTSIDER, PASSWORD).get(path + "/v1/accessories").then().statusCode(404);
    }

    @Test
    void layersComeFromTheManifestAndOtherAdditionsAreRefused() {
        dev().get(PATH + "/artifacts/v1/additions/layers").then().statusCode(200).body("size()", equalTo(0));
        dev().get(PATH + "/artifacts/multi/additions/layers").then().statusCode(404)
                .body("errors[0].message", containsString("index"));
        dev().get(PATH + "/artifacts/multi/additions/build_history").then().statusCode(404)
                .body("errors[0].message", containsString("no build history"));
        dev().get(PATH + "/artifacts/" + SBOM + "/additions/build_history").then().statusCode(404);
        dev().get(PATH + "/artifacts/v1/additions/values.yaml").then().statusCode(404)
                .body("errors[0].message", containsString("build_history, vulnerabilities and layers"));
        // the config is read through registry-service, which is down here
        dev().get(PATH + "/artifacts/v1/additions/build_history").then().statusCode(503);
        as(OUTSIDER, PASSWORD).get(PATH + "/artifacts/v1/additions/layers").then().statusCode(404);
    }

    @Test
    void changesWhileRegistryServiceIsDownAre503AndChangeNothing() {
        dev().body(Map.of("name", "v2")).post(PATH + "/artifacts/v1/tags").then().statusCode(503)
                .body("errors[0].message", containsString("registry-service"));
        admin().delete(PATH + "/artifacts/" + SBOM).then().statusCode(503);
        admin().delete(PATH).then().statusCode(503);
        dev().get(PATH + "/artifacts").then().statusCode(200).header("X-Total-Count", "5");
    }

    @Test
    void searchFindsWhatTheCallerMaySee() {
        admin().queryParam("q", PROJECT).get("/api/v2.0/search").then().statusCode(200)
                .body("project.name", contains(PROJECT)).body("repository.repository_name", containsInAnyOrder(REPO, PROJECT + "/other"))
                .body("repository.find { it.repository_name == '" + REPO + "' }.artifact_count", equalTo(5))
                .body("repository[0].project_public", equalTo(false));
        as(OUTSIDER, PASSWORD).queryParam("q", PROJECT).get("/api/v2.0/search").then().statusCode(200)
                .body("project", empty()).body("repository", empty());
        admin().get("/api/v2.0/search").then().statusCode(400);
    }

    @Test
    void statisticsCountWhatTheCallerMaySee() {
        admin().get("/api/v2.0/statistics").then().statusCode(200).body("private_project_count", greaterThan(0))
                .body("private_repo_count", greaterThan(1)).body("total_storage_consumption", greaterThan(0));
        as(OUTSIDER, PASSWORD).get("/api/v2.0/statistics").then().statusCode(200).body("private_project_count", equalTo(0))
                .body("private_repo_count", equalTo(0)).body("public_project_count", greaterThan(0))
                .body("total_storage_consumption", nullValue());
        anonymous().get("/api/v2.0/statistics").then().statusCode(401);
    }

    @Test
    void systemInfoTellsMoreToAuthenticatedCallers() {
        anonymous().get("/api/v2.0/systeminfo").then().statusCode(200).body("auth_mode", equalTo("db_auth"))
                .body("harbor_version", containsString("berth")).body("external_url", nullValue());
        admin().get("/api/v2.0/systeminfo").then().statusCode(200).body("external_url", equalTo("http://localhost:8080"))
                .body("registry_url", equalTo("localhost:8080")).body("registry_storage_provider_name", equalTo("filesystem"));
    }

    @Test
    void healthNamesEveryComponentAndWhatIsDown() {
        anonymous().get("/api/v2.0/health").then().statusCode(200).body("status", equalTo("unhealthy"))
                .body("components.name", contains("core", "database", "redis", "registry", "storage", "jobservice"))
                .body("components.find { it.name == 'database' }.status", equalTo("healthy"))
                .body("components.find { it.name == 'redis' }.status", equalTo("healthy"))
                .body("components.find { it.name == 'registry' }.status", equalTo("unhealthy"))
                .body("components.find { it.name == 'registry' }.error", containsString("does not answer"))
                .body("components.find { it.name == 'jobservice' }.status", equalTo("unhealthy"));
    }

    @Test
    void theOpenApiDocumentDescribesWhatIsServed() {
        anonymous().get("/api/v2.0/openapi.json").then().statusCode(200)
                .body("paths.keySet()", hasItem("/api/v2.0/projects/{project_name}/repositories/{repository_name}/artifacts"))
                .body("paths.keySet()", hasItem("/service/token"));
    }
}
