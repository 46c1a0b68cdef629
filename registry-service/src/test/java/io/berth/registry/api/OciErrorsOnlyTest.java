package io.berth.registry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.berth.registry.testing.Blobs;
import io.berth.registry.testing.RegistryClient;
import io.berth.registry.testing.RegistryTestResource;
import io.berth.registry.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * /v2/ answers OCI's errors, never Harbor's, although Harbor's mapper (service-support's {@code
 * HarborExceptionMapper}) is on registry-service's class path: core-service and jobservice each register it
 * with a {@code @Provider} subclass of their own, and registry-service, whose routes are Vert.x routes, has no
 * JAX-RS server for any exception mapper to join.
 */
@QuarkusTest
@QuarkusTestResource(RegistryTestResource.class)
class OciErrorsOnlyTest {
    private static final String HARBORS_MAPPER = "io/berth/service/http/HarborExceptionMapper.class";

    @Test
    void failuresHarborsMapperWouldAnswerOtherwiseAreOciErrors() {
        String repo = Blobs.repository("library");
        // Harbor's mapper: 404 NOT_FOUND, 400 BAD_REQUEST "malformed JSON", 401 without a challenge
        RegistryClient.request(Tokens.bearer(repo, "pull")).get("/v2/" + repo + "/manifests/latest").then().statusCode(404)
                .body("errors[0].code", equalTo("MANIFEST_UNKNOWN"));
        RegistryClient.request(Tokens.pushPull(repo)).contentType("application/vnd.oci.image.manifest.v1+json").body("{")
                .put("/v2/" + repo + "/manifests/latest").then().statusCode(400).body("errors[0].code", equalTo("MANIFEST_INVALID"));
        RegistryClient.request(null).get("/v2/" + repo + "/tags/list").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer realm=")).body("errors[0].code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void harborsMapperIsPresentButHasNoJaxRsServerToJoin() {
        ClassLoader app = Thread.currentThread().getContextClassLoader();
        assertThat(app.getResource(HARBORS_MAPPER)).as("service-support's mapper on the class path").isNotNull();
        assertThat(app.getResource("org/jboss/resteasy/reactive/server/core/Deployment.class")).as("Quarkus REST's server").isNull();
        assertThat(app.getResource("jakarta/ws/rs/ext/ExceptionMapper.class")).as("JAX-RS itself").isNull();
    }
}
