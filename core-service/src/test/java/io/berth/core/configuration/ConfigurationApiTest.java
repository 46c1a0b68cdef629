package io.berth.core.configuration;

import static io.berth.core.testing.Api.admin;
import static io.berth.core.testing.Api.anonymous;
import static io.berth.core.testing.Api.as;
import static io.berth.core.testing.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.berth.core.testing.Api;
import io.berth.core.testing.CoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Harbor's /api/v2.0/configurations: typed keys, refusals in Harbor's error body, and each setting acted on. */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class ConfigurationApiTest {
    private static final String PATH = "/api/v2.0/configurations";

    @Test
    void getShowsEveryKeyBerthActsOnWithItsValueAndEditability() {
        admin().get(PATH).then().statusCode(200)
                .body("auth_mode.value", equalTo("db_auth")).body("auth_mode.editable", equalTo(true))
                .body("read_only.value", equalTo(false)).body("self_registration.value", equalTo(false))
                .body("project_creation_restriction.value", equalTo("everyone"))
                .body("robot_token_duration.value", equalTo(30)).body("robot_name_prefix.value", equalTo("robot$"))
                .body("token_expiration.value", equalTo(30)).body("$", not(hasKey("ldap_search_password")));
    }

    @Test
    void onlySystemAdministratorsReadOrChangeIt() {
        String user = unique("cfguser");
        Api.createUser(user, "Passw0rdX");
        anonymous().get(PATH).then().statusCode(401).body("errors[0].code", equalTo("UNAUTHORIZED"));
        as(user, "Passw0rdX").get(PATH).then().statusCode(403).body("errors[0].code", equalTo("FORBIDDEN"));
        as(user, "Passw0rdX").body(Map.of("read_only", true)).put(PATH).then().statusCode(403);
        admin().get(PATH).then().body("read_only.value", equalTo(false));
    }

    @Test
    void badValuesUnknownKeysAndKeysNotActedOnAreRefusedAndChangeNothing() {
        Api.createUser(unique("other"), "Passw0rdX"); // a user besides admin: auth_mode may not change
        List<Map<String, Object>> bad = List.of(Map.of("no_such_key", 1), Map.of("ldap_verify_cert", "no"),
                Map.of("oidc_client_secret", 5), Map.of("oidc_logout", true), Map.of("auth_mode", "uaa_auth"), Map.of("auth_mode", 1),
                Map.of("ldap_url", "http://ldap.example.org"), Map.of("ldap_url", "ldaps://u@ldap.example.org"),
                Map.of("ldap_url", "ldaps://ldap.example.org", "ldap_starttls", true), Map.of("ldap_starttls", "yes"),
                Map.of("ldap_ca_certificate", "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n"),
                Map.of("ldap_ca_certificate", "not PEM"), Map.of("ldap_ca_certificate", 1),
                Map.of("ldap_url", "ldap://ldap.example.org/dc=x?uid"), Map.of("ldap_filter", "uid=x"), Map.of("ldap_filter", "(a=b))("),
                Map.of("ldap_scope", 3), Map.of("ldap_scope", -1), Map.of("ldap_uid", "u id"), Map.of("ldap_timeout", 0),
                Map.of("ldap_search_password", 5),
                Map.of("read_only", "yes"), Map.of("read_only", 1), Map.of("token_expiration", 0), Map.of("token_expiration", -1),
                Map.of("token_expiration", 1.5), Map.of("token_expiration", "30"), Map.of("token_expiration", 99_999_999_999L),
                Map.of("project_creation_restriction", "nobody"), Map.of("robot_name_prefix", "bot$"),
                Map.of("self_registration", true, "no_such_key", 1), Map.of());
        for (Map<String, Object> body : bad) {
            admin().body(body).put(PATH).then().statusCode(400).body("errors[0].code", equalTo("BAD_REQUEST"))
                    .body("errors[0].message", containsString(body.isEmpty() ? "JSON object" : "configuration"));
        }
        admin().body("[1,2]").put(PATH).then().statusCode(400);
        admin().body("{\"read_only\":").put(PATH).then().statusCode(400);
        admin().body(Map.of("email_host", "smtp.example.org")).put(PATH).then().body("errors[0].message", containsString("not acted on"));
        // other users exist in this database: the mode stays (LdapLoginTest switches it on a database of its own)
        admin().body(Map.of("auth_mode", "ldap_auth", "ldap_url", "ldap://127.0.0.1:1")).put(PATH).then().statusCode(400)
                .body("errors[0].message", equalTo("auth_mode cannot be changed while users other than admin exist"));
        admin().get(PATH).then().body("auth_mode.value", equalTo("db_auth")).body("ldap_url.value", equalTo(""))
                .body("ldap_verify_cert.value", equalTo(true)).body("ldap_starttls.value", equalTo(false)).body("ldap_ca_certificate.value", equalTo(""));
        admin().body(Map.of("ldap_uid_list", List.of("alice"))).post("/api/v2.0/ldap/users/import").then().statusCode(400)
                .body("errors[0].message", containsString("ldap_auth"));
        admin().get(PATH).then().body("self_registration.value", equalTo(false)).body("token_expiration.value", equalTo(30));
    }

    @Test
    void tokenExpirationIsTheLifetimeOfIssuedTokens() {
        try {
            admin().body(Map.of("token_expiration", 5)).put(PATH).then().statusCode(200);
            admin().get(PATH).then().body("token_expiration.value", equalTo(5)).body("token_expiration.editable", equalTo(true));
            JsonPath token = admin().queryParam("service", "berth-registry").get("/service/token").then().statusCode(200).extract().jsonPath();
            assertThat(token.getLong("expires_in")).isEqualTo(300);
        } finally {
            admin().body(Map.of("token_expiration", 30)).put(PATH).then().statusCode(200);
        }
        admin().queryParam("q", "resource_type=configuration,operation=update").get("/api/v2.0/audit-logs")
                .then().statusCode(200).body("[0].resource", equalTo("token_expiration")).body("[0].username", equalTo("admin"));
    }

    @Test
    void selfRegistrationLetsAnyoneSignUpOnlyWhileOn() {
        Map<String, Object> signUp = Map.of("username", unique("signup"), "email", unique("s") + "@example.com", "password", "Passw0rdX",
                "realname", "S");
        anonymous().body(signUp).post("/api/v2.0/users").then().statusCode(401).body("errors[0].message", containsString("self_registration"));
        try {
            admin().body(Map.of("self_registration", true)).put(PATH).then().statusCode(200);
            anonymous().get("/api/v2.0/systeminfo").then().body("self_registration", equalTo(true));
            anonymous().body(signUp).post("/api/v2.0/users").then().statusCode(201);
            as((String) signUp.get("username"), "Passw0rdX").get("/api/v2.0/users/current").then().statusCode(200)
                    .body("sysadmin_flag", equalTo(false));
        } finally {
            admin().body(Map.of("self_registration", false)).put(PATH).then().statusCode(200);
        }
    }

    @Test
    void adminOnlyProjectCreationRefusesOtherUsers() {
        String user = unique("creator");
        Api.createUser(user, "Passw0rdX");
        try {
            admin().body(Map.of("project_creation_restriction", "adminonly")).put(PATH).then().statusCode(200);
            admin().get("/api/v2.0/systeminfo").then().body("project_creation_restriction", equalTo("adminonly"));
            as(user, "Passw0rdX").body(Map.of("project_name", unique("mine"))).post("/api/v2.0/projects").then().statusCode(403)
                    .body("errors[0].message", containsString("project_creation_restriction"));
            Api.createProject(admin(), unique("adminsown"), false);
        } finally {
            admin().body(Map.of("project_creation_restriction", "everyone")).put(PATH).then().statusCode(200);
        }
        Api.createProject(as(user, "Passw0rdX"), unique("mine"), false);
    }

    @Test
    void aRobotWithDurationZeroLivesRobotTokenDurationDays() {
        try {
            admin().body(Map.of("robot_token_duration", 7)).put(PATH).then().statusCode(200);
            JsonPath robot = admin().body(Map.of("name", unique("defaultlife"), "level", "system", "duration", 0, "permissions",
                    List.of(Map.of("kind", "project", "namespace", "library", "access", List.of(Map.of("resource", "repository", "action", "pull"))))))
                    .post("/api/v2.0/robots").then().statusCode(201).extract().jsonPath();
            admin().get("/api/v2.0/robots/" + robot.getLong("id")).then().statusCode(200).body("duration", equalTo(7));
            long days = (robot.getLong("expires_at") - System.currentTimeMillis() / 1000 + 3600) / 86_400;
            assertThat(days).isEqualTo(7);
        } finally {
            admin().body(Map.of("robot_token_duration", 30)).put(PATH).then().statusCode(200);
        }
    }

    @Test
    void readOnlyRefusesApiWritesToArtifactsButNotReads() {
        String project = unique("ro");
        Api.createProject(admin(), project, false);
        String repository = "/api/v2.0/projects/" + project + "/repositories/app";
        try {
            admin().body(Map.of("read_only", true)).put(PATH).then().statusCode(200);
            admin().get("/api/v2.0/systeminfo").then().body("read_only", equalTo(true));
            admin().delete(repository).then().statusCode(403).body("errors[0].code", equalTo("FORBIDDEN"))
                    .body("errors[0].message", containsString("read-only"));
            admin().delete(repository + "/artifacts/sha256:" + "a".repeat(64) + "/tags/v1").then().statusCode(403);
            admin().body(Map.of("schedule", Map.of("type", "Manual"))).post("/api/v2.0/system/gc/schedule").then().statusCode(403);
            admin().get("/api/v2.0/projects/" + project + "/repositories").then().statusCode(200);
            admin().get("/api/v2.0/projects/" + project).then().statusCode(200);
        } finally {
            admin().body(Map.of("read_only", false)).put(PATH).then().statusCode(200);
        }
        admin().get("/api/v2.0/systeminfo").then().body("read_only", equalTo(false));
        admin().delete(repository).then().statusCode(not(equalTo(403)));
    }
}
