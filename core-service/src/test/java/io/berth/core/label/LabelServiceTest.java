package io.berth.core.label;

import static io.berth.core.testing.Answers.status;
import static io.berth.core.testing.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.api.Paging;
import io.berth.core.identity.Caller;
import io.berth.core.label.LabelService.LabelRequest;
import io.berth.core.project.Project;
import io.berth.core.rbac.Role;
import io.berth.core.testing.Callers;
import io.berth.core.testing.CoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Labels: who may see and manage which, and which artifacts may carry them. */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class LabelServiceTest {
    @Inject
    LabelService labels;

    @Inject
    ArtifactLabels artifactLabels;

    @Test
    void aProjectLabelGoesOnlyOnItsProjectsArtifactsAndOnlyOnce() {
        Project project = Callers.project(unique("labelled"), false, Map.of());
        Project other = Callers.project(unique("elsewhere"), false, Map.of());
        Callers.actAs(Callers.admin());
        Label own = labels.create(new LabelRequest(unique("own"), null, null, Label.PROJECT, project.id));
        Label global = labels.create(new LabelRequest(unique("global"), "everywhere", "#fff", null, null));
        String repository = project.name + "/app";
        String digest = "sha256:" + "e".repeat(64);

        labels.attach(own.id, project.id, repository, digest);
        labels.attach(global.id, project.id, repository, digest);
        assertThat(status(() -> labels.attach(own.id, project.id, repository, digest))).isEqualTo(409);
        assertThat(status(() -> labels.attach(own.id, other.id, other.name + "/app", digest))).isEqualTo(400);
        assertThat(artifactLabels.of(repository, List.of(digest)).get(digest)).extracting(Label.View::id)
                .containsExactlyInAnyOrderElementsOf(List.of(own.id, global.id));

        labels.detach(own.id, repository, digest);
        assertThat(status(() -> labels.detach(own.id, repository, digest))).isEqualTo(404);
        labels.delete(global.id);
        assertThat(artifactLabels.of(repository, List.of(digest))).isEmpty();
    }

    @Test
    void aProjectsLabelsAreHiddenWithItAndManagedByItsMaintainers() {
        Caller maintainer = Callers.user(unique("maint"));
        Caller guest = Callers.user(unique("guest"));
        Caller stranger = Callers.user(unique("stranger"));
        Project project = Callers.project(unique("labels"), false, Map.of(maintainer, Role.MAINTAINER, guest, Role.GUEST));

        Callers.actAs(maintainer);
        Label label = labels.create(new LabelRequest(" " + unique("team") + " ", null, null, Label.PROJECT, project.id));
        assertThat(label.name).doesNotStartWith(" ");
        assertThat(status(() -> labels.create(new LabelRequest(label.name, null, null, Label.PROJECT, project.id)))).isEqualTo(409);
        assertThat(status(() -> labels.create(new LabelRequest(unique("g"), null, null, Label.GLOBAL, null)))).isEqualTo(403);

        Callers.actAs(guest);
        assertThat(labels.readable(label.id).name).isEqualTo(label.name);
        assertThat(labels.list(Label.PROJECT, project.id, null, Paging.of(1, 10)).items()).extracting(Label.View::id).containsExactly(label.id);
        assertThat(status(() -> labels.update(label.id, new LabelRequest(null, "mine now", null, null, null)))).isEqualTo(403);

        Callers.actAs(stranger);
        assertThat(status(() -> labels.readable(label.id))).isEqualTo(404);
        assertThat(status(() -> labels.list(Label.PROJECT, project.id, null, Paging.of(1, 10)))).isEqualTo(404);
        Callers.actAs(Caller.ANONYMOUS);
        assertThat(status(() -> labels.readable(label.id))).isEqualTo(401);
    }
}
