package io.berth.core.api;

import static io.berth.core.testing.Api.admin;
import static io.berth.core.testing.Api.anonymous;
import static io.berth.core.testing.Api.as;
import static io.berth.core.testing.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.berth.common.token.TokenKeys;
import io.berth.core.testing.Api;
import io.berth.core.testing.CoreTestResource;
import io.berth.core.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/** /service/token: who gets which actions on which repositories, in tokens the registry can verify. */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class TokenServiceTest {

    private static JwtClaims verify(String token) throws Exception {
        return Tokens.verify(token);
    }

    @SuppressWarnings("unchecked")
    private static List<String> granted(RequestSpecification as, String scope) throws Exception {
        JsonPath body = as.queryParam("service", "berth-registry").queryParam("scope", scope).get("/service/token")
                .then().statusCode(200).body("token", notNullValue()).body("access_token", notNullValue())
                .body("expires_in", equalTo(1800)).body("issued_at", notNullValue()).extract().jsonPath();
        assertThat(body.getString("token")).isEqualTo(body.getString("access_token"));
        List<Map<String, Object>> access = (List<Map<String, Object>>) verify(body.getString("token")).getClaimValue("access");
        return access.isEmpty() ? List.of() : (List<String>) access.get(0).get("actions");
    }

    @Test
    void anonymousCallersMayPullFromPublicProjectsOnly() throws Exception {
        assertThat(granted(anonymous(), "repository:library/nginx:pull,push")).containsExactly("pull");
        String hidden = unique("hidden");
        Api.createProject(admin(), hidden, false);
        assertThat(granted(anonymous(), "repository:" + hidden + "/app:pull")).isEmpty();
        assertThat(granted(anonymous(), "repository:no-such-project/app:pull")).isEmpty();
    }

    @Test
    void grantsFollowTheProjectRole() throws Exception {
        String project = unique("roles");
        long id = Api.createProject(admin(), project, false);
        String dev = unique("dev");
        String guest = unique("guest");
        String maintainer = unique("maint");
        String outsider = unique("out");
        for (String u : List.of(dev, guest, maintainer, outsider)) {
            Api.createUser(u, "Passw0rdT");
        }
        Api.addMember(id, dev, 2);
        Api.addMember(id, guest, 3);
        Api.addMember(id, maintainer, 4);
        String scope = "repository:" + project + "/app:pull,push,delete";
        assertThat(granted(as(dev, "Passw0rdT"), scope)).containsExactly("pull", "push");
        assertThat(granted(as(guest, "Passw0rdT"), scope)).containsExactly("pull");
        assertThat(granted(as(maintainer, "Passw0rdT"), scope)).containsExactly("pull", "push", "delete");
        assertThat(granted(as(outsider, "Passw0rdT"), scope)).isEmpty();
        assertThat(granted(admin(), scope)).containsExactly("pull", "push", "delete");
        assertThat(granted(admin(), "repository:" + project + "/app:*")).containsExactly("*");
    }

    @Test
    void theCatalogIsForSystemAdministrators() throws Exception {
        assertThat(granted(admin(), "registry:catalog:*")).containsExactly("*");
        assertThat(granted(anonymous(), "registry:catalog:*")).isEmpty();
    }

    @Test
    void tokensCarryTheStandardClaimsAndAKeyIdDistributionRecognises() throws Exception {
        String token = admin().queryParam("service", "berth-registry").queryParam("scope", "repository:library/a:pull")
                .queryParam("scope", "repository:library/b:push").get("/service/token").jsonPath().getString("token");
        JwtClaims claims = verify(token);
        assertThat(claims.getSubject()).isEqualTo("admin");
        assertThat(claims.getJwtId()).isNotBlank();
        assertThat(claims.getNotBefore()).isNotNull();
        assertThat(claims.getIssuedAt()).isNotNull();
        assertThat((List<?>) claims.getClaimValue("access")).hasSize(2);
        String kid = new org.jose4j.jws.JsonWebSignature() {{ setCompactSerialization(token); }}.getKeyIdHeaderValue();
        assertThat(kid).isEqualTo(TokenKeys.keyId(TokenKeys.readPublicKeys(CoreTestResource.DIR.resolve("token.crt")).get(0)));
        anonymous().get("/service/token/cert").then().statusCode(200).body(containsString("BEGIN CERTIFICATE"));
        anonymous().get("/service/token/jwks").then().statusCode(200).body("keys[0].kid", equalTo(kid));
    }

    @Test
    void wrongPasswordsAre401AndMalformedScopesOrServices400() {
        as("admin", "wrong").queryParam("scope", "repository:library/a:pull").get("/service/token").then().statusCode(401);
        admin().queryParam("scope", "garbage").get("/service/token").then().statusCode(400);
        admin().queryParam("service", "someone-else").get("/service/token").then().statusCode(400);
    }

    private static String address(int network) {
        return "10." + network + "." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);
    }

    @Test
    void guessesForAdminFromOneAddressDoNotLockTheRealAdminOutFromAnother() {
        String attacker = address(91);
        String owner = address(92);
        for (int i = 0; i < 10; i++) {
            int status = as("admin", "guess" + i).header("X-Forwarded-For", attacker).get("/service/token").then().extract().statusCode();
            assertThat(status).isEqualTo(i < 5 ? 401 : 429); // tests allow 5 failures (core.login_failures_per_account)
        }
        admin().header("X-Forwarded-For", attacker).get("/service/token").then().statusCode(429);
        admin().header("X-Forwarded-For", attacker).get("/api/v2.0/users/current").then().statusCode(429);
        admin().header("X-Forwarded-For", owner).get("/service/token").then().statusCode(200);
        admin().header("X-Forwarded-For", owner).get("/api/v2.0/users/current").then().statusCode(200).body("username", equalTo("admin"));
        anonymous().contentType("application/x-www-form-urlencoded").header("X-Forwarded-For", owner).formParam("principal", "admin")
                .formParam("password", CoreTestResource.ADMIN_PASSWORD).post("/c/login").then().statusCode(200);
        anonymous().contentType("application/x-www-form-urlencoded").header("X-Forwarded-For", attacker).formParam("principal", "admin")
                .formParam("password", CoreTestResource.ADMIN_PASSWORD).post("/c/login").then().statusCode(429);
    }

    @Test
    void guessesForOneAccountFromManyAddressesAreSlowedNeverRefused() {
        String user = unique("spread");
        Api.createUser(user, "Passw0rdM");
        for (int i = 0; i < 7; i++) {
            as(user, "guess" + i).header("X-Forwarded-For", address(93)).get("/service/token").then().statusCode(401);
        }
        as(user, "Passw0rdM").header("X-Forwarded-For", address(94)).get("/service/token").then().statusCode(200);
    }

    @Test
    void repeatedFailuresThrottleThatAccountFromThatAddressOnly() {
        String victim = unique("victim");
        String bystander = unique("bystander");
        Api.createUser(victim, "Passw0rdV");
        Api.createUser(bystander, "Passw0rdB");
        for (int i = 0; i < 5; i++) {
            as(victim, "guess" + i).get("/service/token").then().statusCode(401);
        }
        as(victim, "Passw0rdV").get("/service/token").then().statusCode(429).body("errors[0].code", equalTo("TOO_MANY_REQUESTS"));
        as(bystander, "Passw0rdB").get("/service/token").then().statusCode(200);
        admin().queryParam("q", "operation=login,username=" + victim).get("/api/v2.0/audit-logs").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.greaterThanOrEqualTo(5));
    }

    @Test
    void theAddressThrottledIsTheOneTheGatewaySawNotWhatTheClientClaims() {
        // the gateway appends the address it was connected from; what comes before it is the client's say
        String hop = "10.77." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);
        for (int i = 0; i < 100; i++) {
            as(unique("nobody"), "guess").header("X-Forwarded-For", "198.51.100." + i + ", " + hop)
                    .get("/service/token").then().statusCode(401);
        }
        String user = unique("someone");
        Api.createUser(user, "Passw0rdS");
        as(user, "Passw0rdS").header("X-Forwarded-For", "203.0.113.9, " + hop).get("/service/token").then().statusCode(429);
        as(user, "Passw0rdS").header("X-Forwarded-For", hop + ", 10.78.0.1").get("/service/token").then().statusCode(200);
    }

    @Test
    void theOAuth2FormIssuesRefreshTokensThatWork() throws Exception {
        String user = unique("oauth");
        Api.createUser(user, "Passw0rdH");
        JsonPath first = anonymous().contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
                .formParam("username", user).formParam("password", "Passw0rdH").formParam("service", "berth-registry")
                .formParam("scope", "repository:library/x:pull").formParam("access_type", "offline").formParam("client_id", "docker")
                .post("/service/token").then().statusCode(200).body("refresh_token", notNullValue()).extract().jsonPath();
        assertThat(verify(first.getString("access_token")).getSubject()).isEqualTo(user);
        JsonPath second = anonymous().contentType("application/x-www-form-urlencoded").formParam("grant_type", "refresh_token")
                .formParam("refresh_token", first.getString("refresh_token")).formParam("service", "berth-registry")
                .formParam("scope", "repository:library/x:pull").post("/service/token").then().statusCode(200).extract().jsonPath();
        assertThat(verify(second.getString("access_token")).getSubject()).isEqualTo(user);
        anonymous().contentType("application/x-www-form-urlencoded").formParam("grant_type", "refresh_token")
                .formParam("refresh_token", "forged").post("/service/token").then().statusCode(401);
        anonymous().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .post("/service/token").then().statusCode(400);
    }
}
