package io.berth.core.project;

import static io.berth.core.testing.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.common.error.HarborException;
import io.berth.core.api.Paging;
import io.berth.core.audit.AuditEntry;
import io.berth.core.identity.Caller;
import io.berth.core.rbac.Member;
import io.berth.core.rbac.Role;
import io.berth.core.testing.Callers;
import io.berth.core.testing.CoreTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Projects as the service keeps them: the creator is admin, settings Berth does not act on are refused, each change audited. */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class ProjectServiceTest {
    @Inject
    ProjectService projects;

    static List<String> audit(String project) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEntry.<AuditEntry>list("project = ?1 order by id", project).stream()
                .map(a -> a.username + " " + a.operation + " " + a.resourceType + " from " + a.clientIp).toList());
    }

    @Test
    void theCreatorBecomesItsAdminAndEveryChangeIsAudited() {
        Caller owner = Callers.actAs(Callers.user(unique("owner")));
        String name = unique("svc");
        Project project = projects.create(new ProjectRequest(name, null, Map.of("public", true), null, null, null), owner);
        Member admin = QuarkusTransaction.requiringNew().call(() -> Member.of(project.id, owner.id()));
        assertThat(Role.of(admin.roleId)).isEqualTo(Role.PROJECT_ADMIN);
        assertThat(projects.view(project, owner).currentUserRoleId()).isEqualTo(Role.PROJECT_ADMIN.id());
        assertThat(projects.view(project, owner).metadata()).containsEntry("public", "true");

        projects.update(project, new ProjectRequest(null, false, Map.of("severity", "high"), null, null, null));
        assertThat(QuarkusTransaction.requiringNew().call(() -> Project.byName(name).metadata))
                .containsEntry("public", "false").containsEntry("severity", "high");
        projects.delete(project);
        assertThat(projects.byName(name)).isNull();
        assertThat(audit(name)).containsExactly(owner.name() + " create project from " + Callers.ADDRESS,
                owner.name() + " update project from " + Callers.ADDRESS, owner.name() + " delete project from " + Callers.ADDRESS);
    }

    @Test
    void refusedRequestsCreateNothingAndAuditNothing() {
        Caller owner = Callers.actAs(Callers.user(unique("owner")));
        String name = unique("refused");
        assertThatThrownBy(() -> projects.create(new ProjectRequest(name, null, null,
                com.fasterxml.jackson.databind.node.LongNode.valueOf(10), null, null), owner))
                .isInstanceOf(HarborException.class).hasMessageContaining("only system administrators");
        assertThatThrownBy(() -> projects.create(new ProjectRequest("Not A Name", null, null, null, null, null), owner))
                .isInstanceOf(HarborException.class).hasMessageContaining("invalid project name");
        assertThatThrownBy(() -> projects.create(new ProjectRequest("library", null, null, null, null, null), owner))
                .isInstanceOf(HarborException.class).hasMessageContaining("already exists");
        assertThat(projects.byName(name)).isNull();
        assertThat(audit(name)).isEmpty();
    }

    @Test
    void aMissingProjectIsCreatedPrivateForReplicationAndAnExistingOneIsLeftAlone() {
        String name = unique("pulled");
        projects.createIfMissing(name);
        projects.createIfMissing(name);
        Project project = projects.byName(name);
        assertThat(project.isPublic()).isFalse();
        projects.createIfMissing("library");
        assertThat(projects.byName("library").isPublic()).isTrue();
        assertThat(audit(name)).isEmpty();
    }

    @Test
    void listsShowWhatTheCallerMaySeeWithTheirRole() {
        Caller guest = Callers.user(unique("guest"));
        String prefix = unique("lst");
        Callers.project(prefix + "-a", false, Map.of(guest, Role.GUEST));
        Callers.project(prefix + "-b", false, Map.of());
        var seen = projects.list(new ProjectService.Filter(null, prefix, null, null), Paging.of(1, 10), guest);
        assertThat(seen.total()).isEqualTo(1);
        assertThat(seen.items()).extracting(ProjectView::name, ProjectView::currentUserRoleId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(prefix + "-a", Role.GUEST.id()));
        assertThat(projects.list(new ProjectService.Filter(null, prefix, null, null), Paging.of(1, 1), Callers.admin()).total()).isEqualTo(2);
    }
}
