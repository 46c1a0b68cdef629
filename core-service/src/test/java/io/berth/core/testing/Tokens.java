package io.berth.core.testing;

import io.berth.common.token.TokenKeys;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/** Tokens of /service/token, verified with the test's token certificate as the registry verifies them. */
public final class Tokens {
    private Tokens() {}

    public static JwtClaims verify(String token) throws Exception {
        PublicKey key = TokenKeys.readPublicKeys(CoreTestResource.DIR.resolve("token.crt")).get(0);
        return new JwtConsumerBuilder().setVerificationKey(key).setExpectedIssuer("berth-token-service")
                .setExpectedAudience("berth-registry").setRequireExpirationTime().build().processToClaims(token);
    }

    /** The actions a token for {@code scope} grants on its one repository. */
    @SuppressWarnings("unchecked")
    public static List<String> granted(RequestSpecification as, String scope) throws Exception {
        JsonPath body = as.queryParam("service", "berth-registry").queryParam("scope", scope).get("/service/token")
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> access = (List<Map<String, Object>>) verify(body.getString("token")).getClaimValue("access");
        return access.isEmpty() ? List.of() : (List<String>) access.get(0).get("actions");
    }
}
