package io.berth.core.project;

import static io.berth.core.testing.Answers.status;
import static io.berth.core.testing.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.common.error.HarborException;
import io.berth.core.identity.Caller;
import io.berth.core.rbac.Action;
import io.berth.core.rbac.Role;
import io.berth.core.robot.RobotRequests;
import io.berth.core.robot.RobotService;
import io.berth.core.testing.Callers;
import io.berth.core.testing.CoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Visibility, as every feature inside a project asks it: 401, 404 and 403 in that order, and the projects a caller may act in. */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class ProjectAccessTest {
    @Inject
    ProjectAccess access;

    @Inject
    RobotService robots;

    @Test
    void aPrivateProjectIsUnknownToStrangersAndAsksAnonymousCallersToLogIn() {
        Caller guest = Callers.user(unique("guest"));
        Caller stranger = Callers.user(unique("stranger"));
        Project project = Callers.project(unique("private"), false, Map.of(guest, Role.GUEST));

        Callers.actAs(guest);
        assertThat(access.visible(project.name, true, Action.READ_PROJECT).id).isEqualTo(project.id);
        assertThat(access.visible(project.id.toString(), false, Action.PULL).name).isEqualTo(project.name);
        assertThat(status(() -> access.visible(project.name, true, Action.PUSH))).isEqualTo(403);
        Callers.actAs(stranger);
        assertThatThrownBy(() -> access.visible(project.name, true, Action.READ_PROJECT)).isInstanceOf(HarborException.class)
                .hasMessageContaining("not found");
        assertThat(status(() -> access.visible("no-such-project", true, Action.READ_PROJECT))).isEqualTo(404);
        Callers.actAs(Caller.ANONYMOUS);
        assertThat(status(() -> access.visible(project.name, true, Action.READ_PROJECT))).isEqualTo(401);
        assertThat(status(() -> access.visible("library", true, Action.PULL))).isEqualTo(200);
    }

    @Test
    void theProjectsACallerMayActInFollowRolesPublicityAndRobotPermissions() {
        Caller developer = Callers.user(unique("dev"));
        Project mine = Callers.project(unique("mine"), false, Map.of(developer, Role.DEVELOPER));
        Project hidden = Callers.project(unique("hidden"), false, Map.of());

        assertThat(access.projects(developer, Action.PUSH)).extracting(p -> p.name).contains(mine.name).doesNotContain("library", hidden.name);
        assertThat(access.projects(developer, Action.PULL)).extracting(p -> p.name).contains(mine.name, "library").doesNotContain(hidden.name);
        assertThat(access.projects(Callers.admin(), Action.DELETE_PROJECT)).extracting(p -> p.name).contains(mine.name, hidden.name);
        assertThat(access.role(developer, mine)).contains(Role.DEVELOPER);
        assertThat(access.role(developer, hidden)).isEmpty();

        Callers.actAs(Callers.admin());
        RobotRequests.Created created = robots.create(new RobotRequests.Create(unique("bot"), null, "system", false, -1L,
                List.of(new RobotRequests.Permission("project", hidden.name, List.of(new RobotRequests.Access("repository", "push", null))))),
                Callers.admin());
        Caller robot = new Caller(Caller.Kind.ROBOT, created.id(), created.name(), false);
        assertThat(access.allowed(robot, hidden)).contains(Action.PUSH, Action.READ_PROJECT).doesNotContain(Action.DELETE_ARTIFACT);
        assertThat(access.projects(robot, Action.PUSH)).extracting(p -> p.name).containsExactly(hidden.name);
    }
}
