package io.berth.core.api;

import static io.berth.core.testing.Api.admin;
import static io.berth.core.testing.Api.anonymous;
import static io.berth.core.testing.Api.as;
import static io.berth.core.testing.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.berth.core.testing.Api;
import io.berth.core.testing.CoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Harbor's immutable tag rules: the API's shape, who may manage them, bad rules refused, and the view registry-service reads. */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class ImmutableTagRuleApiTest {
    static final String PASSWORD = "Passw0rdI";
    static final String PROJECT = unique("immu");
    static final String MAINTAINER = unique("maint");
    static final String DEVELOPER = unique("dev");
    static final String LIMITED = unique("limited");
    static final String STRANGER = unique("stranger");
    static final String RULES = "/api/v2.0/projects/" + PROJECT + "/immutabletagrules";
    static long project;

    @BeforeEach
    void content() {
        if (project != 0) {
            return;
        }
        project = Api.createProject(admin(), PROJECT, false);
        Api.createUser(MAINTAINER, PASSWORD);
        Api.createUser(DEVELOPER, PASSWORD);
        Api.createUser(LIMITED, PASSWORD);
        Api.createUser(STRANGER, PASSWORD);
        Api.addMember(project, MAINTAINER, 4);
        Api.addMember(project, DEVELOPER, 2);
        Api.addMember(project, LIMITED, 5);
    }

    /** A rule as Harbor's portal sends it. */
    static Map<String, Object> rule(String kind, String tagPattern, String repoPattern) {
        return Map.of("disabled", false, "action", "immutable", "template", "immutable_template", "params", Map.of(),
                "tag_selectors", List.of(Map.of("kind", kind, "decoration", "matches", "pattern", tagPattern)),
                "scope_selectors", Map.of("repository", List.of(Map.of("kind", "doublestar", "decoration", "repoMatches",
                        "pattern", repoPattern))));
    }

    static long created(Response response) {
        response.then().statusCode(201);
        String location = response.header("Location");
        assertThat(location).startsWith("/api/v2.0/projects/" + project + "/immutabletagrules/");
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    @Test
    void rulesAreCreatedListedUpdatedDisabledAndDeletedInHarborsShape() throws Exception {
        long id = created(as(MAINTAINER, PASSWORD).body(rule("doublestar", "v*", "**")).post(RULES));
        as(DEVELOPER, PASSWORD).get(RULES).then().statusCode(200).header("X-Total-Count", "1")
                .body("id", contains((int) id)).body("[0].action", equalTo("immutable"))
                .body("[0].template", equalTo("immutable_template")).body("[0].disabled", equalTo(false))
                .body("[0].tag_selectors[0].kind", equalTo("doublestar")).body("[0].tag_selectors[0].decoration", equalTo("matches"))
                .body("[0].tag_selectors[0].pattern", equalTo("v*"))
                .body("[0].scope_selectors.repository[0].decoration", equalTo("repoMatches"))
                .body("[0].scope_selectors.repository[0].pattern", equalTo("**"));
        // by id as well as by name
        admin().get("/api/v2.0/projects/" + project + "/immutabletagrules").then().statusCode(200).body("id", contains((int) id));
        admin().header("X-Is-Resource-Name", "true").get(RULES).then().statusCode(200).body("id", contains((int) id));
        assertThat(viewRows()).containsExactly(PROJECT + " false [{\"kind\": \"doublestar\", \"extras\": \"\", \"pattern\": \"v*\", "
                + "\"decoration\": \"matches\"}] [{\"kind\": \"doublestar\", \"extras\": \"\", \"pattern\": \"**\", \"decoration\": \"repoMatches\"}]");

        as(MAINTAINER, PASSWORD).body(rule("regex", "v\\d+(\\.\\d+)*", "app{,-*}")).put(RULES + "/" + id)
                .then().statusCode(200);
        admin().get(RULES).then().body("[0].tag_selectors[0].kind", equalTo("regex"))
                .body("[0].tag_selectors[0].pattern", equalTo("v\\d+(\\.\\d+)*"))
                .body("[0].scope_selectors.repository[0].pattern", equalTo("app{,-*}"));

        // enable/disable: Harbor's portal sends the rule with disabled flipped; a body with only disabled works too
        as(MAINTAINER, PASSWORD).body(Map.of("disabled", true)).put(RULES + "/" + id).then().statusCode(200);
        admin().get(RULES).then().body("[0].disabled", equalTo(true)).body("[0].tag_selectors[0].kind", equalTo("regex"));
        assertThat(viewRows()).singleElement().asString().startsWith(PROJECT + " true ");
        Map<String, Object> enabled = new java.util.HashMap<>(rule("regex", "v\\d+(\\.\\d+)*", "app{,-*}"));
        enabled.put("disabled", false);
        admin().body(enabled).put(RULES + "/" + id).then().statusCode(200);
        admin().get(RULES).then().body("[0].disabled", equalTo(false));

        admin().get("/api/v2.0/projects/" + PROJECT + "/logs").then().statusCode(200)
                .body("resource_type", hasItem("immutable_rule")).body("operation", hasItem("disable"));

        as(MAINTAINER, PASSWORD).delete(RULES + "/" + id).then().statusCode(200);
        admin().get(RULES).then().statusCode(200).header("X-Total-Count", "0");
        admin().delete(RULES + "/" + id).then().statusCode(404);
        assertThat(viewRows()).isEmpty();
    }

    @Test
    void developersAndGuestsListOnlyAndOthersSeeNothing() {
        long id = created(admin().body(rule("doublestar", "release-*", "**")).post(RULES));
        try {
            as(DEVELOPER, PASSWORD).get(RULES).then().statusCode(200);
            as(DEVELOPER, PASSWORD).body(rule("doublestar", "x", "**")).post(RULES).then().statusCode(403);
            as(DEVELOPER, PASSWORD).body(Map.of("disabled", true)).put(RULES + "/" + id).then().statusCode(403);
            as(DEVELOPER, PASSWORD).delete(RULES + "/" + id).then().statusCode(403);
            as(LIMITED, PASSWORD).get(RULES).then().statusCode(403);
            as(STRANGER, PASSWORD).get(RULES).then().statusCode(404);
            anonymous().get(RULES).then().statusCode(401);
            // a rule is reached through its own project only
            String other = unique("immu-other");
            Api.createProject(admin(), other, false);
            admin().delete("/api/v2.0/projects/" + other + "/immutabletagrules/" + id).then().statusCode(404);
        } finally {
            admin().delete(RULES + "/" + id).then().statusCode(200);
        }
    }

    @Test
    void robotsListOrManageRulesAsTheirPermissionsSay() {
        io.restassured.path.json.JsonPath lister = admin().body(Map.of("name", unique("lister"), "level", "project", "duration", -1,
                "permissions", List.of(Map.of("kind", "project", "namespace", PROJECT, "access",
                        List.of(Map.of("resource", "immutable-tag", "action", "list")))))).post("/api/v2.0/robots").then().statusCode(201)
                .extract().jsonPath();
        io.restassured.path.json.JsonPath manager = admin().body(Map.of("name", unique("manager"), "level", "project", "duration", -1,
                "permissions", List.of(Map.of("kind", "project", "namespace", PROJECT, "access",
                        List.of(Map.of("resource", "immutable-tag", "action", "create"),
                                Map.of("resource", "immutable-tag", "action", "delete")))))).post("/api/v2.0/robots").then().statusCode(201)
                .extract().jsonPath();
        as(lister.getString("name"), lister.getString("secret")).get(RULES).then().statusCode(200);
        as(lister.getString("name"), lister.getString("secret")).body(rule("doublestar", "r", "**")).post(RULES).then().statusCode(403);
        long id = created(as(manager.getString("name"), manager.getString("secret")).body(rule("doublestar", "r", "**")).post(RULES));
        as(manager.getString("name"), manager.getString("secret")).delete(RULES + "/" + id).then().statusCode(200);
    }

    @Test
    void badRulesAreRefusedWithTheReasonAndNothingIsStored() {
        assertRefused(rule("glob", "v*", "**"), "unknown selector kind 'glob'");
        assertRefused(rule("doublestar", "", "**"), "must not be empty");
        assertRefused(rule("regex", "v(1", "**"), "not a valid regular expression");
        assertRefused(rule("doublestar", "v[1", "**"), "unclosed '['");
        assertRefused(rule("regex", "x".repeat(600), "**"), "longer than");
        assertRefused(Map.of("tag_selectors", List.of(Map.of("kind", "doublestar", "decoration", "repoMatches", "pattern", "x")),
                "scope_selectors", Map.of("repository", List.of(Map.of("kind", "doublestar", "decoration", "repoMatches", "pattern", "**")))),
                "unknown decoration 'repoMatches'");
        assertRefused(Map.of("tag_selectors", List.of(Map.of("kind", "doublestar", "decoration", "matches", "pattern", "x")),
                "scope_selectors", Map.of("repository", List.of(Map.of("kind", "doublestar", "decoration", "matches", "pattern", "**")))),
                "repoMatches or repoExcludes");
        assertRefused(Map.of("scope_selectors", Map.of("repository", List.of(Map.of("kind", "doublestar", "decoration", "repoMatches",
                "pattern", "**")))), "tag_selectors");
        assertRefused(Map.of("tag_selectors", List.of(Map.of("kind", "doublestar", "decoration", "matches", "pattern", "x"))),
                "scope_selectors");
        Map<String, Object> wrongAction = new java.util.HashMap<>(rule("doublestar", "v*", "**"));
        wrongAction.put("action", "retain");
        assertRefused(wrongAction, "action");
        admin().contentType("application/json").body("{\"tag_selectors\": ").post(RULES).then().statusCode(400);
        admin().get(RULES).then().statusCode(200).header("X-Total-Count", "0");
    }

    @Test
    void aDuplicateIsAConflictAndAProjectHasAtMostFifteenRules() {
        List<Long> ids = new ArrayList<>();
        try {
            ids.add(created(admin().body(rule("doublestar", "dup", "**")).post(RULES)));
            admin().body(rule("doublestar", "dup", "**")).post(RULES).then().statusCode(409);
            for (int i = 1; i < 15; i++) {
                ids.add(created(admin().body(rule("doublestar", "t" + i, "**")).post(RULES)));
            }
            admin().body(rule("doublestar", "t16", "**")).post(RULES).then().statusCode(400)
                    .body("errors[0].message", containsString("at most 15"));
        } finally {
            ids.forEach(id -> admin().delete(RULES + "/" + id).then().statusCode(200));
        }
    }

    void assertRefused(Map<String, Object> body, String reason) {
        admin().body(body).post(RULES).then().statusCode(400).body("errors[0].code", equalTo("BAD_REQUEST"))
                .body("errors[0].message", containsString(reason));
    }

    /** What registry-service reads: project, disabled, tag and repository selectors of each rule of the project. */
    static List<String> viewRows() throws Exception {
        try (var c = io.quarkus.arc.Arc.container().instance(io.agroal.api.AgroalDataSource.class).get().getConnection();
                var st = c.prepareStatement("SELECT project, disabled, tag_selectors::text, repository_selectors::text "
                        + "FROM core.immutable_rule_view WHERE project = ?")) {
            st.setString(1, PROJECT);
            var rs = st.executeQuery();
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getBoolean(2) + " " + rs.getString(3) + " " + rs.getString(4));
            }
            return rows;
        }
    }
}
