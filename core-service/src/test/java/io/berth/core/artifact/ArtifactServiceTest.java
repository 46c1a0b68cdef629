package io.berth.core.artifact;

import static io.berth.core.testing.Answers.status;
import static io.berth.core.testing.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.api.Paging;
import io.berth.core.identity.Caller;
import io.berth.core.project.Project;
import io.berth.core.rbac.Action;
import io.berth.core.rbac.Role;
import io.berth.core.testing.Callers;
import io.berth.core.testing.CoreTestResource;
import io.berth.core.testing.RegistryRows;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Finding repositories and artifacts the caller may act on, as every feature on artifacts does, and listing them. */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class ArtifactServiceTest {
    static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String IMAGE = "sha256:" + "9".repeat(64);
    static final String OTHER = "sha256:" + "8".repeat(64);

    @Inject
    ArtifactService artifacts;

    @Test
    void anArtifactIsFoundByTagOrDigestInARepositoryNamedWithoutItsProject() throws Exception {
        Caller guest = Callers.user(unique("guest"));
        Caller stranger = Callers.user(unique("stranger"));
        Project project = Callers.project(unique("found"), false, Map.of(guest, Role.GUEST));
        String repository = project.name + "/team/app";
        RegistryRows.manifest(repository, IMAGE, MANIFEST, "{\"schemaVersion\":2}", 10);
        RegistryRows.manifest(repository, OTHER, MANIFEST, "{\"schemaVersion\":2}", 20);
        RegistryRows.tag(repository, "v1", IMAGE);

        Callers.actAs(guest);
        assertThat(artifacts.repository(project.name, "team%2Fapp", Action.PULL).name()).isEqualTo(repository);
        assertThat(artifacts.artifact(project.name, "team%2Fapp", "v1", Action.PULL).digest()).isEqualTo(IMAGE);
        assertThat(artifacts.artifact(project.name, "team%2Fapp", OTHER, Action.PULL).size()).isEqualTo(20);
        assertThat(status(() -> artifacts.artifact(project.name, "team%2Fapp", "v2", Action.PULL))).isEqualTo(404);
        assertThat(status(() -> artifacts.repository(project.name, "nothing", Action.PULL))).isEqualTo(404);
        assertThat(status(() -> artifacts.artifact(project.name, "team%2Fapp", "v1", Action.DELETE_ARTIFACT))).isEqualTo(403);
        Callers.actAs(stranger);
        assertThat(status(() -> artifacts.artifact(project.name, "team%2Fapp", "v1", Action.PULL))).isEqualTo(404);

        Callers.actAs(guest);
        var repositoryRow = artifacts.repository(project.name, "team%2Fapp", Action.PULL);
        assertThat(artifacts.list(repositoryRow, "tags=nil", null, true, Paging.of(1, 10)).items()).extracting(ArtifactView::digest)
                .containsExactly(OTHER);
        assertThat(artifacts.list(repositoryRow, null, "size", false, Paging.of(1, 10)).items()).extracting(ArtifactView::digest)
                .containsExactly(IMAGE, OTHER);
        assertThat(artifacts.describe(artifacts.artifact(project.name, "team%2Fapp", "v1", Action.PULL), true).tags())
                .extracting(ArtifactView.TagView::name).containsExactly("v1");
        assertThat(status(() -> ArtifactService.checkTagName(".bad"))).isEqualTo(400);
    }

    @Test
    void repositoriesEverywhereAreThoseOfProjectsTheCallerMayPullFrom() throws Exception {
        Caller developer = Callers.user(unique("dev"));
        String prefix = unique("rep");
        Project readable = Callers.project(prefix + "-in", false, Map.of(developer, Role.DEVELOPER));
        Project unreadable = Callers.project(prefix + "-out", false, Map.of());
        RegistryRows.repositoryWithManifest(readable.name + "/a");
        RegistryRows.repositoryWithManifest(unreadable.name + "/b");
        Callers.actAs(developer);
        assertThat(artifacts.allRepositories("name=~" + prefix, null, Paging.of(1, 10)).items()).extracting(RepositoryView::name)
                .containsExactly(readable.name + "/a");
        Callers.actAs(Callers.admin());
        assertThat(artifacts.allRepositories("name=~" + prefix, "name", Paging.of(1, 10)).items()).extracting(RepositoryView::name)
                .containsExactly(readable.name + "/a", unreadable.name + "/b");
        assertThat(artifacts.repositories(unreadable, null, null, Paging.of(1, 10)).total()).isEqualTo(1);
    }
}
