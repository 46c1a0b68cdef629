package io.berth.core.usergroup;

import static io.berth.core.testing.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.identity.Caller;
import io.berth.core.testing.Callers;
import io.berth.core.testing.CoreTestResource;
import io.berth.core.usergroup.GroupMemberships.UnknownGroups;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Login-time group memberships on the real database: recorded, replaced per type, created on the fly, expired. */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class GroupMembershipsTest {
    @Inject
    GroupMemberships memberships;

    @Inject
    EntityManager em;

    @Test
    void aLoginRecordsExactlyTheGroupsOfItsTypeAndCreatesUnknownOnesWhenAsked() {
        Caller user = Callers.user(unique("grouped"));
        String a = unique("oidc-a");
        String b = unique("oidc-b");
        String dn = "cn=" + unique("ldap") + ",ou=groups,dc=berth,dc=test";
        memberships.recordLogin(user.id(), GroupType.OIDC.code, List.of(GroupRef.named(a), GroupRef.named(b)), Duration.ofMinutes(5));
        memberships.recordLogin(user.id(), GroupType.LDAP.code, List.of(GroupRef.ldap(dn, "ldap")), Duration.ofMinutes(5));
        long groupA = id(() -> UserGroup.byName(GroupType.OIDC, a));
        long groupB = id(() -> UserGroup.byName(GroupType.OIDC, b));
        long ldap = id(() -> UserGroup.byDn(dn.toUpperCase()));
        assertThat(memberships.current(user.id())).containsExactlyInAnyOrder(groupA, groupB, ldap);

        memberships.recordLogin(user.id(), GroupType.OIDC.code, List.of(GroupRef.named(b), GroupRef.named(unique("unknown"))),
                Duration.ofMinutes(5), UnknownGroups.IGNORE);
        assertThat(memberships.current(user.id())).containsExactlyInAnyOrder(groupB, ldap);
        memberships.recordLogin(user.id(), GroupType.LDAP.code, List.of(GroupRef.ldap(dn.toUpperCase(), "again")), Duration.ofMinutes(5));
        assertThat(id(() -> UserGroup.byDn(dn))).isEqualTo(ldap);
    }

    @Test
    void anExpiredMembershipDoesNotCount() {
        Caller user = Callers.user(unique("expiring"));
        String name = unique("short");
        memberships.recordLogin(user.id(), GroupType.HTTP.code, List.of(GroupRef.named(name)), Duration.ofHours(1));
        long group = id(() -> UserGroup.byName(GroupType.HTTP, name));
        assertThat(memberships.current(user.id())).containsExactly(group);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update core.user_group_membership set expires_at = now() - interval '1 second' where user_id = ?1")
                .setParameter(1, user.id()).executeUpdate());
        assertThat(memberships.current(user.id())).isEmpty();
    }

    @Test
    void badArgumentsRecordNothing() {
        Caller user = Callers.user(unique("careless"));
        assertThatThrownBy(() -> memberships.recordLogin(user.id(), 7, List.of(GroupRef.named("x")), Duration.ofMinutes(1)));
        assertThatThrownBy(() -> memberships.recordLogin(user.id(), GroupType.LDAP.code, List.of(GroupRef.named("no-dn")), Duration.ofMinutes(1)));
        assertThatThrownBy(() -> memberships.recordLogin(user.id(), GroupType.OIDC.code, List.of(GroupRef.named("x")), Duration.ZERO));
        assertThat(memberships.current(user.id())).isEmpty();
    }

    private static long id(java.util.concurrent.Callable<UserGroup> find) {
        return QuarkusTransaction.requiringNew().call(find).id;
    }
}
