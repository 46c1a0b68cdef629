package io.berth.core.api;

import static io.berth.core.testing.Api.admin;
import static io.berth.core.testing.Api.anonymous;
import static io.berth.core.testing.Api.as;
import static io.berth.core.testing.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.berth.core.testing.Api;
import io.berth.core.testing.CoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class ProjectApiTest {

    @Test
    void libraryIsCreatedPublicOnFirstStart() {
        anonymous().header("X-Is-Resource-Name", "true").get("/api/v2.0/projects/library").then().statusCode(200)
                .body("name", equalTo("library")).body("metadata.public", equalTo("true")).body("owner_name", equalTo("admin"));
        anonymous().queryParam("project_name", "library").head("/api/v2.0/projects").then().statusCode(200);
    }

    @Test
    void aUserCreatesAPrivateProjectThatOthersCannotSee() {
        String owner = unique("owner");
        Api.createUser(owner, "Passw0rdO");
        String project = unique("team");
        long id = Api.createProject(as(owner, "Passw0rdO"), project, false);
        as(owner, "Passw0rdO").get("/api/v2.0/projects/" + id).then().statusCode(200)
                .body("current_user_role_id", equalTo(1)).body("metadata.public", equalTo("false"));

        String stranger = unique("stranger");
        Api.createUser(stranger, "Passw0rdS");
        as(stranger, "Passw0rdS").get("/api/v2.0/projects/" + id).then().statusCode(404);
        as(stranger, "Passw0rdS").queryParam("page_size", 100).get("/api/v2.0/projects").then().statusCode(200)
                .body("name", not(hasItem(project))).body("name", hasItem("library"));
        as(stranger, "Passw0rdS").queryParam("project_name", project).head("/api/v2.0/projects").then().statusCode(404);
        anonymous().get("/api/v2.0/projects/" + id).then().statusCode(401);
        admin().queryParam("q", "name=" + project).get("/api/v2.0/projects").then().statusCode(200).body("name", equalTo(java.util.List.of(project)));
    }

    @Test
    void projectNamesAreValidatedAndUnique() {
        admin().body(Map.of("project_name", "Bad Name")).post("/api/v2.0/projects").then().statusCode(400);
        admin().body(Map.of("project_name", "a..b")).post("/api/v2.0/projects").then().statusCode(400);
        String name = unique("dup");
        Api.createProject(admin(), name, false);
        admin().body(Map.of("project_name", name)).post("/api/v2.0/projects").then().statusCode(409);
        anonymous().body(Map.of("project_name", unique("anon"))).post("/api/v2.0/projects").then().statusCode(401);
        admin().body(Map.of("project_name", unique("meta"), "metadata", Map.of("severity", "apocalyptic")))
                .post("/api/v2.0/projects").then().statusCode(400);
    }

    @Test
    void metadataIsUpdatedByProjectAdminsOnly() {
        String name = unique("meta");
        long id = Api.createProject(admin(), name, false);
        String dev = unique("dev");
        Api.createUser(dev, "Passw0rdV");
        Api.addMember(id, dev, 2);
        as(dev, "Passw0rdV").body(Map.of("metadata", Map.of("auto_scan", "true"))).put("/api/v2.0/projects/" + id).then().statusCode(403);
        admin().body(Map.of("metadata", Map.of("auto_scan", "true", "severity", "high", "public", "true")))
                .put("/api/v2.0/projects/" + id).then().statusCode(200);
        anonymous().get("/api/v2.0/projects/" + id).then().statusCode(200)
                .body("metadata.auto_scan", equalTo("true")).body("metadata.severity", equalTo("high"));
    }

    @Test
    void aProjectWithRepositoriesCannotBeDeleted() throws Exception {
        String name = unique("full");
        long id = Api.createProject(admin(), name, false);
        RegistryRows.repositoryWithManifest(name + "/app");
        admin().delete("/api/v2.0/projects/" + id).then().statusCode(412).body("errors[0].code", equalTo("PRECONDITION"));
        admin().get("/api/v2.0/projects/" + id + "/summary").then().statusCode(200).body("repo_count", equalTo(1))
                .body("project_admin_count", equalTo(1)).body("quota.used.storage", equalTo(123));
        String empty = unique("empty");
        long emptyId = Api.createProject(admin(), empty, false);
        admin().delete("/api/v2.0/projects/" + emptyId).then().statusCode(200);
        admin().get("/api/v2.0/projects/" + emptyId).then().statusCode(404);
    }

    @Test
    void membersAndRoles() {
        String name = unique("members");
        long id = Api.createProject(admin(), name, false);
        String guest = unique("guest");
        Api.createUser(guest, "Passw0rdQ");
        Api.addMember(id, guest, 3);
        as(guest, "Passw0rdQ").get("/api/v2.0/projects/" + id + "/members").then().statusCode(200)
                .body("entity_name", hasItem(guest)).body("role_name", hasItem("guest"));
        as(guest, "Passw0rdQ").body(Map.of("role_id", 1, "member_user", Map.of("username", guest)))
                .post("/api/v2.0/projects/" + id + "/members").then().statusCode(403);
        admin().body(Map.of("role_id", 3, "member_user", Map.of("username", guest))).post("/api/v2.0/projects/" + id + "/members")
                .then().statusCode(409);
        admin().body(Map.of("role_id", 9, "member_user", Map.of("username", guest))).post("/api/v2.0/projects/" + id + "/members")
                .then().statusCode(400);
        admin().body(Map.of("role_id", 2, "member_user", Map.of("username", "nobody-" + name))).post("/api/v2.0/projects/" + id + "/members")
                .then().statusCode(404);
        long mid = admin().queryParam("entityname", guest).get("/api/v2.0/projects/" + id + "/members").then().extract()
                .jsonPath().getLong("[0].id");
        admin().body(Map.of("role_id", 5)).put("/api/v2.0/projects/" + id + "/members/" + mid).then().statusCode(200);
        as(guest, "Passw0rdQ").get("/api/v2.0/projects/" + id + "/members").then().statusCode(403);
        admin().delete("/api/v2.0/projects/" + id + "/members/" + mid).then().statusCode(200);
        as(guest, "Passw0rdQ").get("/api/v2.0/projects/" + id).then().statusCode(404);
    }

    @Test
    void aProjectsLogIsReadByItsMembersOnly() {
        String name = unique("logged");
        Api.createProject(admin(), name, false);
        admin().get("/api/v2.0/projects/" + name + "/logs").then().statusCode(200)
                .body("operation", hasItem("create")).body("resource", hasItem(name));
        String stranger = unique("nosy");
        Api.createUser(stranger, "Passw0rdN");
        as(stranger, "Passw0rdN").get("/api/v2.0/projects/" + name + "/logs").then().statusCode(404);
        admin().queryParam("q", "bogus=1").get("/api/v2.0/projects/" + name + "/logs").then().statusCode(400);
    }
}
