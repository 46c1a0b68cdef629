package io.berth.core.robot;

import static io.berth.core.testing.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.api.Paging;
import io.berth.core.audit.AuditEntry;
import io.berth.core.identity.Caller;
import io.berth.core.project.Project;
import io.berth.core.rbac.Role;
import io.berth.core.testing.Callers;
import io.berth.core.testing.CoreTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Robot accounts: who lists which, each change audited under the robot's project, and when a robot may be used. */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class RobotServiceTest {
    @Inject
    RobotService robots;

    static RobotRequests.Create request(String name, String project) {
        return new RobotRequests.Create(name, null, "project", false, 7L,
                List.of(new RobotRequests.Permission("project", project, List.of(new RobotRequests.Access("repository", "pull", null)))));
    }

    @Test
    void aMaintainerListsTheirProjectsRobotsAndEveryChangeIsAuditedThere() {
        Caller maintainer = Callers.user(unique("maint"));
        Project project = Callers.project(unique("bots"), false, Map.of(maintainer, Role.MAINTAINER));
        Project other = Callers.project(unique("otherbots"), false, Map.of());
        Caller admin = Callers.actAs(Callers.admin());
        RobotRequests.Created mine = robots.create(request("ci", project.name), admin);
        robots.create(request("ci", other.name), admin);

        assertThat(robots.list("name=~ci", maintainer, Paging.of(1, 100)).items()).extracting(RobotRequests.View::name)
                .contains(mine.name()).noneMatch(n -> n.contains(other.name));
        Robot robot = QuarkusTransaction.requiringNew().call(() -> Robot.findById(mine.id()));
        robots.refreshSecret(robot, null);
        robots.delete(robot);
        List<String> audit = QuarkusTransaction.requiringNew().call(() -> AuditEntry.<AuditEntry>list("resource = ?1 order by id", mine.name())
                .stream().map(a -> a.project + " " + a.operation).toList());
        assertThat(audit).containsExactly(project.name + " create", project.name + " refresh secret", project.name + " delete");
    }

    @Test
    void aRobotIsUsableUntilItExpiresAndWhileEnabled() {
        OffsetDateTime now = OffsetDateTime.now();
        Robot robot = new Robot();
        assertThat(robot.usable(now)).isTrue();
        robot.expiresAt = now.plusSeconds(1);
        assertThat(robot.usable(now)).isTrue();
        robot.expiresAt = now;
        assertThat(robot.usable(now)).isFalse();
        robot.expiresAt = null;
        robot.disabled = true;
        assertThat(robot.usable(now)).isFalse();
    }
}
