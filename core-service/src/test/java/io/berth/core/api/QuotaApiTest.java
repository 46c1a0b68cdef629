package io.berth.core.api;

import static io.berth.core.testing.Api.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static io.berth.core.testing.Api.anonymous;
import static io.berth.core.testing.Api.as;
import static io.berth.core.testing.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.berth.core.testing.Api;
import io.berth.core.testing.CoreTestResource;
import io.berth.core.testing.RegistryRows;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Harbor's quotas: each project's storage hard limit (from {@code storage_limit}, the default, or {@code PUT /quotas/{id}})
 * and real use (blobs once per project, plus manifests' bytes), for administrators only; bad input changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class QuotaApiTest {
    static final String PASSWORD = "Passw0rdA";

    @Test
    void quotasShowEachProjectsStorageLargestFirstToAdministratorsOnly() throws Exception {
        String big = unique("big");
        String small = unique("small");
        String empty = unique("empty");
        long bigId = Api.createProject(admin(), big, false);
        long smallId = Api.createProject(admin(), small, true);
        long emptyId = Api.createProject(admin(), empty, false);
        RegistryRows.projectBlob(big, "sha256:" + "e".repeat(56) + Long.toHexString(0x10000000L + bigId), 50L * 1024 * 1024 * 1024);
        RegistryRows.projectBlob(big, "sha256:" + "f".repeat(56) + Long.toHexString(0x10000000L + bigId), 1L);
        RegistryRows.projectBlob(small, "sha256:" + "f".repeat(56) + Long.toHexString(0x10000000L + bigId), 1L);

        // 50 GiB is more than any other test's project: it comes first
        admin().queryParam("sort", "-used.storage").queryParam("page_size", 1).get("/api/v2.0/quotas").then().statusCode(200)
                .header("X-Total-Count", Integer::parseInt, greaterThanOrEqualTo(3)).header("Link", containsString("rel=\"next\""))
                .body("[0].ref.name", equalTo(big)).body("[0].ref.id", equalTo((int) bigId)).body("[0].ref.owner_name", equalTo("admin"))
                .body("[0].used.storage", equalTo(50L * 1024 * 1024 * 1024 + 1)).body("[0].hard.storage", equalTo(-1));
        admin().queryParam("reference", "project").queryParam("reference_id", smallId).get("/api/v2.0/quotas").then().statusCode(200)
                .header("X-Total-Count", "1").body("[0].used.storage", equalTo(1));
        admin().get("/api/v2.0/quotas/" + emptyId).then().statusCode(200).body("id", equalTo((int) emptyId))
                .body("used.storage", equalTo(0)).body("hard.storage", equalTo(-1));
        RegistryRows.manifest(small + "/app", "sha256:" + "7".repeat(56) + Long.toHexString(0x10000000L + smallId),
                "application/vnd.oci.image.manifest.v1+json", "{\"schemaVersion\":2}", 100);
        admin().get("/api/v2.0/quotas/" + smallId).then().statusCode(200).body("used.storage", equalTo(1 + 19)); // + the manifest's 19 bytes

        admin().get("/api/v2.0/quotas/999999999").then().statusCode(404);
        admin().queryParam("reference", "repository").get("/api/v2.0/quotas").then().statusCode(400)
                .body("errors[0].message", containsString("projects only"));
        admin().queryParam("reference_id", "x").get("/api/v2.0/quotas").then().statusCode(400);
        admin().queryParam("sort", "colour").get("/api/v2.0/quotas").then().statusCode(400);
        String user = unique("user");
        Api.createUser(user, PASSWORD);
        as(user, PASSWORD).get("/api/v2.0/quotas").then().statusCode(403);
        anonymous().get("/api/v2.0/quotas").then().statusCode(401);
    }

    @Test
    void aProjectGetsTheStorageLimitItIsCreatedWithOrTheDefaultAndItsSummaryShowsIt() throws Exception {
        String limited = unique("limited");
        admin().body(java.util.Map.of("project_name", limited, "storage_limit", 1048576)).post("/api/v2.0/projects").then().statusCode(201);
        long limitedId = projectId(limited);
        admin().get("/api/v2.0/quotas/" + limitedId).then().statusCode(200).body("hard.storage", equalTo(1048576))
                .body("used.storage", equalTo(0)).body("ref.name", equalTo(limited));
        RegistryRows.projectBlob(limited, "sha256:" + "c".repeat(56) + Long.toHexString(0x10000000L + limitedId), 1000);
        admin().get("/api/v2.0/projects/" + limitedId + "/summary").then().statusCode(200)
                .body("quota.hard.storage", equalTo(1048576)).body("quota.used.storage", equalTo(1000));
        assertThat(hardInView(limited)).isEqualTo(1048576L);

        String user = unique("owner");
        Api.createUser(user, PASSWORD);
        String mine = unique("mine");
        as(user, PASSWORD).body(java.util.Map.of("project_name", mine, "storage_limit", 10)).post("/api/v2.0/projects").then()
                .statusCode(403).body("errors[0].message", containsString("storage_limit"));
        as(user, PASSWORD).body(java.util.Map.of("project_name", mine, "storage_limit", -1)).post("/api/v2.0/projects").then().statusCode(201);
        long mineId = projectId(mine);
        admin().get("/api/v2.0/quotas/" + mineId).then().statusCode(200).body("hard.storage", equalTo(-1));
        as(user, PASSWORD).get("/api/v2.0/projects/" + mineId + "/summary").then().statusCode(200).body("quota.hard.storage", equalTo(-1));
        // the limit changes through /quotas only: a project update may repeat it, not change it
        as(user, PASSWORD).body(java.util.Map.of("storage_limit", 1 << 30)).put("/api/v2.0/projects/" + mineId).then().statusCode(400)
                .body("errors[0].message", containsString("/api/v2.0/quotas/" + mineId));
        as(user, PASSWORD).body(java.util.Map.of("storage_limit", -1)).put("/api/v2.0/projects/" + mineId).then().statusCode(200);
        admin().get("/api/v2.0/quotas/" + mineId).then().statusCode(200).body("hard.storage", equalTo(-1));
    }

    @Test
    void anAdministratorChangesAQuotaAndBadUpdatesChangeNothing() throws Exception {
        String name = unique("quota");
        long id = Api.createProject(admin(), name, false);
        admin().body("{\"hard\":{\"storage\":2048}}").put("/api/v2.0/quotas/" + id).then().statusCode(200);
        admin().get("/api/v2.0/quotas/" + id).then().statusCode(200).body("hard.storage", equalTo(2048));
        assertThat(hardInView(name)).isEqualTo(2048L);
        admin().queryParam("sort", "-hard.storage").queryParam("reference_id", id).get("/api/v2.0/quotas").then().statusCode(200)
                .body("[0].hard.storage", equalTo(2048));

        for (String bad : java.util.List.of("{}", "{\"hard\":null}", "{\"hard\":{}}", "{\"hard\":{\"storage\":-2}}",
                "{\"hard\":{\"storage\":1.5}}", "{\"hard\":{\"storage\":\"1024\"}}", "{\"hard\":{\"storage\":null}}",
                "{\"hard\":{\"storage\":1024,\"count\":10}}", "{\"hard\":{\"storage\":1024},\"used\":{\"storage\":0}}",
                "{\"hard\":{\"storage\":99999999999999999999}}", "[]", "not json")) {
            admin().body(bad).put("/api/v2.0/quotas/" + id).then().statusCode(400).body("errors[0].code", equalTo("BAD_REQUEST"));
        }
        admin().get("/api/v2.0/quotas/" + id).then().statusCode(200).body("hard.storage", equalTo(2048));
        admin().body("{\"hard\":{\"storage\":1}}").put("/api/v2.0/quotas/999999999").then().statusCode(404);
        String user = unique("user");
        Api.createUser(user, PASSWORD);
        as(user, PASSWORD).body("{\"hard\":{\"storage\":-1}}").put("/api/v2.0/quotas/" + id).then().statusCode(403);
        anonymous().body("{\"hard\":{\"storage\":-1}}").put("/api/v2.0/quotas/" + id).then().statusCode(401);
        admin().get("/api/v2.0/quotas/" + id).then().statusCode(200).body("hard.storage", equalTo(2048));

        admin().body("{\"hard\":{\"storage\":-1}}").put("/api/v2.0/quotas/" + id).then().statusCode(200);
        admin().get("/api/v2.0/quotas/" + id).then().statusCode(200).body("hard.storage", equalTo(-1));
        admin().body("{\"hard\":{\"storage\":0}}").put("/api/v2.0/quotas/" + id).then().statusCode(200);
        assertThat(hardInView(name)).isZero();
    }

    private static long projectId(String name) {
        return admin().header("X-Is-Resource-Name", "true").get("/api/v2.0/projects/" + name).then().statusCode(200)
                .extract().jsonPath().getLong("project_id");
    }

    /** The hard limit registry-service reads (core's documented view). */
    private static Long hardInView(String project) throws Exception {
        try (java.sql.Connection c = io.quarkus.arc.Arc.container().instance(io.agroal.api.AgroalDataSource.class).get().getConnection();
                java.sql.PreparedStatement st = c.prepareStatement("SELECT hard FROM core.project_quota_view WHERE project = ?")) {
            st.setString(1, project);
            try (java.sql.ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }
}
