package io.berth.registry.api;

import static io.restassured.RestAssured.given;

import io.berth.registry.testing.Blobs;
import io.berth.registry.testing.RegistryTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code registry.auth: none} (local development): no token needed for anything. */
@QuarkusTest
@QuarkusTestResource(RegistryTestResource.class)
@TestProfile(AuthNoneTest.NoAuth.class)
class AuthNoneTest {
    public static class NoAuth implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("berth.registry.auth", "none");
        }
    }

    @Test
    void everythingIsAllowedWithoutAToken() {
        String repo = Blobs.repository("dev");
        given().get("/v2/").then().statusCode(200);
        given().queryParam("digest", Blobs.sha256("open")).body("open".getBytes()).post("/v2/" + repo + "/blobs/uploads/")
                .then().statusCode(201);
        given().get("/v2/" + repo + "/blobs/" + Blobs.sha256("open")).then().statusCode(200);
        given().get("/v2/_catalog").then().statusCode(200);
    }
}
