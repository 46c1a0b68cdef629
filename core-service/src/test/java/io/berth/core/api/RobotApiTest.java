package io.berth.core.api;

import static io.berth.core.testing.Api.admin;
import static io.berth.core.testing.Api.as;
import static io.berth.core.testing.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.berth.core.testing.Api;
import io.berth.core.testing.CoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class RobotApiTest {

    private static Map<String, Object> robot(String name, String level, String namespace, String... actions) {
        return Map.of("name", name, "level", level, "duration", -1, "description", "ci",
                "permissions", List.of(Map.of("kind", "project", "namespace", namespace,
                        "access", java.util.Arrays.stream(actions).map(a -> Map.of("resource", "repository", "action", a)).toList())));
    }

    private static List<String> grants(String user, String secret, String scope) {
        return as(user, secret).queryParam("scope", scope).get("/service/token").then().statusCode(200).extract().jsonPath()
                .getList("scope.tokenize(' ')");
    }

    @Test
    void aProjectRobotPushesToItsProjectAndNowhereElse() {
        String project = unique("robots");
        Api.createProject(admin(), project, false);
        JsonPath created = admin().body(robot("ci", "project", project, "pull", "push")).post("/api/v2.0/robots").then().statusCode(201)
                .body("name", equalTo("robot$" + project + "+ci")).body("secret", org.hamcrest.Matchers.notNullValue())
                .extract().jsonPath();
        String name = created.getString("name");
        String secret = created.getString("secret");
        String token = as(name, secret).queryParam("scope", "repository:" + project + "/app:pull,push").get("/service/token")
                .then().statusCode(200).extract().jsonPath().getString("scope");
        assertThat(token).isEqualTo("repository:" + project + "/app:pull,push");
        String elsewhere = as(name, secret).queryParam("scope", "repository:library/app:push").get("/service/token")
                .then().statusCode(200).extract().jsonPath().getString("scope");
        assertThat(elsewhere).isEqualTo("repository:library/app:");

        long id = created.getLong("id");
        admin().get("/api/v2.0/robots/" + id).then().statusCode(200).body("level", equalTo("project"))
                .body("permissions[0].namespace", equalTo(project)).body("secret", org.hamcrest.Matchers.nullValue());
        admin().body(Map.of("description", "off", "disable", true)).put("/api/v2.0/robots/" + id).then().statusCode(200);
        as(name, secret).get("/service/token").then().statusCode(401);
    }

    @Test
    void secretsAreRefreshedAndTheOldOneStopsWorking() {
        String project = unique("refresh");
        Api.createProject(admin(), project, false);
        JsonPath created = admin().body(robot("bot", "project", project, "pull")).post("/api/v2.0/robots").then().statusCode(201)
                .extract().jsonPath();
        String name = created.getString("name");
        as(name, created.getString("secret")).get("/service/token").then().statusCode(200);
        String fresh = admin().body(Map.of()).patch("/api/v2.0/robots/" + created.getLong("id")).then().statusCode(200)
                .extract().jsonPath().getString("secret");
        as(name, created.getString("secret")).get("/service/token").then().statusCode(401);
        as(name, fresh).get("/service/token").then().statusCode(200);
    }

    @Test
    void systemRobotsAreForSystemAdministratorsAndSpanProjects() {
        String p1 = unique("sys1");
        String p2 = unique("sys2");
        Api.createProject(admin(), p1, false);
        Api.createProject(admin(), p2, false);
        Map<String, Object> request = Map.of("name", unique("sysbot"), "level", "system", "duration", 30,
                "permissions", List.of(
                        Map.of("kind", "project", "namespace", p1, "access", List.of(Map.of("resource", "repository", "action", "pull"))),
                        Map.of("kind", "project", "namespace", p2, "access", List.of(Map.of("resource", "repository", "action", "push")))));
        JsonPath created = admin().body(request).post("/api/v2.0/robots").then().statusCode(201)
                .body("name", startsWith("robot$sysbot")).body("expires_at", org.hamcrest.Matchers.notNullValue()).extract().jsonPath();
        String scopes = as(created.getString("name"), created.getString("secret")).queryParam("scope", "repository:" + p1 + "/a:pull,push")
                .queryParam("scope", "repository:" + p2 + "/b:pull,push").get("/service/token").jsonPath().getString("scope");
        assertThat(scopes).isEqualTo("repository:" + p1 + "/a:pull repository:" + p2 + "/b:push");

        String user = unique("plain");
        Api.createUser(user, "Passw0rdR");
        as(user, "Passw0rdR").body(request).post("/api/v2.0/robots").then().statusCode(403);
    }

    private static long expiresAt(String robot) {
        return admin().get(robot).then().statusCode(200).extract().jsonPath().getLong("expires_at");
    }

    private static Map<String, Object> system(String name, long duration, List<Map<String, Object>> permissions) {
        return Map.of("name", name, "level", "system", "duration", duration, "permissions", permissions);
    }

    private static Map<String, Object> permission(String kind, String namespace, List<Map<String, String>> access) {
        return Map.of("kind", kind, "namespace", namespace, "access", access);
    }

    private static Map<String, String> access(String resource, String action) {
        return Map.of("resource", resource, "action", action);
    }

    @Test
    void expiresAtIsUnixSecondsAndDurationReadsBackAsGiven() {
        long before = System.currentTimeMillis() / 1000;
        JsonPath created = admin().body(system(unique("thirty"), 30, List.of(permission("project", "library", List.of(access("repository", "pull"))))))
                .post("/api/v2.0/robots").then().statusCode(201).extract().jsonPath();
        long expiresAt = created.getLong("expires_at");
        assertThat(expiresAt).isBetween(before + 30 * 86400L, System.currentTimeMillis() / 1000 + 30 * 86400L);
        String robot = "/api/v2.0/robots/" + created.getLong("id");
        admin().get(robot).then().statusCode(200).body("duration", equalTo(30));
        assertThat(expiresAt(robot)).isEqualTo(expiresAt);
        JsonPath listed = admin().queryParam("q", "name=" + created.getString("name")).get("/api/v2.0/robots").then().statusCode(200)
                .body("[0].duration", equalTo(30)).extract().jsonPath();
        assertThat(listed.getLong("[0].expires_at")).isEqualTo(expiresAt);

        // a PUT that keeps the duration keeps the expiry; a new duration counts from the creation, as Harbor
        admin().body(Map.of("description", "same", "duration", 30)).put(robot).then().statusCode(200);
        admin().get(robot).then().body("description", equalTo("same"));
        assertThat(expiresAt(robot)).isEqualTo(expiresAt);
        admin().body(Map.of("duration", 60)).put(robot).then().statusCode(200);
        admin().get(robot).then().body("duration", equalTo(60));
        assertThat(expiresAt(robot)).isEqualTo(expiresAt + 30 * 86400L);
        admin().body(Map.of("duration", -1)).put(robot).then().statusCode(200);
        admin().get(robot).then().body("duration", equalTo(-1)).body("expires_at", equalTo(-1));

        JsonPath never = admin().body(system(unique("never"), -1, List.of(permission("project", "library", List.of(access("repository", "pull"))))))
                .post("/api/v2.0/robots").then().statusCode(201).body("expires_at", equalTo(-1)).extract().jsonPath();
        admin().get("/api/v2.0/robots/" + never.getLong("id")).then().body("expires_at", equalTo(-1)).body("duration", equalTo(-1));
    }

    @Test
    void badUpdatesAreRefusedAndChangeNothing() {
        JsonPath created = admin().body(system(unique("steady"), 30, List.of(permission("project", "library", List.of(access("repository", "pull"))))))
                .post("/api/v2.0/robots").then().statusCode(201).extract().jsonPath();
        String robot = "/api/v2.0/robots/" + created.getLong("id");
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("duration", -2),
                Map.of("description", "x", "level", "project"), Map.of("description", "x", "name", "robot$someone-else"),
                Map.of("description", "x", "permissions", List.of()),
                Map.of("description", "x", "permissions", List.of(permission("project", "library", List.of(access("repository", "teleport"))))))) {
            admin().body(bad).put(robot).then().statusCode(400).body("errors[0].code", equalTo("BAD_REQUEST"));
        }
        assertThat(expiresAt(robot)).isEqualTo(created.getLong("expires_at"));
        admin().get(robot).then().body("duration", equalTo(30)).body("description", equalTo("")).body("level", equalTo("system")).body("permissions[0].access.action", equalTo(List.of("pull")));
        admin().body(Map.of("name", created.getString("name"), "level", "system", "duration", 30)).put(robot).then().statusCode(200);
    }

    @Test
    void aDenyIsRefusedNotStoredAsAGrant() {
        String name = unique("denied");
        admin().body(system(name, -1, List.of(permission("project", "library",
                List.of(Map.of("resource", "repository", "action", "push", "effect", "deny")))))).post("/api/v2.0/robots").then()
                .statusCode(400).body("errors[0].message", containsString("deny"));
        admin().queryParam("q", "name=robot$" + name).get("/api/v2.0/robots").then().statusCode(200).header("X-Total-Count", "0");
        admin().body(system(unique("allowed"), -1, List.of(permission("project", "library",
                List.of(Map.of("resource", "repository", "action", "pull", "effect", "allow")))))).post("/api/v2.0/robots").then()
                .statusCode(201);
    }

    @Test
    void permissionsNeedAccessAProjectKindAndAPairBerthHonours() {
        admin().body(system(unique("empty"), -1, List.of(permission("project", "library", List.of())))).post("/api/v2.0/robots").then()
                .statusCode(400).body("errors[0].message", containsString("access"));
        admin().body(system(unique("sys"), -1, List.of(permission("system", "/", List.of(access("label", "create")))))).post("/api/v2.0/robots")
                .then().statusCode(400).body("errors[0].message", containsString("kind project"));
        admin().body(system(unique("chart"), -1, List.of(permission("project", "library", List.of(access("repository", "pull"),
                access("helm-chart", "read")))))).post("/api/v2.0/robots").then().statusCode(400)
                .body("errors[0].message", containsString("helm-chart:read"));
        admin().body(system(unique("scanner"), -1, List.of(permission("project", "library", List.of(access("repository", "pull"),
                access("scan", "create")))))).post("/api/v2.0/robots").then().statusCode(201);
        admin().body(system(unique("lister"), -1, List.of(permission("project", "library", List.of(access("repository", "list"))))))
                .post("/api/v2.0/robots").then().statusCode(400)
                .body("errors[0].message", containsString("repository:list")).body("errors[0].message", containsString("repository:pull"));

        List<Map<String, String>> reader = List.of(access("repository", "pull"), access("repository", "list"), access("repository", "read"),
                access("artifact", "list"), access("artifact", "read"), access("tag", "list"), access("project", "read"), access("repository", "pull"));
        JsonPath created = admin().body(system(unique("reader"), -1, List.of(permission("project", "library", reader)))).post("/api/v2.0/robots")
                .then().statusCode(201).extract().jsonPath();
        admin().get("/api/v2.0/robots/" + created.getLong("id")).then().statusCode(200).body("permissions[0].kind", equalTo("project"))
                .body("permissions[0].access", org.hamcrest.Matchers.hasSize(7))
                .body("permissions[0].access.effect", org.hamcrest.Matchers.everyItem(equalTo("allow")));
        assertThat(grants(created.getString("name"), created.getString("secret"), "repository:library/app:pull,push"))
                .containsExactly("repository:library/app:pull");
    }

    @Test
    void badRobotRequestsAreRefused() {
        admin().body(robot("Bad Name", "system", "library", "pull")).post("/api/v2.0/robots").then().statusCode(400);
        admin().body(robot("x", "galaxy", "library", "pull")).post("/api/v2.0/robots").then().statusCode(400);
        admin().body(robot("x", "project", "no-such-project", "pull")).post("/api/v2.0/robots").then().statusCode(404);
        admin().body(Map.of("name", "x", "level", "system", "permissions", List.of(Map.of("kind", "project", "namespace", "library",
                "access", List.of(Map.of("resource", "repository", "action", "teleport")))))).post("/api/v2.0/robots").then().statusCode(400);
        String name = unique("twice");
        admin().body(robot(name, "system", "library", "pull")).post("/api/v2.0/robots").then().statusCode(201);
        admin().body(robot(name, "system", "library", "pull")).post("/api/v2.0/robots").then().statusCode(409);
        admin().get("/api/v2.0/robots/999999").then().statusCode(404);
    }
}
