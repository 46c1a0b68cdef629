package io.berth.core.oidc;

import static io.berth.core.testing.Api.admin;
import static io.berth.core.testing.Api.anonymous;
import static io.berth.core.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.berth.core.oidc.OidcBrowser.OidcLoginResourceCookies;
import io.berth.core.testing.CoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.http.Ssl;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * oidc_auth against a real OpenID provider started by the test ({@link OidcProviderResource}), on a database of its
 * own (only admin exists, so auth_mode may change): the browser's authorization code flow with PKCE, state and nonce
 * driven by HTTP, onboarding with and without a name prompt, oidc_admin_group, CLI secrets at the token service with
 * the refresh of the provider session, and every kind of bad ID token or callback refused with a clear error and an
 * audit entry.
 */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
@QuarkusTestResource(value = OidcProviderResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OidcLoginTest {
    private static final String CONFIG = "/api/v2.0/configurations";
    private static final String CLIENT_ID = "berth-portal";
    private static final String CLIENT_SECRET = "berth-client-Secret-1";

    @Inject
    AgroalDataSource db;

    @Test
    @Order(1)
    void switchingToOidcThroughTheApiChecksEveryKeyAndKeepsTheClientSecretOutOfAnswers() {
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("oidc_scope", "profile,email"), Map.of("oidc_scope", "openid,a b"),
                Map.of("oidc_endpoint", "ftp://idp.example"), Map.of("oidc_endpoint", "https://idp.example/?tenant=1"),
                Map.of("oidc_group_filter", "(unclosed"), Map.of("oidc_groups_claim", "groups claim"), Map.of("oidc_auto_onboard", "yes"),
                Map.of("oidc_logout", true), Map.of("auth_mode", "uaa_auth"))) {
            Map<String, Object> body = new LinkedHashMap<>(Map.of("oidc_name", "half-applied"));
            body.putAll(bad);
            admin().body(body).put(CONFIG).then().statusCode(400).body("errors[0].code", equalTo("BAD_REQUEST"));
        }
        admin().get(CONFIG).then().body("oidc_name.value", equalTo(""));
        admin().body(Map.of("auth_mode", "oidc_auth", "oidc_name", "Test IdP", "oidc_endpoint", OidcProviderResource.issuer(),
                "oidc_client_id", CLIENT_ID, "oidc_client_secret", CLIENT_SECRET, "oidc_scope", "openid,profile,email,offline_access",
                "oidc_verify_cert", true)).put(CONFIG).then().statusCode(200);
        String shown = admin().get(CONFIG).then().statusCode(200).body("auth_mode.value", equalTo("oidc_auth"))
                .body("oidc_endpoint.value", equalTo(OidcProviderResource.issuer())).body("oidc_auto_onboard.value", equalTo(false))
                .body("$", not(hasKey("oidc_client_secret"))).extract().asString();
        assertThat(shown).doesNotContain(CLIENT_SECRET);
        anonymous().get("/api/v2.0/systeminfo").then().body("auth_mode", equalTo("oidc_auth"));
    }

    @Test
    @Order(2)
    void aNewUserIsAskedForANameThenGetsAPortalSessionAndACliSecret() {
        Response callback = OidcBrowser.login("alice-sub", "{\"name\": \"Alice Liddell\", \"email\": \"alice@berth.test\"}");
        assertThat(callback.statusCode()).as(callback.asString()).isEqualTo(302);
        assertThat(callback.header("Location")).isEqualTo("/oidc-onboard?username=Alice_Liddell");
        String ticket = callback.cookie(OidcLoginResourceCookies.ONBOARDING);
        assertThat(callback.cookie(OidcLoginResourceCookies.SESSION)).isNull();

        for (String refused : List.of("ali:ce", "ali ce", "robot$alice", "a,b", "")) {
            onboard(ticket, refused).then().statusCode(400).body("errors[0].code", equalTo("BAD_REQUEST"));
        }
        onboard(ticket, "admin").then().statusCode(409).body("errors[0].message", containsString("already exists"));
        onboard("forged-ticket", "alice").then().statusCode(400).body("errors[0].message", containsString("log in again"));
        admin().queryParam("username", "alice").get("/api/v2.0/users/search").then().body("$", org.hamcrest.Matchers.hasSize(0));

        Response onboarded = onboard(ticket, "alice");
        onboarded.then().statusCode(200);
        String sid = onboarded.cookie(OidcLoginResourceCookies.SESSION);
        Map<String, Object> me = given().cookie(OidcLoginResourceCookies.SESSION, sid).get("/api/v2.0/users/current").then().statusCode(200)
                .body("username", equalTo("alice")).body("email", equalTo("alice@berth.test")).body("realname", equalTo("Alice Liddell"))
                .body("sysadmin_flag", equalTo(false)).body("oidc_user_meta.subiss", equalTo("alice-sub" + OidcProviderResource.issuer()))
                .extract().jsonPath().getMap("$");
        @SuppressWarnings("unchecked")
        String secret = (String) ((Map<String, Object>) me.get("oidc_user_meta")).get("secret");
        assertThat(secret).hasSize(32);
        long id = ((Number) me.get("user_id")).longValue();
        admin().get("/api/v2.0/users/" + id).then().statusCode(200).body("oidc_user_meta.subiss", startsWith("alice-sub"))
                .body("oidc_user_meta", not(hasKey("secret")));
        onboard(ticket, "alice2").then().statusCode(400); // the ticket is used up

        Response again = OidcBrowser.login("alice-sub", "{\"name\": \"Alice Liddell\"}");
        again.then().statusCode(302).header("Location", equalTo("/"));
        given().cookie(OidcLoginResourceCookies.SESSION, again.cookie(OidcLoginResourceCookies.SESSION)).get("/api/v2.0/users/current")
                .then().statusCode(200).body("user_id", equalTo((int) id));
        admin().queryParam("q", "operation=create,username=alice").get("/api/v2.0/audit-logs").then().statusCode(200)
                .body("[0].result", containsString("onboarded from OIDC"));
    }

    @Test
    @Order(3)
    void autoOnboardingTakesTheUserClaimAndTheAdminGroupMakesASystemAdministrator() {
        admin().body(Map.of("oidc_auto_onboard", true, "oidc_user_claim", "preferred_username", "oidc_groups_claim", "groups",
                "oidc_admin_group", "berth-admins", "oidc_group_filter", "berth-.*")).put(CONFIG).then().statusCode(200);
        Response bob = OidcBrowser.login("bob-sub", "{\"preferred_username\": \"bob\", \"groups\": [\"berth-admins\", \"dev\"]}");
        bob.then().statusCode(302).header("Location", equalTo("/"));
        String sid = bob.cookie(OidcLoginResourceCookies.SESSION);
        given().cookie(OidcLoginResourceCookies.SESSION, sid).get("/api/v2.0/users/current").then().statusCode(200)
                .body("username", equalTo("bob")).body("sysadmin_flag", equalTo(false)).body("admin_role_in_auth", equalTo(true));
        given().cookie(OidcLoginResourceCookies.SESSION, sid).get(CONFIG).then().statusCode(200);

        Response carol = OidcBrowser.login("carol-sub", "{\"preferred_username\": \"carol\", \"groups\": [\"dev\"]}");
        given().cookie(OidcLoginResourceCookies.SESSION, carol.cookie(OidcLoginResourceCookies.SESSION)).get(CONFIG).then().statusCode(403);
        // oidc_group_filter drops the groups it does not match, the admin group too
        admin().body(Map.of("oidc_group_filter", "dev")).put(CONFIG).then().statusCode(200);
        Response frank = OidcBrowser.login("frank-sub", "{\"preferred_username\": \"frank\", \"groups\": [\"berth-admins\", \"dev\"]}");
        given().cookie(OidcLoginResourceCookies.SESSION, frank.cookie(OidcLoginResourceCookies.SESSION)).get(CONFIG).then().statusCode(403);
        admin().body(Map.of("oidc_group_filter", "")).put(CONFIG).then().statusCode(200);

        // the user claim missing: even with auto-onboarding, the user is asked for a name
        OidcBrowser.login("dave-sub", "{\"groups\": []}").then().statusCode(302).header("Location", equalTo("/oidc-onboard"));
        // a name taken by another user is never linked to that user
        OidcBrowser.login("evil-sub", "{\"preferred_username\": \"alice\"}").then().statusCode(409)
                .body("errors[0].message", containsString("already exists"));
    }

    @Test
    @Order(4)
    void theCliSecretLogsInAtTheTokenServiceAndTheUserCanReplaceIt() {
        long id = userId("alice");
        String secret = secretOf("alice");
        token("alice", secret).then().statusCode(200).body("token", startsWith("ey"));
        token("alice", "wrong-" + secret).then().statusCode(401);
        token("alice", "").then().statusCode(401);
        as("alice", secret).get("/api/v2.0/users/current").then().statusCode(200).body("username", equalTo("alice"));

        as("alice", secret).body(Map.of("secret", "weak")).put("/api/v2.0/users/" + id + "/cli_secret").then().statusCode(400)
                .body("errors[0].message", containsString("CLI secret"));
        as("alice", secret).body(Map.of()).put("/api/v2.0/users/" + id + "/cli_secret").then().statusCode(400);
        token("carol", secretOf("carol")).then().statusCode(200);
        as("carol", secretOf("carol")).body(Map.of("secret", "Chosen0Secret")).put("/api/v2.0/users/" + id + "/cli_secret").then()
                .statusCode(403);
        token("alice", secret).then().statusCode(200); // nothing changed

        as("alice", secret).body(Map.of("secret", "Chosen0Secret")).put("/api/v2.0/users/" + id + "/cli_secret").then().statusCode(200);
        token("alice", secret).then().statusCode(401);
        token("alice", "Chosen0Secret").then().statusCode(200);
        assertThat(secretOf("alice")).isEqualTo("Chosen0Secret");
        admin().body(Map.of("secret", "Admin0Chosen")).put("/api/v2.0/users/" + userId("admin") + "/cli_secret").then().statusCode(404);
    }

    @Test
    @Order(5)
    void usingTheCliSecretRefreshesTheProviderSessionAtMostEveryIntervalAndADisabledUserLosesAccess() throws SQLException {
        String secret = secretOf("bob");
        int before = OidcProviderResource.nextTokenAnswer.refreshes.get();
        token("bob", secret).then().statusCode(200);
        assertThat(OidcProviderResource.nextTokenAnswer.refreshes.get()).as("confirmed at login, no refresh yet").isEqualTo(before);

        ageSession("bob");
        token("bob", secret).then().statusCode(200);
        token("bob", secret).then().statusCode(200);
        assertThat(OidcProviderResource.nextTokenAnswer.refreshes.get()).as("one refresh for two uses").isEqualTo(before + 1);
        as("bob", secret).get(CONFIG).then().statusCode(200); // still in berth-admins after the refresh

        ageSession("bob");
        OidcProviderResource.nextTokenAnswer.arm(400, "{\"error\": \"invalid_grant\", \"error_description\": \"Account disabled\"}");
        token("bob", secret).then().statusCode(401).body("errors[0].message", containsString("refused to refresh"))
                .body("errors[0].message", containsString("Account disabled"));
        admin().queryParam("q", "operation=login,username=bob").get("/api/v2.0/audit-logs").then().statusCode(200)
                .body("[0].result", containsString("Account disabled"));
    }

    @Test
    @Order(6)
    void badIdTokensAreRefusedWithAClearErrorAndAnAuditEntry() throws Exception {
        String iss = OidcProviderResource.issuer();
        long past = NumericDate.now().getValue() - 3600;
        Map<String, String> providerSigned = new LinkedHashMap<>();
        providerSigned.put("{\"iss\": \"https://evil.example\", \"preferred_username\": \"mallory\"}", "issuer (iss)");
        providerSigned.put("{\"aud\": \"another-client\", \"preferred_username\": \"mallory\"}", "audience (aud)");
        providerSigned.put("{\"exp\": " + past + ", \"iat\": " + (past - 60) + ", \"nbf\": " + (past - 60) + ", \"preferred_username\": \"mallory\"}",
                "expired");
        providerSigned.put("{\"nonce\": \"forged\", \"preferred_username\": \"mallory\"}", "nonce");
        List<String> tooMany = IntStream.range(0, IdTokenVerifier.MAX_GROUPS + 1).mapToObj(i -> "\"g" + i + "\"").toList();
        providerSigned.put("{\"preferred_username\": \"mallory\", \"groups\": [" + String.join(",", tooMany) + "]}", "at most 256");
        providerSigned.put("{\"preferred_username\": \"mallory\", \"groups\": [\"" + "x".repeat(300) + "\"]}", "longer than 255");
        providerSigned.put("{\"preferred_username\": \"mallory\", \"groups\": \"berth-admins\"}", "not a list");
        for (Map.Entry<String, String> bad : providerSigned.entrySet()) {
            refused(OidcBrowser.login("mallory-sub", bad.getKey()), bad.getValue());
        }

        RsaJsonWebKey stranger = RsaJwkGenerator.generateJwk(2048);
        stranger.setKeyId("not-in-the-jwks");
        Map<String, String> handMade = new LinkedHashMap<>();
        handMade.put(unsigned(claims(iss)), "algorithm");
        handMade.put(hmacWithThePublicKey(claims(iss)), "algorithm");
        handMade.put(sign(claims(iss), stranger), "no key of the provider's JWKS");
        JwtClaims withoutNonce = claims(iss);
        withoutNonce.unsetClaim("nonce");
        handMade.put(sign(withoutNonce, providerKey()), "no nonce");
        for (Map.Entry<String, String> bad : handMade.entrySet()) {
            OidcBrowser.Callback callback = OidcBrowser.atProvider("mallory-sub", "{}");
            OidcProviderResource.nextTokenAnswer.armIdToken(bad.getKey());
            refused(OidcBrowser.toBerth(callback), bad.getValue());
        }
        admin().queryParam("username", "mallory").get("/api/v2.0/users/search").then().body("$", org.hamcrest.Matchers.hasSize(0));
    }

    @Test
    @Order(7)
    void aReplayedForgedOrRefusedCallbackLogsNobodyIn() {
        OidcBrowser.Callback callback = OidcBrowser.atProvider("bob-sub", "{\"preferred_username\": \"bob\"}");
        OidcBrowser.toBerth(new OidcBrowser.Callback(callback.pathAndQuery(), "another-browsers-state")).then().statusCode(400)
                .body("errors[0].message", containsString("not the one this browser's login started with"));
        OidcBrowser.toBerth(callback).then().statusCode(302);
        OidcBrowser.toBerth(callback).then().statusCode(400).body("errors[0].message", containsString("already used"));
        admin().queryParam("q", "operation=login,username=oidc").get("/api/v2.0/audit-logs").then().statusCode(200)
                .body("[0].result", containsString("already used"));

        Response start = given().redirects().follow(false).get("/c/oidc/login");
        String state = start.cookie(OidcLoginResourceCookies.STATE);
        given().redirects().follow(false).cookie(OidcLoginResourceCookies.STATE, state).queryParam("state", state)
                .queryParam("error", "access_denied").queryParam("error_description", "the user said no").get("/c/oidc/callback").then()
                .statusCode(401).body("errors[0].message", containsString("the user said no"));
        given().redirects().follow(false).get("/c/oidc/callback").then().statusCode(400).body("errors[0].message", containsString("no state"));
    }

    @Test
    @Order(8)
    void aRotatedProviderKeyIsFetchedOnItsFirstUse() throws InterruptedException {
        OidcProviderResource.keys.rotate();
        Thread.sleep(1100); // Berth fetches the JWKS again for an unknown kid at most once a second (the previous test just did)
        Response bob = OidcBrowser.login("bob-sub", "{\"preferred_username\": \"bob\", \"groups\": [\"berth-admins\"]}");
        bob.then().statusCode(302).header("Location", equalTo("/"));
        assertThat(bob.cookie(OidcLoginResourceCookies.SESSION)).isNotBlank();
    }

    @Test
    @Order(9)
    void theGroupsClaimMakesTheUserAMemberOfOidcUserGroupsWhoseProjectRolesApply() throws Exception {
        long projectId = io.berth.core.testing.Api.createProject(admin(), "oidc-groups", false);
        admin().body(Map.of("role_id", 2, "member_group", Map.of("group_name", "berth-devs", "group_type", 3)))
                .post("/api/v2.0/projects/" + projectId + "/members").then().statusCode(201);
        String scope = "repository:oidc-groups/app:pull,push";
        String secret = secretOf("alice"); // logs in without groups
        assertThat(io.berth.core.testing.Tokens.granted(as("alice", secret), scope)).isEmpty();

        OidcBrowser.login("alice-sub", "{\"groups\": [\"berth-devs\", \"berth-new\"]}").then().statusCode(302);
        assertThat(io.berth.core.testing.Tokens.granted(as("alice", secret), scope)).containsExactlyInAnyOrder("pull", "push");
        admin().get("/api/v2.0/usergroups").then().statusCode(200).body("find { it.group_name == 'berth-new' }.group_type", equalTo(3));

        OidcBrowser.login("alice-sub", "{\"groups\": [\"berth-new\"]}").then().statusCode(302); // left berth-devs at the provider
        assertThat(io.berth.core.testing.Tokens.granted(as("alice", secret), scope)).isEmpty();
    }

    @Test
    @Order(10)
    void theAdminStillLogsInWithTheDatabasePasswordAndOidcOnlyWorksInOidcMode() {
        admin().get("/api/v2.0/users/current").then().statusCode(200).body("username", equalTo("admin"))
                .body("oidc_user_meta", nullValue());
        token("admin", CoreTestResource.ADMIN_PASSWORD).then().statusCode(200);
        admin().body(Map.of("auth_mode", "db_auth")).put(CONFIG).then().statusCode(400)
                .body("errors[0].message", containsString("users other than admin"));
    }

    private static void refused(Response callback, String why) {
        callback.then().statusCode(401).body("errors[0].code", equalTo("UNAUTHORIZED")).body("errors[0].message", containsString(why));
        assertThat(callback.cookie(OidcLoginResourceCookies.SESSION)).isNull();
        admin().queryParam("q", "operation=login,username=oidc").get("/api/v2.0/audit-logs").then().statusCode(200)
                .body("[0].result", containsString(why));
    }

    private static Response onboard(String ticket, String username) {
        return given().contentType(ContentType.JSON).cookie(OidcLoginResourceCookies.ONBOARDING, ticket).body(Map.of("username", username))
                .post("/c/oidc/onboard");
    }

    private static Response token(String user, String secret) {
        return as(user, secret).queryParam("service", "berth-registry").queryParam("scope", "repository:library/app:pull")
                .get("/service/token");
    }

    private static long userId(String name) {
        return admin().queryParam("username", name).get("/api/v2.0/users/search").then().statusCode(200).extract().jsonPath()
                .getLong("find { it.username == '" + name + "' }.user_id");
    }

    /** The user's CLI secret as they see it themselves (through a fresh portal login). */
    private static String secretOf(String name) {
        Response login = OidcBrowser.login(name + "-sub", "{\"preferred_username\": \"" + name + "\", \"name\": \"" + name + "\""
                + ("bob".equals(name) ? ", \"groups\": [\"berth-admins\"]" : "") + "}");
        return given().cookie(OidcLoginResourceCookies.SESSION, login.cookie(OidcLoginResourceCookies.SESSION)).get("/api/v2.0/users/current")
                .then().statusCode(200).extract().path("oidc_user_meta.secret");
    }

    /** Moves the provider's last confirmation of the user's session an hour back, past core.oidc_refresh_interval. */
    private void ageSession(String name) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("UPDATE core.oidc_user SET refreshed_at = "
                + "refreshed_at - interval '1 hour' WHERE user_id = (SELECT id FROM core.users WHERE username = ?)")) {
            st.setString(1, name);
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
    }

    private static JwtClaims claims(String issuer) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(CLIENT_ID);
        claims.setSubject("mallory-sub");
        claims.setClaim("preferred_username", "mallory");
        claims.setClaim("nonce", "whatever");
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(10);
        return claims;
    }

    private static String unsigned(JwtClaims claims) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        return jws.getCompactSerialization();
    }

    /** The classic confusion: HS256 whose HMAC key is the provider's public key, which anyone can read from its JWKS. */
    private static String hmacWithThePublicKey(JwtClaims claims) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKeyIdHeaderValue(OidcProviderResource.keys.current().getKeyID());
        jws.setKey(new HmacKey(OidcProviderResource.keys.current().toRSAPublicKey().getEncoded()));
        jws.setDoKeyValidation(false);
        return jws.getCompactSerialization();
    }

    private static RsaJsonWebKey providerKey() throws Exception {
        RsaJsonWebKey key = (RsaJsonWebKey) org.jose4j.jwk.JsonWebKey.Factory.newJwk(OidcProviderResource.keys.current().toJSONString());
        key.setKeyId(OidcProviderResource.keys.current().getKeyID());
        return key;
    }

    private static String sign(JwtClaims claims, RsaJsonWebKey key) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setKey(key.getPrivateKey());
        return jws.getCompactSerialization();
    }

    @Test
    @Order(11)
    void anHttpsProviderWithAnUntrustedCertificateIsRefusedUnlessOidcVerifyCertIsOff() {
        MockOAuth2Server tls = new MockOAuth2Server(new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(),
                java.util.Set.of(), new MockWebServerWrapper(new Ssl())));
        tls.start(0);
        try {
            String endpoint = tls.issuerUrl("tls").toString();
            assertThat(endpoint).startsWith("https://");
            admin().body(Map.of("oidc_endpoint", endpoint, "oidc_verify_cert", true)).put(CONFIG).then().statusCode(200);
            given().redirects().follow(false).get("/c/oidc/login").then().statusCode(503)
                    .body("errors[0].message", containsString("the OIDC provider cannot be used"));
            admin().body(Map.of("oidc_verify_cert", false)).put(CONFIG).then().statusCode(200);
            given().redirects().follow(false).get("/c/oidc/login").then().statusCode(302)
                    .header("Location", startsWith(endpoint + "/authorize?"));
        } finally {
            tls.shutdown();
        }
    }
}
