package io.berth.core.api;

import static io.berth.core.testing.Api.admin;
import static io.berth.core.testing.Api.anonymous;
import static io.berth.core.testing.Api.as;
import static io.berth.core.testing.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.berth.core.testing.Api;
import io.berth.core.testing.CoreTestResource;
import io.berth.core.testing.RegistryRows;
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
        admin().body(Map.of("metadata", Map.of("auto_scan", "false", "severity", "high", "public", "true")))
                .put("/api/v2.0/projects/" + id).then().statusCode(200);
        anonymous().get("/api/v2.0/projects/" + id).then().statusCode(200)
                .body("metadata.auto_scan", equalTo("false")).body("metadata.severity", equalTo("high"));
    }

    @Test
    void contentTrustSwitchesAreStoredAndReachRegistryServiceThroughCoresView() throws Exception {
        String name = unique("trust");
        long id = Api.createProject(admin(), name, false);
        assertThat(contentTrustView(name)).isNull();
        admin().body(Map.of("metadata", Map.of("enable_content_trust_cosign", "true"))).put("/api/v2.0/projects/" + id).then().statusCode(200);
        admin().get("/api/v2.0/projects/" + id).then().statusCode(200).body("metadata.enable_content_trust_cosign", equalTo("true"));
        assertThat(contentTrustView(name)).isEqualTo("cosign=true notation=false");
        admin().body(Map.of("metadata", Map.of("enable_content_trust", true, "enable_content_trust_cosign", "false")))
                .put("/api/v2.0/projects/" + id).then().statusCode(200);
        assertThat(contentTrustView(name)).isEqualTo("cosign=false notation=true");
        admin().body(Map.of("metadata", Map.of("enable_content_trust", "false"))).put("/api/v2.0/projects/" + id).then().statusCode(200);
        assertThat(contentTrustView(name)).isNull();
    }

    /** The row registry-service reads for a project (core.content_trust_view), or null when it requires no signature. */
    static String contentTrustView(String project) throws Exception {
        try (var c = io.quarkus.arc.Arc.container().instance(io.agroal.api.AgroalDataSource.class).get().getConnection();
                var st = c.prepareStatement("SELECT cosign, notation FROM core.content_trust_view WHERE project = ?")) {
            st.setString(1, project);
            var rs = st.executeQuery();
            return rs.next() ? "cosign=" + rs.getBoolean(1) + " notation=" + rs.getBoolean(2) : null;
        }
    }

    /** What Terraform's harbor_project sends on every create and update when no scanning, quota or proxy is asked for. */
    static Map<String, Object> terraformBody(String name) {
        Map<String, Object> metadata = new java.util.HashMap<>(Map.of("auto_scan", "false", "public", "false", "severity", "low",
                "prevent_vul", "false", "enable_content_trust", "false", "enable_content_trust_cosign", "false",
                "reuse_sys_cve_allowlist", "true", "proxy_cache_local_on_not_found", "false", "auto_sbom_generation", "false"));
        metadata.put("proxy_speed_kb", "-1");
        return Map.of("project_name", name, "storage_limit", -1, "metadata", metadata, "cve_allowlist", Map.of("items", java.util.List.of()));
    }

    @Test
    void settingsThatAreTrueOfBerthAreAcceptedAsHarborsClientsSendThem() {
        String name = unique("tf");
        admin().body(terraformBody(name)).post("/api/v2.0/projects").then().statusCode(201);
        admin().header("X-Is-Resource-Name", "true").get("/api/v2.0/projects/" + name).then().statusCode(200)
                .body("metadata.public", equalTo("false")).body("metadata.proxy_cache_local_on_not_found", equalTo("false"))
                .body("metadata.auto_scan", equalTo("false"));
        admin().header("X-Is-Resource-Name", "true").body(terraformBody(name)).put("/api/v2.0/projects/" + name).then().statusCode(200);
    }

    @Test
    void aNullMetadataValueIsLeftOutNotStoredAsTheStringNull() {
        String name = unique("nulls");
        java.util.Map<String, Object> metadata = new java.util.HashMap<>();
        metadata.put("public", null);
        metadata.put("severity", null);
        admin().body(Map.of("project_name", name, "metadata", metadata)).post("/api/v2.0/projects").then().statusCode(201);
        admin().header("X-Is-Resource-Name", "true").get("/api/v2.0/projects/" + name).then().statusCode(200)
                .body("metadata.public", equalTo("false")).body("metadata.severity", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void settingsBerthWouldNotActOnOrThatAreInvalidAreRefusedAndCreateNothing() {
        String name = unique("promise");
        java.util.List<Map<String, Object>> refused = java.util.List.of(Map.of("registry_id", 987654321), Map.of("storage_limit", -2),
                Map.of("storage_limit", 1.5), Map.of("storage_limit", "10G"), Map.of("cve_allowlist", Map.of("items", java.util.List.of(Map.of("cve_id", "CVE-21-44228")))),
                Map.of("cve_allowlist", Map.of("items", java.util.List.of(Map.of("cve_id", "CVE-2021-44228"), Map.of("cve_id", "CVE-2021-44228")))),
                Map.of("cve_allowlist", Map.of("items", java.util.List.of(Map.of("id", "CVE-2021-44228")))),
                Map.of("cve_allowlist", Map.of("expires_at", -1)), Map.of("cve_allowlist", Map.of("expires_at", "tomorrow")),
                Map.of("metadata", Map.of("auto_scan", "maybe")), Map.of("metadata", Map.of("prevent_vul", "yes")),
                Map.of("metadata", Map.of("enable_content_trust", "maybe")), Map.of("metadata", Map.of("enable_content_trust_cosign", "1")),
                Map.of("metadata", Map.of("auto_sbom_generation", "maybe")), Map.of("metadata", Map.of("retention_id", "7")),
                Map.of("metadata", Map.of("proxy_cache_local_on_not_found", "true")), Map.of("metadata", Map.of("proxy_speed_kb", "100")),
                Map.of("metadata", Map.of("colour", "blue")), Map.of("metadata", Map.of("public", "maybe")));
        for (Map<String, Object> bad : refused) {
            Map<String, Object> body = new java.util.HashMap<>(bad);
            body.put("project_name", name);
            String key = bad.containsKey("metadata") ? ((Map<?, ?>) bad.get("metadata")).keySet().iterator().next().toString()
                    : bad.keySet().iterator().next();
            admin().body(body).post("/api/v2.0/projects").then().statusCode(400).body("errors[0].message", containsString(key));
        }
        admin().header("X-Is-Resource-Name", "true").get("/api/v2.0/projects/" + name).then().statusCode(404);

        long id = Api.createProject(admin(), name, false);
        for (Map<String, Object> bad : refused) {
            admin().body(bad).put("/api/v2.0/projects/" + id).then().statusCode(400);
        }
        admin().body(Map.of("project_name", unique("renamed"))).put("/api/v2.0/projects/" + id).then().statusCode(400);
        // a PUT with one bad value changes nothing, not even its good ones
        admin().body(Map.of("metadata", Map.of("public", "true", "enable_content_trust", "maybe"))).put("/api/v2.0/projects/" + id).then()
                .statusCode(400).body("errors[0].message", containsString("enable_content_trust"));
        admin().get("/api/v2.0/projects/" + id).then().statusCode(200).body("metadata.public", equalTo("false"))
                .body("metadata.enable_content_trust", org.hamcrest.Matchers.nullValue()).body("cve_allowlist.items", hasSize(0));
    }

    @Test
    void aProjectWithRepositoriesCannotBeDeleted() throws Exception {
        String name = unique("full");
        long id = Api.createProject(admin(), name, false);
        RegistryRows.repositoryWithManifest(name + "/app");
        admin().delete("/api/v2.0/projects/" + id).then().statusCode(412).body("errors[0].code", equalTo("PRECONDITION"));
        admin().get("/api/v2.0/projects/" + id + "/summary").then().statusCode(200).body("repo_count", equalTo(1))
                .body("project_admin_count", equalTo(1)).body("quota.used.storage", equalTo(125)); // the blob and the manifest's 2 bytes
        admin().get("/api/v2.0/projects/" + id).then().statusCode(200).body("repo_count", equalTo(1)).body("storage_used", equalTo(125));
        admin().queryParam("name", name).get("/api/v2.0/projects").then().statusCode(200).body("[0].storage_used", equalTo(125));
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
