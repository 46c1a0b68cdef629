package io.berth.core.retention;

import static io.berth.core.testing.Api.admin;
import static io.berth.core.testing.Api.anonymous;
import static io.berth.core.testing.Api.as;
import static io.berth.core.testing.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.berth.core.testing.Api;
import io.berth.core.testing.CoreTestResource;
import io.berth.core.testing.StubJobservice;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Harbor's {@code /api/v2.0/retentions}: the rule templates, a project's one policy (shape, {@code retention_id},
 * who may manage and read it, bad policies refused with nothing stored), its schedule in core's schedule table, and its
 * runs as jobservice (a stand-in here: {@link StubJobservice}) is asked for them and as core reads them back from
 * jobservice's rows.
 */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
@TestProfile(StubJobservice.Profile.class)
class RetentionApiTest {
    static final String PASSWORD = "Passw0rdR";
    static final String MAINTAINER = unique("rmaint");
    static final String DEVELOPER = unique("rdev");
    static final String STRANGER = unique("rstranger");
    static final List<JsonNode> STARTED = StubJobservice.started("retention");

    @Inject
    AgroalDataSource db;

    static boolean users;

    @BeforeEach
    void reset() {
        StubJobservice.reset();
        if (!users) {
            Api.createUser(MAINTAINER, PASSWORD);
            Api.createUser(DEVELOPER, PASSWORD);
            Api.createUser(STRANGER, PASSWORD);
            users = true;
        }
    }

    static long project(String name) {
        long id = Api.createProject(admin(), name, false);
        Api.addMember(id, MAINTAINER, 4);
        Api.addMember(id, DEVELOPER, 2);
        return id;
    }

    static Map<String, Object> selector(String kind, String decoration, String pattern, String extras) {
        Map<String, Object> s = new HashMap<>(Map.of("kind", kind, "decoration", decoration, "pattern", pattern));
        if (extras != null) {
            s.put("extras", extras);
        }
        return s;
    }

    /** A rule as Harbor's portal sends it. */
    static Map<String, Object> rule(String template, Map<String, Object> params, String tagKind, String tags, String repos) {
        return new HashMap<>(Map.of("disabled", false, "action", "retain", "template", template, "params", params,
                "tag_selectors", List.of(selector(tagKind, "matches", tags, "{\"untagged\":true}")),
                "scope_selectors", Map.of("repository", List.of(selector("doublestar", "repoMatches", repos, null)))));
    }

    static Map<String, Object> policy(long project, String cron, Map<String, Object>... rules) {
        return new HashMap<>(Map.of("algorithm", "or", "rules", List.of(rules),
                "trigger", Map.of("kind", "Schedule", "settings", Map.of("cron", cron), "references", Map.of()),
                "scope", Map.of("level", "project", "ref", project)));
    }

    static long created(Response response) {
        response.then().statusCode(201);
        String location = response.header("Location");
        assertThat(location).startsWith("/api/v2.0/retentions/");
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    @Test
    void theMetadatasAreHarborsTemplatesWithBerthsRegexSelectors() {
        anonymous().get("/api/v2.0/retentions/metadatas").then().statusCode(401);
        as(STRANGER, PASSWORD).get("/api/v2.0/retentions/metadatas").then().statusCode(200)
                .body("templates.rule_template", contains("latestPushedK", "latestPulledN", "nDaysSinceLastPush", "nDaysSinceLastPull", "always"))
                .body("templates[0].display_text", equalTo("the most recently pushed # artifacts"))
                .body("templates[0].action", equalTo("retain"))
                .body("templates[0].params[0].type", equalTo("int")).body("templates[0].params[0].unit", equalTo("COUNT"))
                .body("templates[0].params[0].required", equalTo(true))
                .body("templates[2].params[0].unit", equalTo("DAYS")).body("templates[4].params", hasSize(0))
                .body("scope_selectors.kind", contains("doublestar", "regex"))
                .body("scope_selectors[0].display_text", equalTo("Repositories"))
                .body("scope_selectors[0].decorations", contains("repoMatches", "repoExcludes"))
                .body("tag_selectors.kind", contains("doublestar", "regex"))
                .body("tag_selectors[0].decorations", contains("matches", "excludes"));
    }

    @Test
    void aProjectHasOnePolicyInHarborsShapeThatItsAdministratorManagesAndMaintainersRead() throws Exception {
        String name = unique("ret");
        long project = project(name);
        long id = created(admin().body(policy(project, "", rule("latestPushedK", Map.of("latestPushedK", 10), "doublestar", "**", "**")))
                .post("/api/v2.0/retentions"));
        admin().get("/api/v2.0/projects/" + project).then().statusCode(200).body("metadata.retention_id", equalTo(Long.toString(id)));
        as(MAINTAINER, PASSWORD).get("/api/v2.0/retentions/" + id).then().statusCode(200).body("id", equalTo((int) id))
                .body("algorithm", equalTo("or")).body("scope.level", equalTo("project")).body("scope.ref", equalTo((int) project))
                .body("trigger.kind", equalTo("Schedule")).body("trigger.settings.cron", equalTo(""))
                .body("rules", hasSize(1)).body("rules[0].id", equalTo(0)).body("rules[0].template", equalTo("latestPushedK"))
                .body("rules[0].action", equalTo("retain")).body("rules[0].disabled", equalTo(false))
                .body("rules[0].params.latestPushedK", equalTo(10))
                .body("rules[0].tag_selectors[0].kind", equalTo("doublestar")).body("rules[0].tag_selectors[0].pattern", equalTo("**"))
                .body("rules[0].tag_selectors[0].extras", equalTo("{\"untagged\":true}"))
                .body("rules[0].scope_selectors.repository[0].decoration", equalTo("repoMatches"))
                .body("rules[0].scope_selectors.repository[0].extras", equalTo(""));
        // one policy per project, as in Harbor
        admin().body(policy(project, "", rule("always", Map.of(), "doublestar", "**", "**"))).post("/api/v2.0/retentions").then()
                .statusCode(400).body("errors[0].message", containsString("already has retention policy " + id));
        // maintainers read, only the administrator manages; a developer reads nothing; a stranger sees nothing
        as(MAINTAINER, PASSWORD).body(policy(project, "", rule("always", Map.of(), "doublestar", "**", "**"))).put("/api/v2.0/retentions/" + id)
                .then().statusCode(403);
        as(MAINTAINER, PASSWORD).body(Map.of("dry_run", true)).post("/api/v2.0/retentions/" + id + "/executions").then().statusCode(403);
        as(DEVELOPER, PASSWORD).get("/api/v2.0/retentions/" + id).then().statusCode(403);
        as(STRANGER, PASSWORD).get("/api/v2.0/retentions/" + id).then().statusCode(404);
        anonymous().get("/api/v2.0/retentions/" + id).then().statusCode(401);
        admin().get("/api/v2.0/retentions/999999").then().statusCode(404);
        String other = unique("ret");
        long otherProject = project(other);
        Api.addMember(otherProject, STRANGER, 1);
        as(STRANGER, PASSWORD).body(policy(project, "", rule("always", Map.of(), "doublestar", "**", "**"))).post("/api/v2.0/retentions")
                .then().statusCode(404);

        // PUT replaces the rules and the trigger; a cron makes a schedule row (kind RETENTION, ref the policy)
        admin().body(policy(project, "0 0 3 * * *", rule("nDaysSinceLastPull", Map.of("nDaysSinceLastPull", 7), "regex", "v[0-9]+", "**"),
                rule("always", Map.of(), "doublestar", "release-*", "app/**"))).put("/api/v2.0/retentions/" + id).then().statusCode(200);
        admin().get("/api/v2.0/retentions/" + id).then().statusCode(200).body("rules", hasSize(2)).body("rules[1].id", equalTo(1))
                .body("rules[0].tag_selectors[0].kind", equalTo("regex")).body("trigger.settings.cron", equalTo("0 0 3 * * *"));
        assertThat(schedule(id)).isEqualTo("0 0 3 * * * {\"policy_id\": " + id + "}");
        admin().body(policy(otherProject, "", rule("always", Map.of(), "doublestar", "**", "**"))).put("/api/v2.0/retentions/" + id).then()
                .statusCode(400).body("errors[0].message", containsString("scope.ref must stay " + project));
        admin().body(policy(project, "", rule("always", Map.of(), "doublestar", "**", "**"))).put("/api/v2.0/retentions/" + id).then().statusCode(200);
        assertThat(schedule(id)).isNull();

        // the metadata key is set by the policy, never by hand
        admin().body(Map.of("metadata", Map.of("retention_id", "12345"))).put("/api/v2.0/projects/" + project).then().statusCode(400)
                .body("errors[0].message", containsString("retention_id"));
        admin().body(Map.of("metadata", Map.of("retention_id", Long.toString(id)))).put("/api/v2.0/projects/" + project).then().statusCode(200);
    }

    @Test
    void badPoliciesAreRefusedWithTheReasonAndStoreNothing() {
        String name = unique("retbad");
        long project = project(name);
        Map<String, Object> good = rule("latestPushedK", Map.of("latestPushedK", 3), "doublestar", "**", "**");
        List<Object[]> refused = new ArrayList<>();
        refused.add(new Object[] {policy(project, "", rule("latestPushedK", Map.of("latestPushedK", 3), "regex", "v(1", "**")), "v(1"});
        refused.add(new Object[] {policy(project, "", rule("latestPushedK", Map.of("latestPushedK", 3), "doublestar", "v[1", "**")), "unclosed '['"});
        refused.add(new Object[] {policy(project, "", rule("latestPushedK", Map.of("latestPushedK", 3), "glob", "v*", "**")), "unknown selector kind"});
        refused.add(new Object[] {policy(project, "", rule("newestK", Map.of(), "doublestar", "**", "**")), "unknown rule template"});
        refused.add(new Object[] {policy(project, "", rule("latestPushedK", Map.of(), "doublestar", "**", "**")), "params.latestPushedK"});
        refused.add(new Object[] {policy(project, "", rule("latestPushedK", Map.of("latestPushedK", -1), "doublestar", "**", "**")), "between"});
        refused.add(new Object[] {policy(project, "", rule("nDaysSinceLastPush", Map.of("nDaysSinceLastPush", 0), "doublestar", "**", "**")), "between 1"});
        refused.add(new Object[] {policy(project, "", rule("always", Map.of("always", 1), "doublestar", "**", "**")), "no parameter"});
        refused.add(new Object[] {policy(project, "every night", good), "invalid cron"});
        refused.add(new Object[] {policy(project, ""), "at least one rule"});
        Map<String, Object> badRule = new HashMap<>(good);
        badRule.put("action", "delete");
        refused.add(new Object[] {policy(project, "", badRule), "action must be 'retain'"});
        Map<String, Object> unknownRuleField = new HashMap<>(good);
        unknownRuleField.put("labels", List.of("x"));
        refused.add(new Object[] {policy(project, "", unknownRuleField), "unknown field 'labels'"});
        Map<String, Object> badExtras = new HashMap<>(good);
        badExtras.put("tag_selectors", List.of(selector("doublestar", "matches", "**", "{\"signed\":true}")));
        refused.add(new Object[] {policy(project, "", badExtras), "extras"});
        Map<String, Object> noRepos = new HashMap<>(good);
        noRepos.put("scope_selectors", Map.of());
        refused.add(new Object[] {policy(project, "", noRepos), "scope_selectors.repository"});
        Map<String, Object> and = policy(project, "", good);
        and.put("algorithm", "and");
        refused.add(new Object[] {and, "algorithm must be 'or'"});
        Map<String, Object> event = policy(project, "", good);
        event.put("trigger", Map.of("kind", "Event", "settings", Map.of()));
        refused.add(new Object[] {event, "trigger.kind"});
        Map<String, Object> refs = policy(project, "", good);
        refs.put("trigger", Map.of("kind", "Schedule", "settings", Map.of("cron", ""), "references", Map.of("job_id", 3)));
        refused.add(new Object[] {refs, "references"});
        Map<String, Object> system = policy(project, "", good);
        system.put("scope", Map.of("level", "system", "ref", 0));
        refused.add(new Object[] {system, "scope.level"});
        Map<String, Object> noScope = policy(project, "", good);
        noScope.remove("scope");
        refused.add(new Object[] {noScope, "scope is required"});
        refused.add(new Object[] {policy(987654321L, "", good), "no such project"});
        Map<String, Object> extra = policy(project, "", good);
        extra.put("name", "nightly");
        refused.add(new Object[] {extra, "unknown field 'name'"});
        for (Object[] bad : refused) {
            admin().body(bad[0]).post("/api/v2.0/retentions").then().statusCode(400).body("errors[0].code", equalTo("BAD_REQUEST"))
                    .body("errors[0].message", containsString((String) bad[1]));
        }
        admin().body(policy(project, "", good, good)).post("/api/v2.0/retentions").then().statusCode(409)
                .body("errors[0].message", containsString("rules[1] is the same as rules[0]"));
        admin().get("/api/v2.0/projects/" + project).then().statusCode(200).body("metadata.retention_id", equalTo(null));
    }

    @Test
    void runsAreAskedOfJobserviceAndReadBackInHarborsShape() throws Exception {
        String name = unique("retrun");
        long project = project(name);
        long id = created(admin().body(policy(project, "", rule("latestPushedK", Map.of("latestPushedK", 2), "regex", "v.*", "**")))
                .post("/api/v2.0/retentions"));
        admin().body(Map.of("dry_run", true)).post("/api/v2.0/retentions/" + id + "/executions").then().statusCode(201)
                .header("Location", equalTo("/api/v2.0/retentions/" + id + "/executions/" + StubJobservice.ID));
        JsonNode sent = STARTED.get(0);
        assertThat(sent.path("policy_id").asLong()).isEqualTo(id);
        assertThat(sent.path("dry_run").asBoolean()).isTrue();
        assertThat(sent.path("trigger").asText()).isEqualTo("MANUAL");
        assertThat(sent.path("project").asText()).isEqualTo(name);
        assertThat(sent.path("rules").get(0).path("tag_selectors").get(0).path("pattern").asText()).isEqualTo("v.*");
        admin().post("/api/v2.0/retentions/" + id + "/executions").then().statusCode(201);
        assertThat(STARTED.get(1).path("dry_run").asBoolean()).isFalse();
        for (Object bad : List.of(Map.of("dry_run", "yes"), Map.of("dry_run", true, "repositories", List.of("a")), List.of(true))) {
            admin().body(bad).post("/api/v2.0/retentions/" + id + "/executions").then().statusCode(400);
        }
        assertThat(STARTED).hasSize(2);

        long done = execution(id, "Success", true);
        task(done, name + "/app", "Success", "{\"total\": 50, \"retained\": 12, \"deleted\": 38}", "would delete sha256:aa\n");
        task(done, name + "/web", "Success", "{\"total\": 3, \"retained\": 3, \"deleted\": 0}", "");
        long running = execution(id, "Running", false);
        admin().get("/api/v2.0/retentions/" + id + "/executions").then().statusCode(200).header("X-Total-Count", "2")
                .body("id", contains((int) running, (int) done)).body("[1].policy_id", equalTo((int) id)).body("[1].status", equalTo("Success"))
                .body("[1].trigger", equalTo("MANUAL")).body("[1].dry_run", equalTo(true)).body("[0].dry_run", equalTo(false));
        admin().get("/api/v2.0/retentions/" + id + "/executions?page=2&page_size=1").then().statusCode(200).header("X-Total-Count", "2")
                .header("Link", containsString("rel=\"prev\"")).body("id", contains((int) done));
        as(MAINTAINER, PASSWORD).get("/api/v2.0/retentions/" + id + "/executions/" + done + "/tasks").then().statusCode(200)
                .header("X-Total-Count", "2").body("repository", contains(name + "/app", name + "/web"))
                .body("[0].execution_id", equalTo((int) done)).body("[0].status", equalTo("Success")).body("[0].total", equalTo(50))
                .body("[0].retained", equalTo(12)).body("[1].retained", equalTo(3));
        long firstTask = as(MAINTAINER, PASSWORD).get("/api/v2.0/retentions/" + id + "/executions/" + done + "/tasks").jsonPath().getLong("[0].id");
        String log = as(MAINTAINER, PASSWORD).get("/api/v2.0/retentions/" + id + "/executions/" + done + "/tasks/" + firstTask).then()
                .statusCode(200).extract().asString();
        assertThat(log).isEqualTo("would delete sha256:aa\n");
        admin().get("/api/v2.0/retentions/" + id + "/executions/" + done + "/tasks/99999999").then().statusCode(404);
        admin().get("/api/v2.0/retentions/" + id + "/executions/99999999/tasks").then().statusCode(404);

        // stop: only {"action":"stop"}, only a running execution, only by the administrator
        admin().body(Map.of("action", "pause")).patch("/api/v2.0/retentions/" + id + "/executions/" + running).then().statusCode(400);
        as(MAINTAINER, PASSWORD).body(Map.of("action", "stop")).patch("/api/v2.0/retentions/" + id + "/executions/" + running).then()
                .statusCode(403);
        admin().body(Map.of("action", "stop")).patch("/api/v2.0/retentions/" + id + "/executions/" + done).then().statusCode(409);
        admin().body(Map.of("action", "stop")).patch("/api/v2.0/retentions/" + id + "/executions/" + running).then().statusCode(200);
        assertThat(StubJobservice.STOPPED).containsExactly("/jobs/executions/" + running + "/stop");
    }

    @Test
    void thePolicysScheduleStartsRunsAndGoesWithTheProject() throws Exception {
        long project = project(unique("retcron"));
        long id = created(admin().body(policy(project, "*/2 * * * * *", rule("always", Map.of(), "doublestar", "**", "**")))
                .post("/api/v2.0/retentions"));
        await().atMost(Duration.ofSeconds(20)).until(() -> STARTED.stream().anyMatch(s -> s.path("policy_id").asLong() == id));
        JsonNode sent = STARTED.stream().filter(s -> s.path("policy_id").asLong() == id).findFirst().orElseThrow();
        assertThat(sent.path("trigger").asText()).isEqualTo("SCHEDULE");
        assertThat(sent.path("dry_run").asBoolean()).isFalse();
        // the policy, and its schedule, go with the project
        admin().delete("/api/v2.0/projects/" + project).then().statusCode(200);
        admin().get("/api/v2.0/retentions/" + id).then().statusCode(404);
        assertThat(schedule(id)).isNull();
    }

    private String schedule(long policy) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT cron, parameters::text FROM core.schedule WHERE kind = 'RETENTION' AND ref = ?")) {
            st.setLong(1, policy);
            ResultSet rs = st.executeQuery();
            return rs.next() ? rs.getString(1) + " " + rs.getString(2) : null;
        }
    }

    private long execution(long policy, String status, boolean dryRun) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO jobs.execution (vendor_type, vendor_id, trigger, status, end_time, extra_attrs) VALUES ('RETENTION', ?, 'MANUAL', ?, "
                        + "CASE WHEN ? = 'Running' THEN NULL ELSE now() END, ?::jsonb) RETURNING id")) {
            st.setLong(1, policy);
            st.setString(2, status);
            st.setString(3, status);
            st.setString(4, "{\"dry_run\": " + dryRun + "}");
            ResultSet rs = st.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    private void task(long execution, String repository, String status, String report, String log) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO jobs.task (execution_id, kind, params, status, report, log) VALUES (?, 'RETENTION', ?::jsonb, ?, ?::jsonb, ?)")) {
            st.setLong(1, execution);
            st.setString(2, "{\"repository\": \"" + repository + "\"}");
            st.setString(3, status);
            st.setString(4, report);
            st.setString(5, log);
            st.executeUpdate();
        }
    }
}
