package io.berth.core.api;

import static io.berth.core.testing.Api.admin;
import static io.berth.core.testing.Api.anonymous;
import static io.berth.core.testing.Api.as;
import static io.berth.core.testing.Api.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.berth.common.event.RegistryEvent;
import io.berth.core.testing.Api;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import io.berth.core.testing.CoreTestResource;
import io.berth.core.testing.RegistryRows;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Harbor's labels: global and project labels, who manages them, and labels on artifacts. */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class LabelApiTest {
    static final String PASSWORD = "Passw0rdA";
    static final String PROJECT = unique("lab");
    static final String OTHER = unique("lab-other");
    static final String REPO = PROJECT + "/app";
    static final String IMAGE = "sha256:" + "7".repeat(64);
    static final String MAINTAINER = unique("maint");
    static final String DEVELOPER = unique("dev");
    static final String GUEST = unique("guest");
    static final String ARTIFACT = "/api/v2.0/projects/" + PROJECT + "/repositories/app/artifacts/";
    static long project;
    static long other;

    @BeforeEach
    void content() throws Exception {
        if (project != 0) {
            return;
        }
        project = Api.createProject(admin(), PROJECT, false);
        other = Api.createProject(admin(), OTHER, false);
        Api.createUser(MAINTAINER, PASSWORD);
        Api.createUser(DEVELOPER, PASSWORD);
        Api.createUser(GUEST, PASSWORD);
        Api.addMember(project, MAINTAINER, 4);
        Api.addMember(project, DEVELOPER, 2);
        Api.addMember(project, GUEST, 3);
        RegistryRows.manifest(REPO, IMAGE, "application/vnd.oci.image.manifest.v1+json", "{\"schemaVersion\":2,\"mediaType\":"
                + "\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
                + "\"digest\":\"sha256:" + "c".repeat(64) + "\",\"size\":2},\"layers\":[]}", 100);
        RegistryRows.tag(REPO, "v1", IMAGE);
    }

    @Inject
    RedisDataSource redis;

    /** A DELETE_ARTIFACT event on the registry stream, as registry-service's outbox relay writes it. */
    void deleted(String repository, String digest, String tag) {
        redis.stream(String.class).xadd(RegistryEvent.STREAM, Map.of("event", new JsonObject().put("id", UUID.randomUUID().toString())
                .put("type", "DELETE_ARTIFACT").put("repository", repository).put("project", PROJECT).put("digest", digest)
                .put("tags", new JsonArray().add(tag)).put("actor", "admin").put("occurredAt", Instant.now().toString()).encode()));
    }

    static long created(Response response) {
        response.then().statusCode(201);
        String location = response.header("Location");
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    @Test
    void globalLabelsAreManagedBySystemAdministratorsAndSeenByEveryoneSignedIn() {
        String name = unique("prod");
        long id = created(admin().body(Map.of("name", name, "description", "in production", "color", "#00ff00", "scope", "g"))
                .post("/api/v2.0/labels"));
        as(GUEST, PASSWORD).get("/api/v2.0/labels/" + id).then().statusCode(200).body("name", equalTo(name))
                .body("scope", equalTo("g")).body("project_id", equalTo(0)).body("color", equalTo("#00ff00"));
        as(GUEST, PASSWORD).queryParam("name", name).get("/api/v2.0/labels").then().statusCode(200).body("name", contains(name));
        anonymous().get("/api/v2.0/labels").then().statusCode(401);
        as(MAINTAINER, PASSWORD).body(Map.of("name", unique("x"), "scope", "g")).post("/api/v2.0/labels").then().statusCode(403);
        as(MAINTAINER, PASSWORD).body(Map.of("color", "#000000")).put("/api/v2.0/labels/" + id).then().statusCode(403);
        admin().body(Map.of("name", name, "scope", "g")).post("/api/v2.0/labels").then().statusCode(409);
        String second = unique("second");
        long secondId = created(admin().body(Map.of("name", second, "scope", "g")).post("/api/v2.0/labels"));
        admin().body(Map.of("name", name)).put("/api/v2.0/labels/" + secondId).then().statusCode(409);
        admin().get("/api/v2.0/labels/" + secondId).then().body("name", equalTo(second));
        admin().body(Map.of("description", "now staging")).put("/api/v2.0/labels/" + id).then().statusCode(200);
        admin().get("/api/v2.0/labels/" + id).then().body("description", equalTo("now staging")).body("name", equalTo(name));
        admin().delete("/api/v2.0/labels/" + id).then().statusCode(200);
        admin().get("/api/v2.0/labels/" + id).then().statusCode(404);
    }

    @Test
    void projectLabelsAreManagedByItsMaintainersAndSeenByItsMembers() {
        String name = unique("team");
        long id = created(as(MAINTAINER, PASSWORD).body(Map.of("name", name, "scope", "p", "project_id", project)).post("/api/v2.0/labels"));
        as(GUEST, PASSWORD).queryParam("scope", "p").queryParam("project_id", project).get("/api/v2.0/labels").then().statusCode(200)
                .body("name", hasItem(name)).body("project_id", hasItem((int) project));
        as(DEVELOPER, PASSWORD).body(Map.of("name", unique("x"), "scope", "p", "project_id", project)).post("/api/v2.0/labels").then()
                .statusCode(403);
        as(GUEST, PASSWORD).queryParam("scope", "p").queryParam("project_id", other).get("/api/v2.0/labels").then().statusCode(404);
        // the same name may exist in another project and globally
        created(admin().body(Map.of("name", name, "scope", "p", "project_id", other)).post("/api/v2.0/labels"));
        created(admin().body(Map.of("name", name, "scope", "g")).post("/api/v2.0/labels"));
        as(MAINTAINER, PASSWORD).body(Map.of("name", name, "scope", "p", "project_id", project)).post("/api/v2.0/labels").then()
                .statusCode(409);
    }

    @Test
    void anArtifactTheRegistryDeletedLosesItsLabelsAndADeletedTagDoesNot() throws Exception {
        String digest = "sha256:" + "8".repeat(64);
        RegistryRows.manifest(REPO, digest, "application/vnd.oci.image.manifest.v1+json", "{\"schemaVersion\":2}", 10);
        RegistryRows.tag(REPO, "gone", digest);
        long label = created(admin().body(Map.of("name", unique("tmp"), "scope", "g")).post("/api/v2.0/labels"));
        admin().body(Map.of("id", label)).post(ARTIFACT + digest + "/labels").then().statusCode(200);
        admin().body(Map.of("id", label)).post(ARTIFACT + "v1/labels").then().statusCode(200);

        deleted(REPO, IMAGE, "v1-old"); // only a tag of IMAGE went: IMAGE is still there
        RegistryRows.deleteManifest(REPO, digest);
        deleted(REPO, digest, "gone");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> labelRows(digest) == 0);
        // pushed again later: without its old labels
        RegistryRows.manifest(REPO, digest, "application/vnd.oci.image.manifest.v1+json", "{\"schemaVersion\":2}", 10);
        admin().get(ARTIFACT + digest).then().statusCode(200).body("labels", empty());
        admin().get(ARTIFACT + "v1").then().body("labels.id", hasItem((int) label));
    }

    static long labelRows(String digest) throws Exception {
        try (var c = io.quarkus.arc.Arc.container().instance(io.agroal.api.AgroalDataSource.class).get().getConnection();
                var st = c.prepareStatement("SELECT count(*) FROM core.artifact_label WHERE digest = ?")) {
            st.setString(1, digest);
            var rs = st.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void badLabelsAreRefusedAndNothingIsCreated() {
        admin().body(Map.of("name", "", "scope", "g")).post("/api/v2.0/labels").then().statusCode(400);
        admin().body(Map.of("name", "x".repeat(129), "scope", "g")).post("/api/v2.0/labels").then().statusCode(400);
        admin().body(Map.of("name", unique("x"), "scope", "q")).post("/api/v2.0/labels").then().statusCode(400)
                .body("errors[0].message", containsString("scope"));
        admin().body(Map.of("name", unique("x"), "scope", "p")).post("/api/v2.0/labels").then().statusCode(400);
        admin().body(Map.of("name", unique("x"), "scope", "p", "project_id", 999_999)).post("/api/v2.0/labels").then().statusCode(404);
        admin().contentType("application/json").body("{\"name\": ").post("/api/v2.0/labels").then().statusCode(400);
        admin().queryParam("scope", "p").get("/api/v2.0/labels").then().statusCode(400);
        String name = unique("kept");
        long id = created(admin().body(Map.of("name", name, "scope", "g")).post("/api/v2.0/labels"));
        admin().body(Map.of("name", " ")).put("/api/v2.0/labels/" + id).then().statusCode(400);
        admin().contentType("application/json").body("[1,").put("/api/v2.0/labels/" + id).then().statusCode(400);
        admin().get("/api/v2.0/labels/" + id).then().body("name", equalTo(name));
        admin().get("/api/v2.0/labels/not-a-number").then().statusCode(400).body("errors[0].code", equalTo("BAD_REQUEST"));
        admin().contentType("application/json").body("{\"id\": ").post(ARTIFACT + "v1/labels").then().statusCode(400);
        admin().contentType("application/json").body("{\"id\": \"x\"}").post(ARTIFACT + "v1/labels").then().statusCode(400);
        admin().get(ARTIFACT + "v1").then().body("labels.name", not(hasItem(name)));
    }

    @Test
    void labelsAreAddedToArtifactsAndShownWithThem() {
        long global = created(admin().body(Map.of("name", unique("release"), "scope", "g")).post("/api/v2.0/labels"));
        long own = created(admin().body(Map.of("name", unique("own"), "scope", "p", "project_id", project)).post("/api/v2.0/labels"));
        long foreign = created(admin().body(Map.of("name", unique("foreign"), "scope", "p", "project_id", other)).post("/api/v2.0/labels"));

        as(DEVELOPER, PASSWORD).body(Map.of("id", global)).post(ARTIFACT + "v1/labels").then().statusCode(200);
        as(DEVELOPER, PASSWORD).body(Map.of("id", own)).post(ARTIFACT + IMAGE + "/labels").then().statusCode(200);
        as(DEVELOPER, PASSWORD).body(Map.of("id", own)).post(ARTIFACT + "v1/labels").then().statusCode(409);
        // another project's label: unknown to who cannot see that project, refused to who can
        as(DEVELOPER, PASSWORD).body(Map.of("id", foreign)).post(ARTIFACT + "v1/labels").then().statusCode(404);
        admin().body(Map.of("id", foreign)).post(ARTIFACT + "v1/labels").then().statusCode(400)
                .body("errors[0].message", containsString("another project"));
        as(DEVELOPER, PASSWORD).body(Map.of("id", 999_999)).post(ARTIFACT + "v1/labels").then().statusCode(404);
        as(DEVELOPER, PASSWORD).body(Map.of()).post(ARTIFACT + "v1/labels").then().statusCode(400);
        as(DEVELOPER, PASSWORD).body(Map.of("id", global)).post(ARTIFACT + "v9/labels").then().statusCode(404);
        as(GUEST, PASSWORD).body(Map.of("id", global)).post(ARTIFACT + "v1/labels").then().statusCode(403);

        as(GUEST, PASSWORD).get(ARTIFACT + "v1").then().statusCode(200).body("labels.id", contains((int) own, (int) global)); // by name
        as(GUEST, PASSWORD).get("/api/v2.0/projects/" + PROJECT + "/repositories/app/artifacts").then().statusCode(200)
                .body("[0].labels.id", hasItem((int) own));

        as(GUEST, PASSWORD).delete(ARTIFACT + "v1/labels/" + own).then().statusCode(403);
        as(DEVELOPER, PASSWORD).delete(ARTIFACT + "v1/labels/" + own).then().statusCode(200);
        as(DEVELOPER, PASSWORD).delete(ARTIFACT + "v1/labels/" + own).then().statusCode(404);
        as(GUEST, PASSWORD).get(ARTIFACT + "v1").then().body("labels.id", not(hasItem((int) own)));
        // deleting a label takes it off every artifact
        admin().delete("/api/v2.0/labels/" + global).then().statusCode(200);
        as(GUEST, PASSWORD).get(ARTIFACT + "v1").then().body("labels", empty());
    }
}
