package io.berth.core.ldap;

import static io.berth.core.testing.Api.admin;
import static io.berth.core.testing.Api.anonymous;
import static io.berth.core.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.berth.common.testing.Slapd;
import io.berth.core.testing.CoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * ldap_auth against a real slapd started by the test ({@link Slapd}): configured through the API on a database of its
 * own (only admin exists, so auth_mode may change), search-then-bind, onboarding, RFC 4515 escaping, a filtered-out
 * (disabled) account, an ambiguous name, imports, ldaps:// and StartTLS with a test CA, and a directory that is paused (slow) or stopped: a clear 503 within
 * ldap_timeout, each failure audited, while a login checked in the last minute goes on without the directory.
 */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
@QuarkusTestResource(value = SlapdResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LdapLoginTest {
    private static final String PATH = "/api/v2.0/configurations";
    private static final String IMPORT = "/api/v2.0/ldap/users/import";

    @Test
    @Order(1)
    void switchingToLdapThroughTheApiKeepsTheSearchPasswordOutOfAnswers() {
        admin().body(Map.of("auth_mode", "ldap_auth", "ldap_url", SlapdResource.slapd.url(), "ldap_base_dn", Slapd.BASE,
                "ldap_search_dn", Slapd.SEARCH_DN, "ldap_search_password", Slapd.SEARCH_PASSWORD,
                "ldap_filter", "(&(objectClass=inetOrgPerson)(!(employeeType=disabled)))", "ldap_uid", "uid", "ldap_scope", 2,
                "ldap_timeout", 2)).put(PATH).then().statusCode(200);
        String shown = admin().get(PATH).then().statusCode(200).body("auth_mode.value", equalTo("ldap_auth"))
                .body("ldap_url.value", equalTo(SlapdResource.slapd.url())).body("ldap_timeout.value", equalTo(2))
                .body("$", not(hasKey("ldap_search_password"))).extract().asString();
        assertThat(shown).doesNotContain(Slapd.SEARCH_PASSWORD);
        anonymous().get("/api/v2.0/systeminfo").then().body("auth_mode", equalTo("ldap_auth"));
        admin().post("/api/v2.0/ldap/ping").then().statusCode(200).body("success", equalTo(true));
    }

    @Test
    @Order(2)
    void aDirectoryUserLogsInAndIsOnboardedOnFirstLogin() {
        as("alice", "AlicePass1").get("/api/v2.0/users/current").then().statusCode(200).body("username", equalTo("alice"))
                .body("email", equalTo("alice@berth.test")).body("realname", equalTo("Alice Liddell")).body("sysadmin_flag", equalTo(false));
        as("alice", "AlicePass1").queryParam("service", "berth-registry").queryParam("scope", "repository:library/x:pull")
                .get("/service/token").then().statusCode(200).body("token", startsWith("ey"));
        admin().queryParam("username", "alice").get("/api/v2.0/users/search").then().body("[0].username", equalTo("alice"));
        admin().get("/api/v2.0/users/current").then().statusCode(200).body("username", equalTo("admin"));
        admin().queryParam("username", "bob").get("/api/v2.0/ldap/users/search").then().statusCode(200)
                .body("[0].email", equalTo("bob@berth.test")).body("[0].realname", equalTo("Bob Builder"));
    }

    @Test
    @Order(3)
    void wrongPasswordsInjectionsDisabledAndAmbiguousAccountsLogNobodyIn() {
        for (List<String> attempt : List.of(List.of("alice", "wrong"), List.of("alice", ""), List.of("*", "AlicePass1"),
                List.of("*)(uid=*", "AlicePass1"), List.of("alice)(|(uid=*", "AlicePass1"), List.of("al*", "AlicePass1"),
                List.of("carol", "CarolPass1"), List.of("twin", "TwinPass1"), List.of("nobody", "NobodyPass1"),
                List.of("alice\\", "AlicePass1"))) {
            as(attempt.get(0), attempt.get(1)).get("/api/v2.0/users/current").then().statusCode(401)
                    .body("errors[0].code", equalTo("UNAUTHORIZED"));
        }
        admin().queryParam("username", "*)(uid=*").get("/api/v2.0/ldap/users/search").then().statusCode(200).body("$", hasSize(0));
        admin().queryParam("username", "*").get("/api/v2.0/ldap/users/search").then().statusCode(200).body("$", hasSize(0));
        admin().queryParam("q", "operation=login,username=carol").get("/api/v2.0/audit-logs").then().statusCode(200)
                .body("[0].result", containsString("failure"));
    }

    @Test
    @Order(4)
    void inLdapModeUsersAreNotCreatedByHandAndTheModeStaysWhileTheyExist() {
        admin().body(Map.of("username", "handmade", "email", "h@berth.test", "password", "Passw0rdX", "realname", "H"))
                .post("/api/v2.0/users").then().statusCode(403).body("errors[0].message", containsString("ldap_auth"));
        admin().body(Map.of("auth_mode", "db_auth")).put(PATH).then().statusCode(400)
                .body("errors[0].message", containsString("users other than admin"));
    }

    @Test
    @Order(5)
    void usersAreImportedBeforeTheirFirstLoginAllOrNothing() {
        admin().body(Map.of("ldap_uid_list", List.of("erin", "alice"))).post(IMPORT).then().statusCode(200);
        admin().queryParam("username", "erin").get("/api/v2.0/users/search").then().statusCode(200).body("[0].username", equalTo("erin"));
        admin().queryParam("q", "operation=create,resource=erin").get("/api/v2.0/audit-logs").then().statusCode(200)
                .body("[0].username", equalTo("admin")).body("[0].result", containsString("onboarded from LDAP"));
        admin().body(Map.of("ldap_uid_list", List.of("frank", "nobody-here", "", "*", "carol"))).post(IMPORT).then().statusCode(404)
                .body("uid", equalTo(List.of("nobody-here", "", "*", "carol")))
                .body("error", equalTo(List.of("unknown_user", "empty_uid", "unknown_user", "unknown_user")));
        admin().queryParam("username", "frank").get("/api/v2.0/users/search").then().statusCode(200).body("$", hasSize(0));

        List<String> tooMany = java.util.stream.IntStream.rangeClosed(0, LdapImport.MAX_UIDS).mapToObj(i -> "u" + i).toList();
        for (Object bad : List.of(Map.of(), Map.of("ldap_uid_list", "frank"), Map.of("ldap_uid_list", List.of()),
                Map.of("ldap_uid_list", List.of(1)), Map.of("ldap_uid_list", List.of("frank"), "extra", true),
                Map.of("ldap_uid_list", tooMany))) {
            admin().body(bad).post(IMPORT).then().statusCode(400).body("errors[0].code", equalTo("BAD_REQUEST"));
        }
        admin().body("{\"ldap_uid_list\": [").post(IMPORT).then().statusCode(400);
        admin().body(List.of("frank")).post(IMPORT).then().statusCode(400);
        as("alice", "AlicePass1").body(Map.of("ldap_uid_list", List.of("frank"))).post(IMPORT).then().statusCode(403);
        anonymous().body(Map.of("ldap_uid_list", List.of("frank"))).post(IMPORT).then().statusCode(401);
        admin().queryParam("username", "frank").get("/api/v2.0/users/search").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    @Order(6)
    void ldapsAndStartTlsTrustTheConfiguredCaOnly() throws Exception {
        Slapd slapd = SlapdResource.slapd;
        try {
            admin().body(Map.of("ldap_url", slapd.ldapsUrl(), "ldap_ca_certificate", slapd.ca())).put(PATH).then().statusCode(200);
            admin().get(PATH).then().body("ldap_verify_cert.value", equalTo(true)).body("ldap_starttls.value", equalTo(false))
                    .body("ldap_ca_certificate.value", startsWith("-----BEGIN CERTIFICATE-----"));
            admin().post("/api/v2.0/ldap/ping").then().statusCode(200).body("success", equalTo(true));
            as("dave", "DavePass1").get("/api/v2.0/users/current").then().statusCode(200).body("email", equalTo("dave@berth.test"));
            as("bob", "wrong").get("/api/v2.0/users/current").then().statusCode(401);

            admin().body(Map.of("ldap_ca_certificate", slapd.otherCa())).put(PATH).then().statusCode(200);
            admin().post("/api/v2.0/ldap/ping").then().statusCode(200).body("success", equalTo(false))
                    .body("message", containsString("TLS certificate is not trusted"));
            admin().queryParam("username", "bob").get("/api/v2.0/ldap/users/search").then().statusCode(503)
                    .body("errors[0].message", containsString("ldap_ca_certificate"));
            admin().body(Map.of("ldap_url", slapd.ldapsUrl().replace("127.0.0.1", "localhost"), "ldap_ca_certificate", slapd.ca())).put(PATH)
                    .then().statusCode(200);
            admin().post("/api/v2.0/ldap/ping").then().body("success", equalTo(false)).body("message", containsString("not trusted"));

            admin().body(Map.of("ldap_verify_cert", false, "ldap_ca_certificate", slapd.otherCa())).put(PATH).then().statusCode(200);
            admin().post("/api/v2.0/ldap/ping").then().statusCode(200).body("success", equalTo(true));
            admin().queryParam("username", "bob").get("/api/v2.0/ldap/users/search").then().statusCode(200).body("[0].username", equalTo("bob"));

            admin().body(Map.of("ldap_url", slapd.url(), "ldap_starttls", true, "ldap_verify_cert", true, "ldap_ca_certificate", slapd.ca()))
                    .put(PATH).then().statusCode(200);
            admin().post("/api/v2.0/ldap/ping").then().statusCode(200).body("success", equalTo(true));
            admin().queryParam("username", "bob").get("/api/v2.0/ldap/users/search").then().statusCode(200).body("[0].username", equalTo("bob"));
            admin().body(Map.of("ldap_ca_certificate", slapd.otherCa())).put(PATH).then().statusCode(200);
            admin().post("/api/v2.0/ldap/ping").then().body("success", equalTo(false)).body("message", containsString("not trusted"));
            admin().body(Map.of("ldap_url", slapd.url().replace("127.0.0.1", "localhost"), "ldap_ca_certificate", slapd.ca())).put(PATH)
                    .then().statusCode(200);
            admin().post("/api/v2.0/ldap/ping").then().body("success", equalTo(false)).body("message", containsString("TLS"));
            admin().body(Map.of("ldap_url", slapd.ldapsUrl())).put(PATH).then().statusCode(400)
                    .body("errors[0].message", containsString("ldap_starttls"));
        } finally {
            admin().body(Map.of("ldap_url", slapd.url(), "ldap_starttls", false, "ldap_verify_cert", true, "ldap_ca_certificate", ""))
                    .put(PATH).then().statusCode(200);
        }
    }

    @Test
    @Order(9)
    void aSlowThenStoppedDirectoryIsAClearErrorWhileRecentLoginsGoOn() throws Exception {
        Slapd slapd = SlapdResource.slapd;
        slapd.pause();
        try {
            as("bob", "BobPass1").get("/api/v2.0/users/current").then().statusCode(503)
                    .body("errors[0].message", containsString("ldap_timeout (2 s)"));
            as("alice", "AlicePass1").get("/api/v2.0/users/current").then().statusCode(200); // checked within the last minute
        } finally {
            slapd.resume();
        }
        slapd.stop();
        as("bob", "BobPass1").queryParam("service", "berth-registry").get("/service/token").then().statusCode(503);
        admin().post("/api/v2.0/ldap/ping").then().statusCode(200).body("success", equalTo(false))
                .body("message", containsString(slapd.url()));
        admin().get("/api/v2.0/users/current").then().statusCode(200);
        admin().queryParam("q", "operation=login,username=bob").get("/api/v2.0/audit-logs").then().statusCode(200)
                .body("[0].result", containsString("LDAP server"));
    }
}
