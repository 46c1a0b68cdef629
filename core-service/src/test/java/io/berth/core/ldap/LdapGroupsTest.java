package io.berth.core.ldap;

import static io.berth.core.testing.Api.admin;
import static io.berth.core.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.equalToIgnoringCase;
import static org.hamcrest.Matchers.hasSize;

import io.berth.common.testing.Slapd;
import io.berth.core.testing.Api;
import io.berth.core.testing.CoreTestResource;
import io.berth.core.testing.Tokens;
import io.berth.core.user.User;
import io.berth.core.usergroup.GroupMemberships;
import io.berth.core.usergroup.UserGroup;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * LDAP groups against a real slapd ({@link Slapd}: groups under ou=groups, memberOf computed by the dynlist overlay):
 * the ldap_group_* keys typed and acted on, /ldap/groups/search, LDAP user groups checked against the directory, a
 * group's role reaching its members' tokens from their login on, a nested group's members not counted in the outer
 * group, a disabled account, ldap_group_admin_dn making system administrators, and memberships that expire.
 */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
@QuarkusTestResource(value = SlapdResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LdapGroupsTest {
    private static final String CONFIG = "/api/v2.0/configurations";
    private static final String GROUPS = "ou=groups," + Slapd.BASE;
    private static final String DEVELOPERS = "cn=developers," + GROUPS;
    private static final String NESTED = "cn=nested," + GROUPS;
    private static final String ADMINS = "cn=registry-admins," + GROUPS;

    @Inject
    GroupMemberships memberships;

    @Inject
    EntityManager em;

    @Test
    @Order(1)
    void theGroupKeysAreTypedCheckedAndStored() {
        Map<String, Object> ldap = new HashMap<>(Map.of("auth_mode", "ldap_auth", "ldap_url", SlapdResource.slapd.url(),
                "ldap_base_dn", Slapd.BASE, "ldap_search_dn", Slapd.SEARCH_DN, "ldap_search_password", Slapd.SEARCH_PASSWORD,
                "ldap_filter", "(&(objectClass=inetOrgPerson)(!(employeeType=disabled)))", "ldap_uid", "uid", "ldap_scope", 2,
                "ldap_timeout", 2));
        admin().body(ldap).put(CONFIG).then().statusCode(200);
        for (Map<String, Object> bad : new Map[] {Map.of("ldap_group_search_scope", 3), Map.of("ldap_group_search_scope", "2"),
                Map.of("ldap_group_search_filter", "objectClass=groupOfNames"), Map.of("ldap_group_base_dn", "not a dn"),
                Map.of("ldap_group_admin_dn", "cn=a,,dc=b"), Map.of("ldap_group_attribute_name", "c n"),
                Map.of("ldap_group_membership_attribute", ""), Map.of("ldap_group_attach_parallel", true)}) {
            admin().body(bad).put(CONFIG).then().statusCode(400).body("errors[0].code", equalTo("BAD_REQUEST"));
        }
        admin().get(CONFIG).then().body("ldap_group_base_dn.value", equalTo(""));
        admin().body(Map.of("ldap_group_base_dn", GROUPS, "ldap_group_search_filter", "(objectClass=groupOfNames)",
                "ldap_group_attribute_name", "cn", "ldap_group_search_scope", 2, "ldap_group_membership_attribute", "memberOf",
                "ldap_group_admin_dn", ADMINS)).put(CONFIG).then().statusCode(200);
        admin().get(CONFIG).then().body("ldap_group_base_dn.value", equalTo(GROUPS)).body("ldap_group_search_scope.value", equalTo(2))
                .body("ldap_group_admin_dn.value", equalTo(ADMINS));
    }

    @Test
    @Order(2)
    void groupsAreSearchedByNameOrDnWithinTheGroupBase() {
        String path = "/api/v2.0/ldap/groups/search";
        admin().queryParam("groupname", "developers").get(path).then().statusCode(200).body("$", hasSize(1))
                .body("[0].group_name", equalTo("developers")).body("[0].ldap_group_dn", equalToIgnoringCase(DEVELOPERS));
        admin().queryParam("groupdn", NESTED.toUpperCase()).get(path).then().statusCode(200).body("[0].group_name", equalTo("nested"));
        admin().queryParam("groupname", "*").get(path).then().statusCode(200).body("$", hasSize(0));
        admin().queryParam("groupname", "*)(cn=*").get(path).then().statusCode(200).body("$", hasSize(0));
        admin().queryParam("groupname", "not-a-group").get(path).then().statusCode(200).body("$", hasSize(0));
        admin().queryParam("groupdn", "cn=not-a-group,ou=others," + Slapd.BASE).get(path).then().statusCode(200).body("$", hasSize(0));
        admin().queryParam("groupdn", "uid=alice,ou=people," + Slapd.BASE).get(path).then().statusCode(200).body("$", hasSize(0));
        admin().queryParam("groupdn", "this is not a dn").get(path).then().statusCode(200).body("$", hasSize(0));
        admin().get(path).then().statusCode(400);
    }

    @Test
    @Order(3)
    void anLdapUserGroupMustExistInTheDirectoryOnce() {
        String path = "/api/v2.0/usergroups";
        admin().body(Map.of("group_type", 1, "ldap_group_dn", DEVELOPERS)).post(path).then().statusCode(201);
        admin().queryParam("ldap_group_dn", DEVELOPERS.toUpperCase()).get(path).then().statusCode(200).header("X-Total-Count", "1")
                .body("[0].group_name", equalTo("developers")).body("[0].group_type", equalTo(1));
        admin().body(Map.of("group_type", 1, "ldap_group_dn", DEVELOPERS.toUpperCase())).post(path).then().statusCode(409);
        for (String dn : new String[] {"cn=nowhere," + GROUPS, "cn=not-a-group,ou=others," + Slapd.BASE, "uid=bob,ou=people," + Slapd.BASE,
                "not=a=dn,,"}) {
            admin().body(Map.of("group_type", 1, "ldap_group_dn", dn)).post(path).then().statusCode(400)
                    .body("errors[0].message", containsString("not found"));
        }
        admin().get(path).then().header("X-Total-Count", "1");
    }

    @Test
    @Order(4)
    void aGroupsRoleReachesItsDirectMembersFromTheirLoginButNotNestedOnesOrDisabledAccounts() throws Exception {
        long project = Api.createProject(admin(), "ldapteam", false);
        admin().body(Map.of("role_id", 2, "member_group", Map.of("group_type", 1, "ldap_group_dn", DEVELOPERS)))
                .post("/api/v2.0/projects/" + project + "/members").then().statusCode(201);
        String scope = "repository:ldapteam/app:pull,push";
        assertThat(Tokens.granted(as("alice", "AlicePass1"), scope)).containsExactlyInAnyOrder("pull", "push");
        assertThat(Tokens.granted(as("bob", "BobPass1"), scope)).isEmpty();
        long bob = QuarkusTransaction.requiringNew().call(() -> User.byName("bob")).id;
        long nested = QuarkusTransaction.requiringNew().call(() -> UserGroup.byDn(NESTED)).id; // added at bob's login
        assertThat(memberships.current(bob)).containsExactly(nested);
        as("carol", "CarolPass1").get("/api/v2.0/users/current").then().statusCode(401);
        assertThat(QuarkusTransaction.requiringNew().call(() -> User.byName("carol"))).isNull();
        as("alice", "AlicePass1").get("/api/v2.0/usergroups").then().statusCode(403);
    }

    @Test
    @Order(5)
    void membersOfTheAdminGroupAreSystemAdministratorsWhileTheirMembershipIsCurrent() {
        as("grace", "GracePass1").get("/api/v2.0/usergroups").then().statusCode(200);
        as("grace", "GracePass1").queryParam("scope", "/").queryParam("relative", true).get("/api/v2.0/users/current/permissions")
                .then().statusCode(200).body("findAll { it.resource == 'user-group' }.action", org.hamcrest.Matchers.hasItem("create"));
        expire("grace");
        as("grace", "GracePass1").get("/api/v2.0/usergroups").then().statusCode(403); // a login remembered for a minute: no directory call
    }

    @Test
    @Order(6)
    void anExpiredMembershipNoLongerGrantsTheGroupsRole() throws Exception {
        expire("alice");
        assertThat(Tokens.granted(as("alice", "AlicePass1"), "repository:ldapteam/app:pull,push")).isEmpty();
    }

    private void expire(String username) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update core.user_group_membership set expires_at = now()"
                + " where user_id = (select id from core.users where username = ?1)").setParameter(1, username).executeUpdate());
    }
}
