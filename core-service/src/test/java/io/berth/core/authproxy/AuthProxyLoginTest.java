package io.berth.core.authproxy;

import static io.berth.core.testing.Api.admin;
import static io.berth.core.testing.Api.anonymous;
import static io.berth.core.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.berth.core.testing.Api;
import io.berth.core.testing.CoreTestResource;
import io.berth.core.user.User;
import io.berth.core.usergroup.GroupMemberships;
import io.berth.core.usergroup.GroupType;
import io.berth.core.usergroup.UserGroup;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * http_auth (Harbor's auth proxy mode) against {@link AuthProxyServer}, an HTTPS double of an auth proxy and of
 * Kubernetes' TokenReview (no real one exists here), on a database of its own (only admin exists, so auth_mode may
 * change): password logins and token logins, onboarding, admin groups and names, the remembered minute, and every bad
 * input: wrong passwords, refused and foreign tokens, malformed reviews, an endpoint down, slow, or behind a CA Berth
 * does not trust, over-long names; each a clear error and an audit entry.
 */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
@QuarkusTestResource(value = AuthProxyResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthProxyLoginTest {
    private static final String PATH = "/api/v2.0/configurations";

    @Inject
    GroupMemberships memberships;

    private static AuthProxyServer proxy() {
        return AuthProxyResource.proxy;
    }

    private static Map<String, Object> settings() throws Exception {
        Map<String, Object> settings = new HashMap<>();
        settings.put("http_authproxy_endpoint", proxy().url("/login"));
        settings.put("http_authproxy_tokenreview_endpoint", proxy().url("/tokenreview"));
        settings.put("http_authproxy_verify_cert", true);
        settings.put("http_authproxy_server_certificate", AuthProxyResource.ca.caPem());
        settings.put("http_authproxy_admin_groups", "berth-admins, ops");
        settings.put("http_authproxy_admin_usernames", "boss");
        return settings;
    }

    @Test
    @Order(1)
    void badSettingsAreRefusedWholeThenTheModeIsSwitchedOn() throws Exception {
        for (Map<String, Object> bad : List.of(Map.<String, Object>of("http_authproxy_endpoint", "ftp://127.0.0.1/login"),
                Map.<String, Object>of("http_authproxy_endpoint", "not a url"),
                Map.<String, Object>of("http_authproxy_tokenreview_endpoint", "https://user:pw@127.0.0.1/x"),
                Map.<String, Object>of("http_authproxy_verify_cert", "yes"), Map.<String, Object>of("http_authproxy_skip_search", 1),
                Map.<String, Object>of("http_authproxy_server_certificate", "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----"),
                Map.<String, Object>of("http_authproxy_server_certificate", "just text"),
                Map.<String, Object>of("http_authproxy_admin_groups", "a,,b"), Map.<String, Object>of("http_authproxy_admin_usernames", "x".repeat(256)),
                Map.<String, Object>of("auth_mode", "http_auth", "http_authproxy_endpoint", "gopher://x"))) {
            admin().body(bad).put(PATH).then().statusCode(400).body("errors[0].code", equalTo("BAD_REQUEST"))
                    .body("errors[0].message", containsString("configuration http_authproxy_"));
        }
        admin().get(PATH).then().statusCode(200).body("auth_mode.value", equalTo("db_auth"))
                .body("http_authproxy_endpoint.value", equalTo("")).body("http_authproxy_verify_cert.value", equalTo(true))
                .body("http_authproxy_skip_search.value", equalTo(false));

        Map<String, Object> good = settings();
        good.put("auth_mode", "http_auth");
        admin().body(good).put(PATH).then().statusCode(200);
        admin().get(PATH).then().statusCode(200).body("auth_mode.value", equalTo("http_auth"))
                .body("http_authproxy_endpoint.value", equalTo(proxy().url("/login")))
                .body("http_authproxy_admin_groups.value", equalTo("berth-admins, ops"));
        anonymous().get("/api/v2.0/systeminfo").then().body("auth_mode", equalTo("http_auth"));
    }

    @Test
    @Order(2)
    void aPasswordLoginIsCheckedByTheEndpointOnboardedAndRememberedForAMinute() {
        proxy().passwords.put("alice", "AlicePass1");
        proxy().groups.put("alice", List.of("Developers"));
        int logins = proxy().logins.get();
        as("alice", "AlicePass1").get("/api/v2.0/users/current").then().statusCode(200).body("username", equalTo("alice"))
                .body("realname", equalTo("alice")).body("sysadmin_flag", equalTo(false)).body("admin_role_in_auth", equalTo(false));
        for (int i = 0; i < 5; i++) {
            as("alice", "AlicePass1").queryParam("service", "berth-registry").queryParam("scope", "repository:library/x:pull")
                    .get("/service/token").then().statusCode(200).body("token", startsWith("ey"));
        }
        assertThat(proxy().logins.get() - logins).as("the endpoint is asked once, then the login is remembered").isEqualTo(1);
        as("ALICE", "AlicePass1").get("/api/v2.0/users/current").then().statusCode(401); // the endpoint knows only "alice"
        admin().queryParam("q", "username=alice,operation=create").get("/api/v2.0/audit-logs").then().statusCode(200)
                .body("[0].result", containsString("onboarded from the auth proxy"));
    }

    @Test
    @Order(3)
    void aKubernetesTokenLogsItsOwnerInAndNobodyElse() {
        proxy().tokens.put("k8s-token-dave", new AuthProxyServer.Identity("dave", List.of("devs")));
        as("tokenreview$dave", "k8s-token-dave").queryParam("service", "berth-registry").get("/service/token").then().statusCode(200);
        as("tokenreview$dave", "k8s-token-dave").get("/api/v2.0/users/current").then().statusCode(200).body("username", equalTo("dave"));
        as("tokenreview$eve", "k8s-token-dave").get("/api/v2.0/users/current").then().statusCode(401)
                .body("errors[0].code", equalTo("UNAUTHORIZED"));
        as("tokenreview$dave", "not-a-token").get("/api/v2.0/users/current").then().statusCode(401);
        as("dave", "k8s-token-dave").get("/api/v2.0/users/current").then().statusCode(401); // a token is no password
        admin().queryParam("q", "operation=login,username=tokenreview$eve").get("/api/v2.0/audit-logs").then().statusCode(200)
                .body("[0].result", containsString("failure"));
    }

    @Test
    @Order(3)
    void theReviewsGroupsBecomeTheUsersHttpGroupsAtEachLogin() {
        proxy().tokens.put("k8s-token-lena", new AuthProxyServer.Identity("lena", List.of("Devs", "QA")));
        as("tokenreview$lena", "k8s-token-lena").get("/api/v2.0/users/current").then().statusCode(200);
        assertThat(groupsOf("lena")).containsExactlyInAnyOrder("devs", "qa");
        proxy().tokens.put("k8s-token-lena-2", new AuthProxyServer.Identity("lena", List.of("qa")));
        as("tokenreview$lena", "k8s-token-lena-2").get("/api/v2.0/users/current").then().statusCode(200);
        assertThat(groupsOf("lena")).as("a group left at the proxy ends at the next login").containsExactly("qa");
        assertThat(groupsOf("alice")).as("a password login's session review").containsExactly("developers");
    }

    private List<String> groupsOf(String username) {
        long id = QuarkusTransaction.requiringNew().call(() -> User.byName(username).id);
        return memberships.current(id).stream().map(group -> QuarkusTransaction.requiringNew().call(() -> {
            UserGroup g = UserGroup.findById(group);
            assertThat(g.groupType).isEqualTo(GroupType.HTTP.code);
            return g.groupName;
        })).toList();
    }

    @Test
    @Order(4)
    void adminGroupsAndAdminNamesMakeSystemAdministratorsWithoutStoringIt() {
        proxy().passwords.put("carol", "CarolPass1");
        proxy().groups.put("carol", List.of("Berth-Admins"));
        proxy().passwords.put("boss", "BossPass1");
        proxy().tokens.put("k8s-token-olga", new AuthProxyServer.Identity("olga", List.of("ops")));
        for (List<String> who : List.of(List.of("carol", "CarolPass1"), List.of("boss", "BossPass1"), List.of("tokenreview$olga", "k8s-token-olga"))) {
            as(who.get(0), who.get(1)).get(PATH).then().statusCode(200);
            as(who.get(0), who.get(1)).get("/api/v2.0/users/current").then().statusCode(200)
                    .body("sysadmin_flag", equalTo(false)).body("admin_role_in_auth", equalTo(true));
        }
        as("alice", "AlicePass1").get(PATH).then().statusCode(403);
    }

    @Test
    @Order(5)
    void wrongPasswordsRefusedReviewsAndOverLongNamesLogNobodyIn() {
        int calls = proxy().logins.get() + proxy().reviews.get();
        String longName = "n".repeat(300);
        as(longName, "whatever").get("/api/v2.0/users/current").then().statusCode(401)
                .body("errors[0].message", containsString("1 to 255 characters"));
        as("tokenreview$" + longName, "k8s-token-dave").get("/api/v2.0/users/current").then().statusCode(401);
        as("tokenreview$", "k8s-token-dave").get("/api/v2.0/users/current").then().statusCode(401);
        assertThat(proxy().logins.get() + proxy().reviews.get()).as("names Berth cannot keep never reach the proxy").isEqualTo(calls);

        as("bob", "").get("/api/v2.0/users/current").then().statusCode(401);
        proxy().passwords.put("bob", "BobPass1");
        as("bob", "wrong").get("/api/v2.0/users/current").then().statusCode(401).body("errors[0].code", equalTo("UNAUTHORIZED"));
        admin().queryParam("q", "operation=login,username=bob").get("/api/v2.0/audit-logs").then().statusCode(200)
                .body("[0].result", equalTo("failure: invalid credentials"));
        admin().queryParam("username", "bob").get("/api/v2.0/users/search").then().statusCode(200).body("size()", equalTo(0));
        admin().queryParam("q", "operation=login,username=" + longName).get("/api/v2.0/audit-logs").then().statusCode(200)
                .body("[0].result", containsString("255 characters"));
    }

    @Test
    @Order(6)
    void malformedReviewsAndOverLongGroupsAreAClearErrorAndOnboardNobody() {
        proxy().tokens.put("k8s-token-gina", new AuthProxyServer.Identity("gina", List.of("devs")));
        proxy().passwords.put("hank", "HankPass1");
        proxy().mode = AuthProxyServer.Mode.MALFORMED_REVIEW;
        try {
            as("tokenreview$gina", "k8s-token-gina").get("/api/v2.0/users/current").then().statusCode(503)
                    .body("errors[0].code", equalTo("SERVICE_UNAVAILABLE")).body("errors[0].message", containsString("not a TokenReview"));
            as("hank", "HankPass1").get("/api/v2.0/users/current").then().statusCode(503); // its session is reviewed too
        } finally {
            proxy().mode = AuthProxyServer.Mode.NORMAL;
        }
        proxy().mode = AuthProxyServer.Mode.LONG_GROUP;
        try {
            as("tokenreview$gina", "k8s-token-gina").get("/api/v2.0/users/current").then().statusCode(503)
                    .body("errors[0].message", containsString("status.user.groups"));
        } finally {
            proxy().mode = AuthProxyServer.Mode.NORMAL;
        }
        admin().queryParam("username", "gina").get("/api/v2.0/users/search").then().statusCode(200).body("size()", equalTo(0));
        admin().queryParam("q", "operation=login,username=tokenreview$gina").get("/api/v2.0/audit-logs").then().statusCode(200)
                .body("[0].result", containsString("token review endpoint"));
        as("tokenreview$gina", "k8s-token-gina").get("/api/v2.0/users/current").then().statusCode(200);
    }

    @Test
    @Order(7)
    void aSlowOrDownEndpointIsAClearErrorWithinTheTimeoutWhileRecentLoginsGoOn() {
        proxy().passwords.put("ivan", "IvanPass1");
        as("alice", "AlicePass1").get("/api/v2.0/users/current").then().statusCode(200); // checked within the last minute
        proxy().mode = AuthProxyServer.Mode.SLOW;
        try {
            as("ivan", "IvanPass1").get("/api/v2.0/users/current").then().statusCode(503)
                    .body("errors[0].message", containsString("no answer within core.authproxy_timeout (2 s)"));
            as("alice", "AlicePass1").get("/api/v2.0/users/current").then().statusCode(200); // remembered
        } finally {
            proxy().mode = AuthProxyServer.Mode.NORMAL;
        }
        admin().body(Map.of("http_authproxy_endpoint", "https://127.0.0.1:" + unusedPort() + "/login")).put(PATH).then().statusCode(200);
        try {
            as("ivan", "IvanPass1").queryParam("service", "berth-registry").get("/service/token").then().statusCode(503)
                    .body("errors[0].message", containsString("connection failed"));
            admin().get("/api/v2.0/users/current").then().statusCode(200); // admin stays in the database
        } finally {
            admin().body(Map.of("http_authproxy_endpoint", proxy().url("/login"))).put(PATH).then().statusCode(200);
        }
        admin().queryParam("q", "operation=login,username=ivan").get("/api/v2.0/audit-logs").then().statusCode(200)
                .body("[0].result", containsString("auth proxy endpoint"));
        as("ivan", "IvanPass1").get("/api/v2.0/users/current").then().statusCode(200);
    }

    @Test
    @Order(8)
    void anEndpointBehindAnotherCaIsRefusedUnlessVerificationIsOff() throws Exception {
        proxy().passwords.put("jane", "JanePass1");
        admin().body(Map.of("http_authproxy_server_certificate", AuthProxyResource.ca.otherCaPem())).put(PATH).then().statusCode(200);
        as("jane", "JanePass1").get("/api/v2.0/users/current").then().statusCode(503).body("errors[0].message", containsString("TLS"));
        admin().body(Map.of("http_authproxy_server_certificate", "")).put(PATH).then().statusCode(200); // the JVM's CAs: no better
        as("jane", "JanePass1").get("/api/v2.0/users/current").then().statusCode(503).body("errors[0].message", containsString("TLS"));
        admin().body(Map.of("http_authproxy_verify_cert", false)).put(PATH).then().statusCode(200);
        as("jane", "JanePass1").get("/api/v2.0/users/current").then().statusCode(200);
        admin().body(settings()).put(PATH).then().statusCode(200);
    }

    @Test
    @Order(9)
    void skipSearchLetsAnAdministratorAddAMemberWhoNeverLoggedIn() {
        long project = Api.createProject(admin(), Api.unique("ap"), false);
        Map<String, Object> member = Map.of("role_id", 2, "member_user", Map.of("username", "Kate"));
        admin().body(member).post("/api/v2.0/projects/" + project + "/members").then().statusCode(404);
        admin().body(Map.of("http_authproxy_skip_search", true)).put(PATH).then().statusCode(200);
        admin().body(member).post("/api/v2.0/projects/" + project + "/members").then().statusCode(201);
        admin().queryParam("username", "kate").get("/api/v2.0/users/search").then().statusCode(200).body("[0].username", equalTo("kate"));
        admin().body(Map.of("role_id", 2, "member_user", Map.of("username", "bad$name"))).post("/api/v2.0/projects/" + project + "/members")
                .then().statusCode(404);
    }

    @Test
    @Order(9)
    void anHttpGroupThatIsAProjectMemberGivesItsRoleToTheUsersTheReviewPutsInIt() {
        String name = Api.unique("apg");
        long project = Api.createProject(admin(), name, false);
        String scope = "repository:" + name + "/app:pull,push";
        as("tokenreview$dave", "k8s-token-dave").queryParam("service", "berth-registry").queryParam("scope", scope).get("/service/token")
                .then().statusCode(200).body("scope", not(containsString("push")));
        admin().body(Map.of("role_id", 2, "member_group", Map.of("group_type", 2, "group_name", "devs")))
                .post("/api/v2.0/projects/" + project + "/members").then().statusCode(201);
        as("tokenreview$dave", "k8s-token-dave").queryParam("service", "berth-registry").queryParam("scope", scope).get("/service/token")
                .then().statusCode(200).body("scope", equalTo(scope));
        as("alice", "AlicePass1").queryParam("service", "berth-registry").queryParam("scope", scope).get("/service/token")
                .then().statusCode(200).body("scope", not(containsString("push")));
    }

    @Test
    @Order(10)
    void inHttpAuthModeUsersAreNotCreatedByHandAndTheModeStaysWhileTheyExist() {
        admin().body(Map.of("username", "handmade", "email", "h@berth.test", "password", "Passw0rdX", "realname", "H"))
                .post("/api/v2.0/users").then().statusCode(403).body("errors[0].message", containsString("http_auth"));
        admin().body(Map.of("auth_mode", "db_auth")).put(PATH).then().statusCode(400)
                .body("errors[0].message", containsString("users other than admin"));
    }

    private static int unusedPort() {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
