package io.berth.core.api;

import static io.berth.core.testing.Api.admin;
import static io.berth.core.testing.Api.anonymous;
import static io.berth.core.testing.Api.as;
import static io.berth.core.testing.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.berth.core.testing.Api;
import io.berth.core.testing.CoreTestResource;
import io.berth.core.testing.RegistryRows;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Harbor's quotas, read side: each project's real storage use, every hard limit -1 (Berth enforces none yet), for administrators only. */
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
        admin().queryParam("page_size", 100).get("/api/v2.0/quotas").then().statusCode(200).body("hard.storage", everyItem(equalTo(-1)));

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
}
