package io.berth.core.api;

import static io.berth.core.testing.Api.admin;
import static io.berth.core.testing.Api.as;
import static io.berth.core.testing.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
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
        admin().body(Map.of("description", "off", "disable", true, "duration", 0)).put("/api/v2.0/robots/" + id).then().statusCode(200);
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
