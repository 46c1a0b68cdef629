package io.berth.core.member;

import static io.berth.core.testing.Answers.status;
import static io.berth.core.testing.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.api.Paging;
import io.berth.core.identity.Caller;
import io.berth.core.member.MemberService.MemberRequest;
import io.berth.core.member.MemberService.MemberUser;
import io.berth.core.member.MemberService.MemberView;
import io.berth.core.project.Project;
import io.berth.core.rbac.Member;
import io.berth.core.rbac.Role;
import io.berth.core.testing.Callers;
import io.berth.core.testing.CoreTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Memberships: one role per user and project, unknown users and members are 404s, a second membership a 409.
 * (A test's request context spans the whole method, so reads after a change are made in a transaction of their own.)
 */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class MemberServiceTest {
    @Inject
    MemberService members;

    @Test
    void aUserIsAMemberOnceWithOneRoleThatCanChange() {
        Caller user = Callers.user(unique("member"));
        Project project = Callers.project(unique("team"), false, Map.of());
        Callers.actAs(Callers.admin());
        long id = members.add(project, new MemberRequest(Role.DEVELOPER.id(), new MemberUser(null, user.name()))).id;
        assertThat(status(() -> members.add(project, new MemberRequest(Role.GUEST.id(), new MemberUser(user.id(), null))))).isEqualTo(409);
        members.changeRole(project, id, Role.MAINTAINER.id());
        MemberView view = members.get(project, id);
        assertThat(view.entityName()).isEqualTo(user.name());
        assertThat(view.roleName()).isEqualTo("maintainer");
        assertThat(members.list(project, user.name().substring(0, 6).toUpperCase(), Paging.of(1, 10)).items())
                .extracting(MemberView::entityId).containsExactly(user.id());
        members.remove(project, id);
        Member gone = QuarkusTransaction.requiringNew().call(() -> Member.findById(id));
        assertThat(gone).isNull();
    }

    @Test
    void badRequestsChangeNothing() {
        Project project = Callers.project(unique("strict"), false, Map.of());
        Project other = Callers.project(unique("other"), false, Map.of());
        Callers.actAs(Callers.admin());
        assertThat(status(() -> members.add(project, new MemberRequest(9, new MemberUser(null, "admin"))))).isEqualTo(400);
        assertThat(status(() -> members.add(project, new MemberRequest(2, new MemberUser(null, unique("nobody")))))).isEqualTo(404);
        assertThat(status(() -> members.add(project, null))).isEqualTo(400);
        long adminMembership = members.list(project, null, Paging.of(1, 10)).items().get(0).id();
        assertThat(status(() -> members.get(other, adminMembership))).isEqualTo(404);
        assertThat(status(() -> members.changeRole(project, adminMembership, null))).isEqualTo(400);
        assertThat(members.list(project, null, Paging.of(1, 10)).total()).isEqualTo(1);
    }
}
