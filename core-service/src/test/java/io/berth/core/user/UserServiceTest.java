package io.berth.core.user;

import static io.berth.core.testing.Answers.status;
import static io.berth.core.testing.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.api.Paging;
import io.berth.core.audit.AuditEntry;
import io.berth.core.identity.Caller;
import io.berth.core.testing.Callers;
import io.berth.core.testing.CoreTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Users: found by q or by a part of their name, each change audited in the name of who made it. */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class UserServiceTest {
    @Inject
    UserService users;

    @Test
    void everyChangeToAUserIsAuditedInTheNameOfWhoMadeIt() {
        Caller user = Callers.user(unique("audited"));
        Callers.actAs(user);
        users.updateProfile(user.id(), new UserRequests.Profile(null, "Audited", null));
        users.changePassword(user.id(), new UserRequests.PasswordChange("Passw0rdT", "Passw0rdU"), user);
        Callers.actAs(Callers.admin());
        users.setSysadmin(user.id(), true);
        users.delete(user.id());
        List<String> audit = QuarkusTransaction.requiringNew().call(() -> AuditEntry.<AuditEntry>list("resource = ?1 order by id", user.name())
                .stream().map(a -> a.username + " " + a.operation).toList());
        assertThat(audit).containsExactly("admin create", user.name() + " update", user.name() + " change password",
                "admin set sysadmin true", "admin delete");
        assertThat(status(() -> users.existing(user.id()))).isEqualTo(404);
    }

    @Test
    void usersAreListedByQAndSearchedByAPartOfTheirName() {
        String prefix = unique("find");
        Caller first = Callers.user(prefix + "-a");
        Callers.user(prefix + "-b");
        assertThat(users.list("username=" + first.name(), Paging.of(1, 10)).items()).extracting(UserView::userId).containsExactly(first.id());
        var found = users.search(prefix.toUpperCase(), Paging.of(1, 1));
        assertThat(found.total()).isEqualTo(2);
        assertThat(found.items()).containsExactly(Map.of("user_id", first.id(), "username", first.name()));
        assertThat(status(() -> users.create(new UserRequests.Creation(first.name(), null, null, "Passw0rdT", null)))).isEqualTo(409);
        assertThat(status(() -> users.create(new UserRequests.Creation("robot$" + prefix, null, null, "Passw0rdT", null)))).isEqualTo(400);
    }
}
