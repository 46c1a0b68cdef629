package io.berth.core.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/** REST Assured requests to the Harbor-compatible API as a given user. */
public final class Api {
    private Api() {}

    public static RequestSpecification as(String user, String password) {
        return given().auth().preemptive().basic(user, password).contentType(ContentType.JSON);
    }

    public static RequestSpecification admin() {
        return as("admin", CoreTestResource.ADMIN_PASSWORD);
    }

    public static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON);
    }

    /** A unique name with a prefix, so tests sharing the database never collide. */
    public static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a user with a valid password; returns its id. */
    public static long createUser(String username, String password) {
        String location = admin().body(Map.of("username", username, "email", username + "@example.com", "password", password,
                "realname", username)).post("/api/v2.0/users").then().statusCode(201).extract().header("Location");
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    /** Creates a project as {@code user}; returns its id. */
    public static long createProject(RequestSpecification as, String name, boolean isPublic) {
        String location = as.body(Map.of("project_name", name, "metadata", Map.of("public", Boolean.toString(isPublic))))
                .post("/api/v2.0/projects").then().statusCode(201).extract().header("Location");
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    public static void addMember(long projectId, String username, int roleId) {
        admin().body(Map.of("role_id", roleId, "member_user", Map.of("username", username)))
                .post("/api/v2.0/projects/" + projectId + "/members").then().statusCode(201);
    }
}
