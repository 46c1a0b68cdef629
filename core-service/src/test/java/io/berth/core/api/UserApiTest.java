package io.berth.core.api;

import static io.berth.core.testing.Api.admin;
import static io.berth.core.testing.Api.anonymous;
import static io.berth.core.testing.Api.as;
import static io.berth.core.testing.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.berth.core.testing.Api;
import io.berth.core.testing.CoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class UserApiTest {

    @Test
    void theAdminCreatedOnFirstStartIsASystemAdministrator() {
        admin().get("/api/v2.0/users/current").then().statusCode(200)
                .body("username", equalTo("admin")).body("sysadmin_flag", equalTo(true)).body("user_id", notNullValue())
                .body("creation_time", notNullValue());
    }

    @Test
    void aSystemAdministratorCreatesUsersWhoThenLogIn() {
        String name = unique("alice");
        long id = Api.createUser(name, "Passw0rdA");
        as(name, "Passw0rdA").get("/api/v2.0/users/current").then().statusCode(200)
                .body("username", equalTo(name)).body("email", equalTo(name + "@example.com")).body("sysadmin_flag", equalTo(false));
        admin().get("/api/v2.0/users/" + id).then().statusCode(200).body("realname", equalTo(name));
        as(name, "wrong-Passw0rd").get("/api/v2.0/users/current").then().statusCode(401)
                .body("errors[0].code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void weakPasswordsDuplicatesAndBadBodiesAreRefused() {
        String name = unique("bob");
        admin().body(Map.of("username", name, "password", "short")).post("/api/v2.0/users").then().statusCode(400)
                .body("errors[0].code", equalTo("BAD_REQUEST"));
        admin().body(Map.of("username", name, "password", "alllowercase1")).post("/api/v2.0/users").then().statusCode(400);
        Api.createUser(name, "Passw0rdB");
        admin().body(Map.of("username", name, "password", "Passw0rdB")).post("/api/v2.0/users").then().statusCode(409)
                .body("errors[0].code", equalTo("CONFLICT"));
        admin().body("{not json").post("/api/v2.0/users").then().statusCode(400).body("errors[0].code", equalTo("BAD_REQUEST"));
        admin().body(Map.of("username", "robot$sneaky", "password", "Passw0rdB")).post("/api/v2.0/users").then().statusCode(400);
    }

    @Test
    void onlySystemAdministratorsManageUsers() {
        String name = unique("carol");
        long id = Api.createUser(name, "Passw0rdC");
        as(name, "Passw0rdC").body(Map.of("username", unique("x"), "password", "Passw0rdX")).post("/api/v2.0/users").then().statusCode(403);
        as(name, "Passw0rdC").get("/api/v2.0/users").then().statusCode(403);
        anonymous().get("/api/v2.0/users").then().statusCode(401);
        as(name, "Passw0rdC").put("/api/v2.0/users/" + id + "/sysadmin").then().statusCode(403);
        as(name, "Passw0rdC").delete("/api/v2.0/users/" + id).then().statusCode(403);
    }

    @Test
    void usersArePagedWithTotalCountAndLinks() {
        for (int i = 0; i < 3; i++) {
            Api.createUser(unique("paged"), "Passw0rdP");
        }
        admin().queryParam("page", 1).queryParam("page_size", 2).queryParam("q", "username=~paged").get("/api/v2.0/users")
                .then().statusCode(200).header("X-Total-Count", notNullValue())
                .header("Link", org.hamcrest.Matchers.containsString("rel=\"next\""))
                .body("size()", equalTo(2));
        admin().queryParam("page_size", 1000).get("/api/v2.0/users").then().statusCode(400);
        admin().queryParam("q", "nonsense=1").get("/api/v2.0/users").then().statusCode(400);
        admin().queryParam("q", "username=~paged").get("/api/v2.0/users").then()
                .header("X-Total-Count", org.hamcrest.Matchers.matchesPattern("[3-9]|[1-9][0-9]+"));
    }

    @Test
    void aSysadminFlagLeftOutOrNullMeansFalseAsHarborsClientsOmitFalse() {
        String name = unique("demoted");
        long id = Api.createUser(name, "Passw0rdZ");
        admin().body(Map.of("sysadmin_flag", true)).put("/api/v2.0/users/" + id + "/sysadmin").then().statusCode(200);
        admin().body(Map.of()).put("/api/v2.0/users/" + id + "/sysadmin").then().statusCode(200);
        admin().get("/api/v2.0/users/" + id).then().body("sysadmin_flag", equalTo(false));
        admin().body(Map.of("sysadmin_flag", true)).put("/api/v2.0/users/" + id + "/sysadmin").then().statusCode(200);
        admin().body("{\"sysadmin_flag\": null}").put("/api/v2.0/users/" + id + "/sysadmin").then().statusCode(200);
        admin().get("/api/v2.0/users/" + id).then().body("sysadmin_flag", equalTo(false));
        admin().body("{\"sysadmin_flag\": \"yes\"}").put("/api/v2.0/users/" + id + "/sysadmin").then().statusCode(400);
        admin().put("/api/v2.0/users/" + id + "/sysadmin").then().statusCode(400);
    }

    @Test
    void passwordChangesNeedTheOldPasswordUnlessAnAdministratorDoesIt() {
        String name = unique("dave");
        long id = Api.createUser(name, "Passw0rdD");
        as(name, "Passw0rdD").body(Map.of("old_password", "wrong", "new_password", "Passw0rdE")).put("/api/v2.0/users/" + id + "/password")
                .then().statusCode(403);
        as(name, "Passw0rdD").body(Map.of("old_password", "Passw0rdD", "new_password", "Passw0rdE")).put("/api/v2.0/users/" + id + "/password")
                .then().statusCode(200);
        as(name, "Passw0rdD").get("/api/v2.0/users/current").then().statusCode(401);
        admin().body(Map.of("new_password", "Passw0rdF")).put("/api/v2.0/users/" + id + "/password").then().statusCode(200);
        as(name, "Passw0rdF").get("/api/v2.0/users/current").then().statusCode(200);
    }

    @Test
    void profilesSysadminFlagSearchAndDeletion() {
        String name = unique("erin");
        long id = Api.createUser(name, "Passw0rdG");
        as(name, "Passw0rdG").body(Map.of("realname", "Erin E.", "comment", "hi")).put("/api/v2.0/users/" + id).then().statusCode(200);
        admin().get("/api/v2.0/users/" + id).then().body("realname", equalTo("Erin E.")).body("comment", equalTo("hi"));
        admin().body(Map.of("sysadmin_flag", true)).put("/api/v2.0/users/" + id + "/sysadmin").then().statusCode(200);
        as(name, "Passw0rdG").get("/api/v2.0/users").then().statusCode(200);
        as(name, "Passw0rdG").queryParam("username", name).get("/api/v2.0/users/search").then().statusCode(200)
                .body("username", hasItem(name));
        admin().delete("/api/v2.0/users/" + id).then().statusCode(200);
        admin().get("/api/v2.0/users/" + id).then().statusCode(404).body("errors[0].code", equalTo("NOT_FOUND"));
        admin().get("/api/v2.0/users/current").then().body("user_id", greaterThanOrEqualTo(1));
    }
}
