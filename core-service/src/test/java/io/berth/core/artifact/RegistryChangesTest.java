package io.berth.core.artifact;

import static io.berth.core.testing.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.berth.common.config.TokenConfig;
import io.berth.common.error.HarborException;
import io.berth.common.scope.Scope;
import io.berth.common.token.TokenKeys;
import io.berth.common.token.TokenVerifier;
import io.berth.core.identity.Caller;
import io.berth.core.project.Project;
import io.berth.core.rbac.Action;
import io.berth.core.rbac.Role;
import io.berth.core.testing.Callers;
import io.berth.core.testing.CoreTestResource;
import io.berth.core.testing.RegistryRows;
import io.berth.core.testing.StubRegistry;
import io.berth.core.views.RegistryViews.ArtifactRow;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deleting and tagging artifacts goes through registry-service's {@code /v2/} (here a stub that records what
 * core sends): one request, in the caller's name with a token for exactly the access the change needs, and
 * registry-service's refusals answered as Harbor's errors.
 */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
@TestProfile(RegistryChangesTest.WithStubRegistry.class)
class RegistryChangesTest {
    static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String CONTENT = "{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST + "\"}";
    static final String IMAGE = "sha256:" + "7".repeat(64);

    public static class WithStubRegistry implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("berth.registry.url", StubRegistry.get().url());
        }
    }

    @Inject
    ArtifactService artifacts;
    @Inject
    TokenConfig config;

    final StubRegistry registry = StubRegistry.get();
    Caller maintainer;
    String repository;
    ArtifactRow artifact;

    @BeforeEach
    void anArtifactTaggedV1() throws Exception {
        maintainer = Callers.user(unique("maint"));
        Project project = Callers.project(unique("changes"), false, Map.of(maintainer, Role.MAINTAINER));
        repository = project.name + "/app";
        RegistryRows.manifest(repository, IMAGE, MANIFEST, CONTENT, 10);
        RegistryRows.tag(repository, "v1", IMAGE);
        Callers.actAs(maintainer);
        artifact = artifacts.artifact(project.name, "app", "v1", Action.DELETE_ARTIFACT);
        registry.take();
    }

    @Test
    void deletingAnArtifactDeletesItsManifestByDigestWithADeleteToken() throws Exception {
        artifacts.delete(artifact);
        List<StubRegistry.Request> sent = registry.take();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).method()).isEqualTo("DELETE");
        assertThat(sent.get(0).path()).isEqualTo("/v2/" + repository + "/manifests/" + IMAGE);
        assertSignedFor(sent.get(0), "delete");
    }

    @Test
    void untaggingDeletesTheTagAloneWithADeleteToken() throws Exception {
        artifacts.deleteTag(artifact, "v1");
        List<StubRegistry.Request> sent = registry.take();
        assertThat(sent).extracting(StubRegistry.Request::method, StubRegistry.Request::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("DELETE", "/v2/" + repository + "/manifests/v1"));
        assertSignedFor(sent.get(0), "delete");
    }

    @Test
    void taggingPutsTheManifestsExactBytesUnderTheTagWithAPushToken() throws Exception {
        registry.answer(201, "");
        artifacts.addTag(artifact, "v2");
        List<StubRegistry.Request> sent = registry.take();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).method()).isEqualTo("PUT");
        assertThat(sent.get(0).path()).isEqualTo("/v2/" + repository + "/manifests/v2");
        assertThat(sent.get(0).contentType()).isEqualTo(MANIFEST);
        assertThat(new String(sent.get(0).body(), StandardCharsets.UTF_8)).isEqualTo(CONTENT);
        assertSignedFor(sent.get(0), "pull", "push");
    }

    @Test
    void registryRefusalsAreHarborErrorsAndNoneIsTriedAgain() {
        String what = "delete " + repository + ":" + IMAGE;
        assertRefusal(404, "", () -> artifacts.delete(artifact), 404, "NOT_FOUND", what + ": not found");
        assertRefusal(409, oci("DENIED", "an index lists it"), () -> artifacts.delete(artifact), 409, "CONFLICT",
                what + ": an index lists it");
        assertRefusal(412, oci("PRECONDITION", "Failed to process request due to '" + repository + ":v1' configured as immutable"),
                () -> artifacts.deleteTag(artifact, "v1"), 412, "PRECONDITION",
                "delete " + repository + ":v1: Failed to process request due to '" + repository + ":v1' configured as immutable");
        assertRefusal(400, oci("TAG_INVALID", "no such tag name"), () -> artifacts.addTag(artifact, "v3"), 400, "BAD_REQUEST",
                "tag " + repository + ":v3: no such tag name");
        assertRefusal(400, "not json", () -> artifacts.deleteTag(artifact, "v1"), 400, "BAD_REQUEST",
                "delete " + repository + ":v1: not json");
        assertRefusal(500, oci("UNKNOWN", "internal error"), () -> artifacts.delete(artifact), 500, "UNKNOWN",
                "registry-service refused to " + what);
        assertRefusal(503, oci("UNAVAILABLE", "metadata database is unavailable"), () -> artifacts.addTag(artifact, "v3"), 500,
                "UNKNOWN", "registry-service refused to tag " + repository + ":v3");
    }

    private void assertRefusal(int registryStatus, String registryBody, Runnable change, int status, String code, String message) {
        registry.answer(registryStatus, registryBody);
        HarborException refused = catchThrowableOfType(HarborException.class, change::run);
        assertThat(refused).as("registry-service answering %d", registryStatus).isNotNull();
        assertThat(List.of(refused.status(), refused.code(), refused.getMessage())).containsExactly(status, code, message);
        assertThat(registry.take()).as("requests for a %d", registryStatus).hasSize(1);
    }

    /** The request carries a token of core's key for registry-service, in the maintainer's name, for exactly these actions on the repository. */
    private void assertSignedFor(StubRegistry.Request request, String... actions) throws Exception {
        assertThat(request.authorization()).startsWith("Bearer ");
        TokenVerifier verifier = new TokenVerifier(config.issuer(), config.service(),
                TokenKeys.readPublicKeys(Path.of(config.certificate())), 0);
        TokenVerifier.Verified token = verifier.verify(request.authorization().substring(7));
        assertThat(token.subject()).isEqualTo(maintainer.name());
        assertThat(token.access()).containsExactly(Scope.repository(repository, actions));
    }

    private static String oci(String code, String message) {
        return "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"detail\":null}]}";
    }
}
