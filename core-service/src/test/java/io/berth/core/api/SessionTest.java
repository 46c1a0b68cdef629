package io.berth.core.api;

import static io.berth.core.testing.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.berth.core.testing.CoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The portal's session: {@code POST /c/login}, the cookie, the CSRF token on unsafe methods, {@code GET /c/log_out}. */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class SessionTest {

    static Response login(String user, String password) {
        return given().contentType(ContentType.URLENC).formParam("principal", user).formParam("password", password).post("/c/login");
    }

    @Test
    void aSessionAuthenticatesAndItsUnsafeRequestsNeedTheCsrfToken() {
        Response login = login("admin", CoreTestResource.ADMIN_PASSWORD);
        login.then().statusCode(200).header("Set-Cookie", containsString("HttpOnly"));
        String sid = login.getCookie("sid");
        String csrf = login.getHeader("X-Harbor-CSRF-Token");

        given().cookie("sid", sid).get("/api/v2.0/users/current").then().statusCode(200).body("username", equalTo("admin"))
                .header("X-Harbor-CSRF-Token", csrf); // a reloaded portal page learns its token again here
        Map<String, Object> project = Map.of("project_name", unique("portal"));
        given().cookie("sid", sid).contentType(ContentType.JSON).body(project).post("/api/v2.0/projects").then().statusCode(403)
                .body("errors[0].message", containsString("CSRF"));
        given().cookie("sid", sid).header("X-Harbor-CSRF-Token", "forged").contentType(ContentType.JSON).body(project)
                .post("/api/v2.0/projects").then().statusCode(403);
        given().cookie("sid", sid).header("X-Harbor-CSRF-Token", csrf).contentType(ContentType.JSON).body(project)
                .post("/api/v2.0/projects").then().statusCode(201);

        given().cookie("sid", sid).get("/c/log_out").then().statusCode(200);
        given().cookie("sid", sid).get("/api/v2.0/users/current").then().statusCode(401);
    }

    @Test
    void aWrongPasswordOpensNoSession() {
        String user = unique("portal-user");
        io.berth.core.testing.Api.createUser(user, "Passw0rdP");
        login(user, "not-the-password").then().statusCode(401).body("errors[0].code", equalTo("UNAUTHORIZED"));
        login(user, "Passw0rdP").then().statusCode(200);
        given().cookie("sid", "made-up").get("/api/v2.0/users/current").then().statusCode(401)
                .header("X-Harbor-CSRF-Token", org.hamcrest.Matchers.nullValue());
        given().contentType(ContentType.URLENC).formParam("principal", user).post("/c/login").then().statusCode(401);
    }
}
