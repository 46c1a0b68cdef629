package io.berth.jobs.retention;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.berth.common.event.RegistryEvent;
import io.berth.common.event.RegistryEventCodec;
import io.berth.common.webhook.WebhookPayloads;
import io.berth.jobs.testing.CoreTokens;
import io.berth.jobs.testing.Executions;
import io.berth.jobs.testing.JobsTestResource;
import io.berth.jobs.testing.StubServices;
import io.berth.service.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tag retention as jobservice runs it, over registry-service's real schema (its migrations) in the test database:
 * repository {@code <p>/app} holds 50 artifacts whose push and pull times are set in the registry's tables (artifact i
 * pushed i days ago; the even ones pulled i hours ago, the odd ones never), tagged {@code v0}…{@code v39}, {@code dev-40}
 * …{@code dev-44}, and five untagged; {@code <p>/other} holds three. Each template, glob and regex selectors, decorations
 * and untagged artifacts are checked by dry runs (nothing deleted, the log says per artifact which rule keeps it); a
 * real run deletes through the OCI DELETE ({@link RegistryDeletes}: the rows really go) and counts an artifact the
 * registry refuses as immutable as retained, and tells webhooks with a {@code TAG_RETENTION} event; a stop ends a run
 * in the middle.
 */
@QuarkusTest
@QuarkusTestResource(JobsTestResource.class)
@TestProfile(StubServices.Profile.class)
class RetentionJobTest {
    static final Instant NOW = Instant.now();

    @Inject
    RedisDataSource redis;
    static RegistryDeletes registry;
    static boolean migrated;

    @BeforeAll
    static void up() throws Exception {
        registry = new RegistryDeletes(StubServices.REGISTRY_PORT);
    }

    @AfterAll
    static void down() {
        registry.close();
    }

    @BeforeEach
    void schema() {
        if (!migrated) {
            Flyway.configure().dataSource(JobsTestResource.jdbcUrl, PostgresTestDatabase.USER, PostgresTestDatabase.PASSWORD)
                    .schemas("registry").locations("filesystem:" + Path.of("../registry-service/src/main/resources/db/registry")
                            .toAbsolutePath().normalize()).load().migrate();
            migrated = true;
        }
        registry.immutable.clear();
        registry.calls.clear();
        registry.hold = new CountDownLatch(0);
    }

    static String digest(String project, int i) {
        return "sha256:" + String.format("%064x", (long) project.hashCode() * 1000 + i).replace(' ', '0').replace('-', 'f');
    }

    /** A project with {@code app} (the 50 artifacts) and {@code other} (three, pushed now, tagged x0..x2). */
    static String project() throws Exception {
        String project = "p" + Long.toHexString(System.nanoTime());
        try (Connection c = db()) {
            long app = repository(c, project + "/app");
            for (int i = 0; i < 50; i++) {
                String tag = i < 40 ? "v" + i : i < 45 ? "dev-" + i : null;
                manifest(c, app, digest(project, i), NOW.minus(Duration.ofDays(i)), i % 2 == 0 ? NOW.minus(Duration.ofHours(i)) : null, tag);
            }
            long other = repository(c, project + "/other");
            for (int i = 0; i < 3; i++) {
                manifest(c, other, digest(project, 100 + i), NOW, null, "x" + i);
            }
        }
        return project;
    }

    static Map<String, Object> rule(String template, Map<String, Object> params, String tagKind, String decoration, String tags,
            boolean untagged, String repoKind, String repos) {
        return Map.of("disabled", false, "action", "retain", "template", template, "params", params,
                "tag_selectors", List.of(Map.of("kind", tagKind, "decoration", decoration, "pattern", tags,
                        "extras", untagged ? "{\"untagged\":true}" : "")),
                "scope_selectors", Map.of("repository", List.of(Map.of("kind", repoKind, "decoration", "repoMatches", "pattern", repos))));
    }

    /** Runs the rules over the project and waits for the end; the tasks by repository: total, retained, deleted and log. */
    static Map<String, Map<String, Object>> run(String project, boolean dryRun, Map<String, Object>... rules) throws Exception {
        long id = given().header("Authorization", CoreTokens.bearer()).contentType(ContentType.JSON)
                .body(Map.of("policy_id", 7, "trigger", "MANUAL", "dry_run", dryRun, "project", project, "rules", List.of(rules)))
                .post("/jobs/retention/executions").then().statusCode(201).extract().jsonPath().getLong("id");
        Executions.awaitStatus(id, "Success");
        Map<String, Map<String, Object>> tasks = new HashMap<>();
        try (Connection c = db(); PreparedStatement st = c.prepareStatement("SELECT params ->> 'repository', (report ->> 'total')::int, "
                + "(report ->> 'retained')::int, (report ->> 'deleted')::int, log FROM jobs.task WHERE execution_id = ? ORDER BY id")) {
            st.setLong(1, id);
            ResultSet rs = st.executeQuery();
            while (rs.next()) {
                tasks.put(rs.getString(1).substring(project.length() + 1), Map.of("total", rs.getInt(2), "retained", rs.getInt(3),
                        "deleted", rs.getInt(4), "log", rs.getString(5)));
            }
        }
        try (Connection c = db(); PreparedStatement st = c.prepareStatement("SELECT vendor_id, extra_attrs ->> 'dry_run' FROM jobs.execution WHERE id = ?")) {
            st.setLong(1, id);
            ResultSet rs = st.executeQuery();
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(7);
            assertThat(rs.getString(2)).isEqualTo(Boolean.toString(dryRun));
        }
        return tasks;
    }

    static List<Integer> counts(Map<String, Object> task) {
        return List.of((Integer) task.get("total"), (Integer) task.get("retained"), (Integer) task.get("deleted"));
    }

    @Test
    void dryRunsApplyEachTemplateAndDeleteNothing() throws Exception {
        String p = project();
        var pushed = run(p, true, rule("latestPushedK", Map.of("latestPushedK", 10), "doublestar", "matches", "**", true, "doublestar", "**"));
        assertThat(counts(pushed.get("app"))).containsExactly(50, 10, 40);
        assertThat(counts(pushed.get("other"))).containsExactly(3, 3, 0);
        String log = (String) pushed.get("app").get("log");
        assertThat(log).contains("dry run of retention policy 7 over " + p + "/app: 50 artifact(s)")
                .contains("retain " + digest(p, 0) + " [v0]: kept by rule 0 (latestPushedK 10")
                .contains("would delete " + digest(p, 10) + " [v10]: no rule retains it")
                .contains("would delete " + digest(p, 49) + " (untagged): no rule retains it")
                .doesNotContain("retain " + digest(p, 10));

        var pulled = run(p, true, rule("latestPulledN", Map.of("latestPulledN", 5), "regex", "matches", "v[0-9]+", false, "doublestar", "**"));
        assertThat(counts(pulled.get("app"))).containsExactly(50, 5, 45); // v0, v2, v4, v6, v8: the most recently pulled
        assertThat((String) pulled.get("app").get("log")).contains("retain " + digest(p, 8) + " [v8]").doesNotContain("retain " + digest(p, 1) + " ");

        var recent = run(p, true, rule("nDaysSinceLastPush", Map.of("nDaysSinceLastPush", 7), "doublestar", "matches", "**", true, "doublestar", "**"));
        assertThat(counts(recent.get("app"))).containsExactly(50, 7, 43); // pushed 0..6 days ago

        var used = run(p, true, rule("nDaysSinceLastPull", Map.of("nDaysSinceLastPull", 1), "doublestar", "matches", "**", true, "doublestar", "**"));
        assertThat(counts(used.get("app"))).containsExactly(50, 12, 38); // pulled 0, 2, ... 22 hours ago

        var dev = run(p, true, rule("always", Map.of(), "doublestar", "matches", "dev-*", false, "doublestar", "app"));
        assertThat(dev).containsOnlyKeys("app"); // the repository selector leaves other out: no task
        assertThat(counts(dev.get("app"))).containsExactly(50, 5, 45);

        var notV = run(p, true, rule("always", Map.of(), "regex", "excludes", "v\\d+", true, "regex", "oth.*|app"));
        assertThat(counts(notV.get("app"))).containsExactly(50, 10, 40); // dev-40..44 and the five untagged
        assertThat(counts(notV.get("other"))).containsExactly(3, 3, 0);

        // two rules: kept if any rule keeps it
        var either = run(p, true, rule("latestPushedK", Map.of("latestPushedK", 3), "doublestar", "matches", "v*", false, "doublestar", "**"),
                rule("always", Map.of(), "doublestar", "matches", "dev-4{0,1}", false, "doublestar", "**"));
        assertThat(counts(either.get("app"))).containsExactly(50, 5, 45);
        assertThat((String) either.get("app").get("log")).contains("retain " + digest(p, 41) + " [dev-41]: kept by rule 1 (always");

        assertThat(registry.calls).isEmpty();
        assertThat(remaining(p + "/app")).isEqualTo(50);
        assertThat(retentionEvents(p)).as("a dry run changes nothing and tells no webhook").isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRunDeletesThroughTheRegistryAndKeepsWhatItRefusesAsImmutable() throws Exception {
        String p = project();
        registry.immutable.add(digest(p, 20));
        var tasks = run(p, false, rule("latestPushedK", Map.of("latestPushedK", 10), "doublestar", "matches", "**", true, "doublestar", "app"));
        assertThat(counts(tasks.get("app"))).containsExactly(50, 11, 39);
        assertThat((String) tasks.get("app").get("log")).contains("deleted " + digest(p, 11) + " [v11]: no rule retains it")
                .contains("retain " + digest(p, 20) + " [v20]: no rule retains it, but an immutable tag rule protects it")
                .contains(p + "/app: 50 artifact(s), 11 retained, 39 deleted");
        assertThat(remaining(p + "/app")).isEqualTo(11);
        assertThat(remaining(p + "/other")).isEqualTo(3);
        assertThat(registry.calls).hasSize(40).allSatisfy(call -> assertThat(call).startsWith("tag-retention " + p + "/app [\"delete\"]"));

        // the run's TAG_RETENTION event, on the registry event stream core's webhooks read, and its Harbor payload
        await().atMost(Duration.ofSeconds(20)).until(() -> !retentionEvents(p).isEmpty()); // sent right after the run ended
        RegistryEvent event = retentionEvents(p).get(0);
        assertThat(event.actor()).isEqualTo("MANUAL");
        Map<String, Object> data = WebhookPayloads.retentionEventData(event, "berth.example.com");
        Map<String, Object> retention = (Map<String, Object>) data.get("retention");
        assertThat(retention).containsEntry("total", 50L).containsEntry("retained", 11L).containsEntry("project_name", p)
                .containsEntry("retention_policy_id", 7L).containsEntry("result", "SUCCESS").containsEntry("hostname", "berth.example.com");
        List<Map<String, Object>> deleted = (List<Map<String, Object>>) retention.get("deleted_artifact");
        assertThat(deleted).hasSize(39).contains(Map.of("type", "image", "name", p + "/app", "tag", "v11", "status", "SUCCESS"),
                Map.of("type", "image", "name", p + "/app", "tag", digest(p, 49), "status", "SUCCESS"));

        // run again: what is left is what the policy keeps, and the immutable one again refused
        var again = run(p, false, rule("latestPushedK", Map.of("latestPushedK", 10), "doublestar", "matches", "**", true, "doublestar", "app"));
        assertThat(counts(again.get("app"))).containsExactly(11, 11, 0);
    }

    @Test
    void aStopActsBetweenArtifacts() throws Exception {
        String p = project();
        registry.hold = new CountDownLatch(1);
        long id = given().header("Authorization", CoreTokens.bearer()).contentType(ContentType.JSON)
                .body(Map.of("policy_id", 7, "trigger", "MANUAL", "dry_run", false, "project", p, "rules",
                        List.of(rule("latestPushedK", Map.of("latestPushedK", 10), "doublestar", "matches", "**", true, "doublestar", "app"))))
                .post("/jobs/retention/executions").then().statusCode(201).extract().jsonPath().getLong("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> !registry.calls.isEmpty()); // the first deletion is under way
        given().header("Authorization", CoreTokens.bearer()).post("/jobs/executions/" + id + "/stop").then().statusCode(200);
        Executions.awaitStatus(id, "Stopped");
        registry.hold.countDown();
        assertThat(registry.calls).hasSize(1);
        assertThat(remaining(p + "/app")).isGreaterThanOrEqualTo(49);
        assertThat((String) Executions.task(id).get("log")).contains("stopped");
    }

    @Test
    void badRequestsAreRefused() throws Exception {
        List<Map<String, Object>> bad = new ArrayList<>();
        bad.add(Map.of("policy_id", 7, "project", "p", "rules", List.of(rule("always", Map.of(), "regex", "matches", "v(", false, "doublestar", "**"))));
        bad.add(Map.of("policy_id", 7, "rules", List.of(rule("always", Map.of(), "doublestar", "matches", "**", false, "doublestar", "**"))));
        bad.add(Map.of("policy_id", 0, "project", "p", "rules", List.of()));
        for (Map<String, Object> body : bad) {
            given().header("Authorization", CoreTokens.bearer()).contentType(ContentType.JSON).body(body).post("/jobs/retention/executions")
                    .then().statusCode(400).body("errors[0].message", containsString(""));
        }
        given().contentType(ContentType.JSON).body(Map.of()).post("/jobs/retention/executions").then().statusCode(401);
    }

    /** The TAG_RETENTION events of the project on the registry event stream. */
    List<RegistryEvent> retentionEvents(String project) {
        return redis.stream(String.class, String.class, String.class).xrange(RegistryEvent.STREAM, StreamRange.of("-", "+")).stream()
                .map(m -> RegistryEventCodec.decode(m.payload().get(RegistryEventCodec.FIELD)))
                .filter(e -> e.type() == RegistryEvent.Type.TAG_RETENTION && project.equals(e.project())).toList();
    }

    static int remaining(String repository) throws Exception {
        try (Connection c = db(); PreparedStatement st = c.prepareStatement(
                "SELECT count(*) FROM registry.artifact_view WHERE repository = ?")) {
            st.setString(1, repository);
            ResultSet rs = st.executeQuery();
            rs.next();
            return rs.getInt(1);
        }
    }

    static Connection db() throws Exception {
        return DriverManager.getConnection(JobsTestResource.jdbcUrl, PostgresTestDatabase.USER, PostgresTestDatabase.PASSWORD);
    }

    static long repository(Connection c, String name) throws Exception {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO registry.repository (name, project) VALUES (?, ?) RETURNING id")) {
            st.setString(1, name);
            st.setString(2, name.substring(0, name.indexOf('/')));
            ResultSet rs = st.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    static void manifest(Connection c, long repository, String digest, Instant pushed, Instant pulled, String tag) throws Exception {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO registry.manifest (repository_id, digest, media_type, content, total_size, "
                + "pushed_at, pulled_at) VALUES (?, ?, 'application/vnd.oci.image.manifest.v1+json', '\\x7b7d'::bytea, 2, ?, ?)")) {
            st.setLong(1, repository);
            st.setString(2, digest);
            st.setTimestamp(3, Timestamp.from(pushed));
            st.setTimestamp(4, pulled == null ? null : Timestamp.from(pulled));
            st.executeUpdate();
        }
        if (tag != null) {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO registry.tag (repository_id, name, manifest_digest) VALUES (?, ?, ?)")) {
                st.setLong(1, repository);
                st.setString(2, tag);
                st.setString(3, digest);
                st.executeUpdate();
            }
        }
    }
}
