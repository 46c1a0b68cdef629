package io.berth.core.usergroup;

import static io.berth.core.testing.Api.admin;
import static io.berth.core.testing.Api.anonymous;
import static io.berth.core.testing.Api.as;
import static io.berth.core.testing.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.berth.core.testing.Api;
import io.berth.core.testing.CoreTestResource;
import io.berth.core.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /usergroups} as Harbor's swagger has it, and groups as project members ({@code member_group}) whose roles
 * apply to the users in them, in the API and in tokens, while their membership is current. Memberships are recorded
 * as an identity source's login records them ({@link GroupMemberships}, the real service on the real database); the
 * LDAP side is {@code ldap.LdapGroupsTest}.
 */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class UserGroupApiTest {
    private static final String PATH = "/api/v2.0/usergroups";
    private static final String PASSWORD = "Passw0rd!";

    @Inject
    GroupMemberships memberships;

    @Inject
    EntityManager em;

    @Test
    void aSystemAdministratorCreatesListsRenamesAndDeletesGroups() {
        String name = unique("team-");
        long id = create(Map.of("group_name", name, "group_type", 3));
        admin().get(PATH + "/" + id).then().statusCode(200).body("group_name", equalTo(name)).body("group_type", equalTo(3))
                .body("id", equalTo((int) id));
        admin().queryParam("group_name", name.substring(0, 9).toUpperCase()).get(PATH).then().statusCode(200)
                .header("X-Total-Count", "1").body("[0].id", equalTo((int) id));
        create(Map.of("group_name", unique("other-"), "group_type", 2));
        admin().queryParam("page_size", 1).get(PATH).then().statusCode(200).body("$", hasSize(1))
                .header("Link", containsString("rel=\"next\""));
        admin().body(Map.of("group_name", name + "-renamed")).put(PATH + "/" + id).then().statusCode(200);
        admin().get(PATH + "/" + id).then().body("group_name", equalTo(name + "-renamed"));
        admin().delete(PATH + "/" + id).then().statusCode(200);
        admin().get(PATH + "/" + id).then().statusCode(404).body("errors[0].code", equalTo("NOT_FOUND"));
    }

    @Test
    void badRequestsAreRefusedWithHarborsErrorsAndCreateNothing() {
        String name = unique("dup-");
        long id = create(Map.of("group_name", name, "group_type", 3));
        long before = total();
        admin().body(Map.of("group_name", name, "group_type", 3)).post(PATH).then().statusCode(409).body("errors[0].code", equalTo("CONFLICT"));
        admin().body(Map.of("group_name", "x", "group_type", 7)).post(PATH).then().statusCode(400)
                .body("errors[0].message", containsString("group_type"));
        admin().body(Map.of("group_name", "x")).post(PATH).then().statusCode(400);
        admin().body(Map.of("group_name", "", "group_type", 2)).post(PATH).then().statusCode(400);
        admin().body(Map.of("group_name", "x".repeat(256), "group_type", 2)).post(PATH).then().statusCode(400);
        admin().body(Map.of("group_name", "ldap", "group_type", 1)).post(PATH).then().statusCode(400)
                .body("errors[0].message", containsString("ldap_group_dn"));
        admin().body(Map.of("group_name", "dn", "group_type", 3, "ldap_group_dn", "cn=x,dc=y")).post(PATH).then().statusCode(400);
        admin().body(Map.of("id", 5, "group_name", unique("id-"), "group_type", 3)).post(PATH).then().statusCode(400);
        admin().body("{not json").post(PATH).then().statusCode(400);
        // db_auth: no directory to find an LDAP group in
        admin().body(Map.of("group_type", 1, "ldap_group_dn", "cn=devs,dc=berth,dc=test")).post(PATH).then().statusCode(400);
        assertThat(total()).isEqualTo(before);
        admin().body(Map.of("group_name", "")).put(PATH + "/" + id).then().statusCode(400);
        admin().body(Map.of("group_name", "y", "group_type", 2)).put(PATH + "/" + id).then().statusCode(400);
        admin().body(Map.of("group_name", "y")).put(PATH + "/999999999").then().statusCode(404);
        admin().delete(PATH + "/999999999").then().statusCode(404);
        admin().get(PATH + "/" + id).then().body("group_name", equalTo(name));
    }

    @Test
    void onlySystemAdministratorsManageGroupsWhileAnyUserSearchesThem() {
        String user = unique("plain");
        Api.createUser(user, PASSWORD);
        String name = unique("searchable-");
        long id = create(Map.of("group_name", name, "group_type", 3));
        as(user, PASSWORD).get(PATH).then().statusCode(403);
        as(user, PASSWORD).body(Map.of("group_name", "mine", "group_type", 3)).post(PATH).then().statusCode(403);
        as(user, PASSWORD).get(PATH + "/" + id).then().statusCode(403);
        as(user, PASSWORD).delete(PATH + "/" + id).then().statusCode(403);
        anonymous().get(PATH).then().statusCode(401);
        anonymous().queryParam("groupname", name).get(PATH + "/search").then().statusCode(401);
        as(user, PASSWORD).queryParam("groupname", name).get(PATH + "/search").then().statusCode(200).header("X-Total-Count", "1")
                .body("[0].id", equalTo((int) id)).body("[0].group_name", equalTo(name)).body("[0].group_type", equalTo(3))
                .body("[0]", not(org.hamcrest.Matchers.hasKey("ldap_group_dn")));
        as(user, PASSWORD).get(PATH + "/search").then().statusCode(400);
    }

    @Test
    void aGroupMembersRoleGrantsItsUsersPullAndPushInTokensAndTheApiUntilTheMembershipExpires() throws Exception {
        String user = unique("grouped");
        long userId = Api.createUser(user, PASSWORD);
        String project = unique("grp");
        long projectId = Api.createProject(admin(), project, false);
        String groupName = unique("devs-");
        String scope = "repository:" + project + "/app:pull,push";

        assertThat(Tokens.granted(as(user, PASSWORD), scope)).isEmpty();
        // by type and name: a group Berth does not know yet is added (Harbor's behaviour)
        admin().body(Map.of("role_id", 2, "member_group", Map.of("group_name", groupName, "group_type", 3)))
                .post("/api/v2.0/projects/" + projectId + "/members").then().statusCode(201);
        admin().get("/api/v2.0/projects/" + projectId + "/members").then().statusCode(200)
                .body("find { it.entity_type == 'g' }.entity_name", equalTo(groupName))
                .body("find { it.entity_type == 'g' }.role_name", equalTo("developer"));
        long groupId = QuarkusTransaction.requiringNew().call(() -> UserGroup.byName(GroupType.OIDC, groupName)).id;
        admin().body(Map.of("role_id", 3, "member_group", Map.of("id", groupId))).post("/api/v2.0/projects/" + projectId + "/members")
                .then().statusCode(409);

        memberships.recordLogin(userId, GroupType.OIDC.code, List.of(GroupRef.named(groupName)), Duration.ofMinutes(10));
        assertThat(Tokens.granted(as(user, PASSWORD), scope)).containsExactlyInAnyOrder("pull", "push");
        as(user, PASSWORD).get("/api/v2.0/projects/" + projectId).then().statusCode(200).body("current_user_role_id", equalTo(2));
        as(user, PASSWORD).get("/api/v2.0/projects").then().statusCode(200).body("name", hasItem(project));
        as(user, PASSWORD).queryParam("scope", "/project/" + projectId).queryParam("relative", true)
                .get("/api/v2.0/users/current/permissions").then().statusCode(200)
                .body("findAll { it.resource == 'repository' }.action", hasItem("push"))
                .body("findAll { it.resource == 'member' }.action", not(hasItem("create")));

        // the user's own role adds to the group's: guest alone could not push, the union can
        Api.addMember(projectId, user, 3);
        assertThat(Tokens.granted(as(user, PASSWORD), scope)).containsExactlyInAnyOrder("pull", "push");

        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update core.user_group_membership set expires_at = now() - interval '1 second' where user_id = ?1")
                .setParameter(1, userId).executeUpdate());
        assertThat(Tokens.granted(as(user, PASSWORD), scope)).containsExactly("pull");
        as(user, PASSWORD).get("/api/v2.0/projects/" + projectId).then().statusCode(200).body("current_user_role_id", equalTo(3));
    }

    @Test
    void badMemberGroupRequestsAddNoMemberAndNoGroup() {
        long projectId = Api.createProject(admin(), unique("strict"), false);
        String path = "/api/v2.0/projects/" + projectId + "/members";
        long groups = total();
        admin().body(Map.of("role_id", 2, "member_group", Map.of("id", 999999999))).post(path).then().statusCode(404);
        admin().body(Map.of("role_id", 9, "member_group", Map.of("group_name", unique("g"), "group_type", 3))).post(path).then().statusCode(400);
        admin().body(Map.of("role_id", 2, "member_group", Map.of("group_name", unique("g"), "group_type", 8))).post(path).then().statusCode(400);
        admin().body(Map.of("role_id", 2, "member_group", Map.of("group_type", 1, "ldap_group_dn", "cn=nowhere,dc=berth,dc=test")))
                .post(path).then().statusCode(400);
        Map<String, Object> both = new HashMap<>(Map.of("role_id", 2, "member_user", Map.of("username", "admin")));
        both.put("member_group", Map.of("group_name", unique("g"), "group_type", 3));
        admin().body(both).post(path).then().statusCode(400);
        admin().body(Map.of("role_id", 2)).post(path).then().statusCode(400);
        assertThat(total()).isEqualTo(groups);
        admin().get(path).then().statusCode(200).header("X-Total-Count", "1");
    }

    @Test
    void permissionsOfTheCurrentUserFollowHarborsScopes() {
        String user = unique("perm");
        Api.createUser(user, PASSWORD);
        long publicProject = Api.createProject(admin(), unique("open"), true);
        long privateProject = Api.createProject(admin(), unique("closed"), false);
        String path = "/api/v2.0/users/current/permissions";
        as(user, PASSWORD).queryParam("scope", "/project/" + publicProject).get(path).then().statusCode(200)
                .body("resource", hasItem("/project/" + publicProject + "/repository"))
                .body("findAll { it.resource.endsWith('/repository') }.action", hasItem("pull"))
                .body("findAll { it.resource.endsWith('/repository') }.action", not(hasItem("push")));
        as(user, PASSWORD).queryParam("scope", "/project/" + privateProject).get(path).then().statusCode(200).body("$", hasSize(0));
        as(user, PASSWORD).queryParam("scope", "/project/999999999").get(path).then().statusCode(200).body("$", hasSize(0));
        as(user, PASSWORD).queryParam("scope", "/").get(path).then().statusCode(200).body("$", hasSize(0));
        admin().queryParam("scope", "/").queryParam("relative", true).get(path).then().statusCode(200)
                .body("findAll { it.resource == 'user-group' }.action", hasItem("create"));
        admin().queryParam("scope", "/project/" + privateProject).queryParam("relative", true).get(path).then().statusCode(200)
                .body("findAll { it.resource == 'member' }.action", hasItem("create"));
        as(user, PASSWORD).queryParam("scope", "/projects/x").get(path).then().statusCode(400).body("errors[0].code", equalTo("BAD_REQUEST"));
        as(user, PASSWORD).queryParam("relative", "maybe").get(path).then().statusCode(400);
        anonymous().get(path).then().statusCode(401);
    }

    private static long create(Map<String, Object> group) {
        String location = admin().body(group).post(PATH).then().statusCode(201).extract().header("Location");
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    private static long total() {
        return Long.parseLong(admin().get(PATH).then().statusCode(200).extract().header("X-Total-Count"));
    }
}
