package io.berth.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.media.MediaTypes;
import io.berth.common.testing.Command;
import io.berth.common.testing.OciLayout;
import io.berth.common.testing.Skopeo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tag retention on the whole system as {@code ./berth up} starts it, through Harbor's API on the gateway: six images
 * pushed with skopeo (on the {@link SharedBerth}, into a project of its own) as {@code retention-it/app:v1}…{@code v6}, their push times set in the registry's table (v6 newest),
 * {@code v2} protected by an immutable tag rule, and a policy keeping the two most recently pushed {@code v[0-9]+} tags.
 * A dry run deletes nothing and its log says what it would; the run deletes v1, v3 and v4 through registry-service (skopeo
 * no longer finds them), keeps v5, v6 and the immutable v2, and counts them so.
 */
@Order(7)
@ExtendWith(SharedBerth.class)
class RetentionIT {
    static final String ADMIN = "admin:Harbor12345";
    static final ObjectMapper JSON = new ObjectMapper();
    static BerthSystem berth;
    static Path work;
    static Path layout;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void up(BerthSystem shared) throws Exception {
        berth = shared;
        work = Files.createTempDirectory("retention-it");
        layout = work.resolve("layout");
        OciLayout oci = new OciLayout(layout);
        for (int i = 1; i <= 6; i++) {
            oci.tag("v" + i, MediaTypes.OCI_MANIFEST, oci.image("amd64", 1, 2_000, 40 + i));
        }
    }

    @AfterAll
    static void down() throws Exception {
        if (work != null) {
            Command.run("rm", "-rf", work.toString());
        }
    }

    @Test
    void aPolicyDeletesWhatNoRuleKeepsThroughTheRegistryAndSparesImmutableTags() throws Exception {
        HttpResponse<String> project = api("POST", "/api/v2.0/projects", Map.of("project_name", "retention-it"));
        assertThat(project.statusCode()).as(project.body()).isEqualTo(201);
        for (int i = 1; i <= 6; i++) {
            assertThat(Skopeo.run("copy", "--dest-tls-verify=false", "--dest-creds", ADMIN, "oci:" + layout + ":v" + i,
                    "docker://" + berth.host() + "/retention-it/app:v" + i)).doesNotStartWith("FAILED");
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + BerthSystem.PG + "/" + berth.database, BerthSystem.PG_USER,
                BerthSystem.PG_PASSWORD); PreparedStatement st = c.prepareStatement("UPDATE registry.manifest m SET pushed_at = now() - "
                        + "(7 - substring(t.name from 2)::int) * interval '1 day' FROM registry.tag t WHERE t.repository_id = m.repository_id "
                        + "AND t.manifest_digest = m.digest AND t.repository_id = (SELECT id FROM registry.repository WHERE name = 'retention-it/app')")) {
            assertThat(st.executeUpdate()).isEqualTo(6);
        }
        HttpResponse<String> immutable = api("POST", "/api/v2.0/projects/retention-it/immutabletagrules", Map.of("disabled", false,
                "action", "immutable", "template", "immutable_template",
                "tag_selectors", List.of(Map.of("kind", "doublestar", "decoration", "matches", "pattern", "v2")),
                "scope_selectors", Map.of("repository", List.of(Map.of("kind", "doublestar", "decoration", "repoMatches", "pattern", "**")))));
        assertThat(immutable.statusCode()).as(immutable.body()).isEqualTo(201);
        long projectId = JSON.readTree(api("GET", "/api/v2.0/projects/retention-it", null).body()).path("project_id").asLong();
        HttpResponse<String> created = api("POST", "/api/v2.0/retentions", Map.of("algorithm", "or",
                "rules", List.of(Map.of("disabled", false, "action", "retain", "template", "latestPushedK", "params", Map.of("latestPushedK", 2),
                        "tag_selectors", List.of(Map.of("kind", "regex", "decoration", "matches", "pattern", "v[0-9]+", "extras", "")),
                        "scope_selectors", Map.of("repository", List.of(Map.of("kind", "doublestar", "decoration", "repoMatches", "pattern", "**"))))),
                "trigger", Map.of("kind", "Schedule", "settings", Map.of("cron", ""), "references", Map.of()),
                "scope", Map.of("level", "project", "ref", projectId)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String policy = created.headers().firstValue("Location").orElseThrow();

        JsonNode dry = run(policy, true);
        assertThat(dry.path("status").asText()).as(dry.toString()).isEqualTo("Success");
        JsonNode dryTask = tasks(policy, dry).get(0);
        assertThat(dryTask.path("repository").asText()).isEqualTo("retention-it/app");
        assertThat(dryTask.path("total").asInt()).isEqualTo(6);
        assertThat(dryTask.path("retained").asInt()).isEqualTo(2);
        String dryLog = api("GET", policy + "/executions/" + dry.path("id").asLong() + "/tasks/" + dryTask.path("id").asLong(), null).body();
        assertThat(dryLog).contains("would delete").contains("[v1]").contains("retain ").contains("[v6]: kept by rule 0 (latestPushedK 2");
        for (int i = 1; i <= 6; i++) {
            assertThat(inspect("v" + i)).as("a dry run deletes nothing").doesNotStartWith("FAILED");
        }

        JsonNode real = run(policy, false);
        assertThat(real.path("status").asText()).as(real.toString()).isEqualTo("Success");
        JsonNode task = tasks(policy, real).get(0);
        assertThat(task.path("total").asInt()).isEqualTo(6);
        assertThat(task.path("retained").asInt()).isEqualTo(3);
        String log = api("GET", policy + "/executions/" + real.path("id").asLong() + "/tasks/" + task.path("id").asLong(), null).body();
        assertThat(log).contains("[v2]: no rule retains it, but an immutable tag rule protects it");
        for (String gone : List.of("v1", "v3", "v4")) {
            assertThat(inspect(gone)).as(gone + " was deleted").startsWith("FAILED");
        }
        for (String kept : List.of("v2", "v5", "v6")) {
            assertThat(inspect(kept)).as(kept + " was kept").doesNotStartWith("FAILED");
        }
        JsonNode executions = JSON.readTree(api("GET", policy + "/executions", null).body());
        assertThat(executions).hasSize(2);
        assertThat(executions.get(0).path("dry_run").asBoolean()).isFalse();
        assertThat(executions.get(1).path("dry_run").asBoolean()).isTrue();
    }

    String inspect(String tag) throws Exception {
        return Skopeo.run("inspect", "--raw", "--tls-verify=false", "--creds", ADMIN, "docker://" + berth.host() + "/retention-it/app:" + tag);
    }

    JsonNode run(String policy, boolean dryRun) throws Exception {
        HttpResponse<String> started = api("POST", policy + "/executions", Map.of("dry_run", dryRun));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String location = started.headers().firstValue("Location").orElseThrow();
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> !execution(policy, id).path("status").asText()
                .equals("Running"));
        return execution(policy, id);
    }

    JsonNode execution(String policy, long id) throws Exception {
        for (JsonNode e : JSON.readTree(api("GET", policy + "/executions?page_size=100", null).body())) {
            if (e.path("id").asLong() == id) {
                return e;
            }
        }
        throw new AssertionError("no execution " + id);
    }

    JsonNode tasks(String policy, JsonNode execution) throws Exception {
        return JSON.readTree(api("GET", policy + "/executions/" + execution.path("id").asLong() + "/tasks", null).body());
    }

    HttpResponse<String> api(String method, String path, Object body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(berth.url() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(ADMIN.getBytes()))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
