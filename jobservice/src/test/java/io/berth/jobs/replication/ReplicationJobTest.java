package io.berth.jobs.replication;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.berth.common.event.ExecutionEvent;
import io.berth.common.media.MediaTypes;
import io.berth.common.secret.SecretBox;
import io.berth.common.testing.Distribution;
import io.berth.common.testing.OciLayout;
import io.berth.common.testing.Skopeo;
import io.berth.jobs.testing.CoreTokens;
import io.berth.jobs.testing.Executions;
import io.berth.jobs.testing.JobsTestResource;
import io.berth.service.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replication executions run by jobservice between real CNCF Distributions (an open source, a
 * destination with htpasswd logins): planning by filters, namespace replacement, multi-arch
 * indexes, idempotent re-runs, retries while the destination is down, stopping.
 */
@QuarkusTest
@QuarkusTestResource(JobsTestResource.class)
class ReplicationJobTest {
    static final String USER = "replicator";
    static final String PASSWORD = "S3cret-pass";
    @jakarta.inject.Inject
    io.quarkus.redis.datasource.RedisDataSource redis;
    static Distribution source;
    static Distribution destination;
    static long sourceId;
    static long destinationId;
    static Map<String, String> manifests = new HashMap<>();

    @BeforeEach
    void registries() throws Exception {
        if (source != null) {
            return;
        }
        source = Distribution.start();
        destination = Distribution.start(USER, PASSWORD);
        Path dir = Files.createTempDirectory("replication-src");
        OciLayout oci = new OciLayout(dir);
        manifests.put("library/app:v1", oci.image("amd64", 2, 50_000, 11));
        manifests.put("library/app:v2", oci.image("amd64", 2, 50_000, 12));
        manifests.put("library/app:dev-1", oci.image("amd64", 1, 1_000, 13));
        manifests.put("team/x/tool:v1", oci.image("amd64", 1, 1_000, 14));
        manifests.put("library/multi:v1", oci.index(List.of("amd64", "arm64"), 15));
        manifests.put("library/big:v1", oci.image("amd64", 1, 3_000_000, 16));
        manifests.put("library/sbom:v1", oci.artifact("application/vnd.example.sbom", manifests.get("library/app:v1"), "{\"sbom\":1}"));
        for (var entry : manifests.entrySet()) {
            String tag = entry.getKey().replace('/', '_').replace(':', '_');
            oci.tag(tag, entry.getValue().contains("\"manifests\"") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST, entry.getValue());
            skopeo("copy", "--all", "--dest-tls-verify=false", "oci:" + dir + ":" + tag, "docker://" + source.host() + "/" + entry.getKey());
        }
        sourceId = registry("source", source.url(), null, null);
        destinationId = registry("destination", destination.url(), USER, PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (source != null) {
            source.close();
            destination.close();
        }
    }

    static String skopeo(String... args) throws Exception {
        return Skopeo.run(args);
    }

    static String atDestination(String reference) throws Exception {
        return skopeo("inspect", "--raw", "--tls-verify=false", "--creds", USER + ":" + PASSWORD, "docker://" + destination.host() + "/" + reference);
    }

    /** A remote registry as core stores it: the secret sealed with the shared key. */
    static long registry(String name, String url, String user, String password) throws Exception {
        SecretBox box = SecretBox.fromFile(JobsTestResource.DIR.resolve("secret.key"));
        try (Connection c = connection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO core.registry (name, type, url, access_key, access_secret) VALUES (?, 'docker-registry', ?, ?, ?) RETURNING id")) {
            st.setString(1, name);
            st.setString(2, url);
            st.setString(3, user);
            st.setString(4, box.encrypt(password));
            ResultSet rs = st.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    static Connection connection() throws Exception {
        return DriverManager.getConnection(JobsTestResource.jdbcUrl, PostgresTestDatabase.USER, PostgresTestDatabase.PASSWORD);
    }

    static long start(Map<String, Object> policy) throws Exception {
        return given().header("Authorization", CoreTokens.bearer()).contentType(ContentType.JSON).body(policy).post("/jobs/replication/executions").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    static Map<String, Object> policy(long from, long to, Object... more) {
        Map<String, Object> policy = new HashMap<>(Map.of("policy_id", 1, "src_registry_id", from, "dest_registry_id", to,
                "override", true, "speed", -1));
        for (int i = 0; i < more.length; i += 2) {
            policy.put((String) more[i], more[i + 1]);
        }
        return policy;
    }

    static Map<String, Object> execution(long id) throws Exception {
        return Executions.execution(id);
    }

    static List<Map<String, Object>> tasks(long execution) throws Exception {
        List<Map<String, Object>> tasks = new ArrayList<>();
        try (Connection c = connection(); PreparedStatement st = c.prepareStatement(
                "SELECT id, params->>'dest_repository' AS dest, params->>'tag' AS tag, status, status_message, attempts, log, bytes "
                        + "FROM jobs.task_view WHERE execution_id = ? ORDER BY id")) {
            st.setLong(1, execution);
            ResultSet rs = st.executeQuery();
            while (rs.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
                }
                tasks.add(row);
            }
        }
        return tasks;
    }

    static void awaitStatus(long execution, String status) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(execution(execution).get("status")).as(() -> {
                    try {
                        return tasks(execution).toString();
                    } catch (Exception e) {
                        return e.toString();
                    }
                }).isEqualTo(status));
    }

    @Test
    void filtersNamespaceAndIndexesCopyByteForByteAndARerunChangesNothing() throws Exception {
        Map<String, Object> policy = policy(sourceId, destinationId, "dest_namespace", "mirror", "dest_namespace_replace_count", 1,
                "filters", List.of(Map.of("type", "name", "value", "library/{app,multi}", "decoration", "matches"),
                        Map.of("type", "tag", "value", "dev-*", "decoration", "excludes")));
        long first = start(policy);
        awaitStatus(first, "Success");
        assertThat(tasks(first)).extracting(t -> t.get("dest") + ":" + t.get("tag"))
                .containsExactlyInAnyOrder("mirror/app:v1", "mirror/app:v2", "mirror/multi:v1");
        assertThat(atDestination("mirror/app:v1")).isEqualTo(manifests.get("library/app:v1"));
        assertThat(atDestination("mirror/app:v2")).isEqualTo(manifests.get("library/app:v2"));
        assertThat(atDestination("mirror/multi:v1")).isEqualTo(manifests.get("library/multi:v1"));
        assertThat(atDestination("mirror/app:dev-1")).startsWith("FAILED");
        assertThat(execution(first).get("succeed")).isEqualTo(3L);
        assertThat((Long) execution(first).get("bytes")).isGreaterThan(100_000L);

        long again = start(policy);
        awaitStatus(again, "Success");
        assertThat(tasks(again)).allSatisfy(t -> assertThat((String) t.get("log")).contains("already has it"));
        assertThat(execution(again).get("bytes")).isEqualTo(0L);
    }

    @Test
    void theEndOfAnExecutionIsRelayedOnceToTheExecutionEventStream() throws Exception {
        // the stream outlives test runs (one Redis): only entries from now on (stream ids are the server's milliseconds)
        streamFrom = String.valueOf(System.currentTimeMillis());
        long id = start(policy(sourceId, destinationId, "dest_namespace", "ended", "filters",
                List.of(Map.of("type", "name", "value", "library/app", "decoration", "matches"))));
        awaitStatus(id, "Success");
        await().atMost(Duration.ofSeconds(20)).until(() -> endEvents(id).size() == 1);
        ExecutionEvent event = endEvents(id).get(0);
        assertThat(event.vendorType()).isEqualTo("REPLICATION");
        assertThat(event.vendorId()).isEqualTo(1);
        assertThat(event.status()).isEqualTo("Success");
        assertThat(event.trigger()).isEqualTo("MANUAL");
        assertThat(event.id()).isEqualTo("replication-execution-" + id + "-ended");
        assertThat(event.endTime()).isAfterOrEqualTo(event.startTime());
        Thread.sleep(2_500); // a few relay ticks: it is not sent again
        assertThat(endEvents(id)).hasSize(1);
        try (Connection c = connection(); PreparedStatement st = c.prepareStatement("SELECT end_event_pending FROM jobs.execution WHERE id = ?")) {
            st.setLong(1, id);
            ResultSet rs = st.executeQuery();
            rs.next();
            assertThat(rs.getBoolean(1)).isFalse();
        }
    }

    private String streamFrom = "-";

    List<ExecutionEvent> endEvents(long execution) {
        return redis.stream(String.class).xrange(ExecutionEvent.STREAM, io.quarkus.redis.datasource.stream.StreamRange.of(streamFrom, "+")).stream()
                .map(m -> ExecutionEvent.decode(m.payload().get(ExecutionEvent.FIELD))).filter(e -> e.executionId() == execution).toList();
    }

    @Test
    void aResourceFilterOfImagesLeavesOtherArtifactsOut() throws Exception {
        long id = start(policy(sourceId, destinationId, "dest_namespace", "images", "filters", List.of(
                Map.of("type", "name", "value", "library/{sbom,multi,app}"), Map.of("type", "tag", "value", "v1"),
                Map.of("type", "resource", "value", "image"))));
        awaitStatus(id, "Success");
        assertThat(atDestination("images/multi:v1")).isEqualTo(manifests.get("library/multi:v1"));
        assertThat(atDestination("images/app:v1")).isEqualTo(manifests.get("library/app:v1"));
        assertThat(atDestination("images/sbom:v1")).startsWith("FAILED");
        assertThat(tasks(id)).filteredOn(t -> "images/sbom".equals(t.get("dest")))
                .singleElement().satisfies(t -> assertThat((String) t.get("log")).contains("not an image"));

        long all = start(policy(sourceId, destinationId, "dest_namespace", "everything", "filters", List.of(
                Map.of("type", "name", "value", "library/sbom"), Map.of("type", "resource", "value", "artifact"))));
        awaitStatus(all, "Success");
        assertThat(atDestination("everything/sbom:v1")).isEqualTo(manifests.get("library/sbom:v1"));
    }

    @Test
    void aDestinationThatIsDownFailsClearlyIsRetriedAndSucceedsOnceItIsBack() throws Exception {
        int port = Distribution.freePort();
        long later = registry("later", "http://127.0.0.1:" + port, USER, PASSWORD);
        long id = start(policy(sourceId, later, "filters", List.of(Map.of("type", "name", "value", "library/app"),
                Map.of("type", "tag", "value", "v1"))));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> task = tasks(id).get(0);
            assertThat((Integer) task.get("attempts")).isGreaterThanOrEqualTo(1);
            assertThat((String) task.get("log")).contains("trying again");
        });
        assertThat(execution(id).get("status")).isEqualTo("Running");
        try (Distribution back = Distribution.start(USER, PASSWORD, port)) {
            awaitStatus(id, "Success");
            assertThat(skopeo("inspect", "--raw", "--tls-verify=false", "--creds", USER + ":" + PASSWORD,
                    "docker://" + back.host() + "/library/app:v1")).isEqualTo(manifests.get("library/app:v1"));
            assertThat((String) tasks(id).get(0).get("log")).contains("127.0.0.1:" + port);
        }
    }

    @Test
    void wrongCredentialsEndInErrorWithoutRetrying() throws Exception {
        long wrong = registry("wrong-password", destination.url(), USER, "not-it");
        long id = start(policy(sourceId, wrong, "filters", List.of(Map.of("type", "name", "value", "team/**"))));
        awaitStatus(id, "Error");
        Map<String, Object> task = tasks(id).get(0);
        assertThat(task.get("attempts")).isEqualTo(1);
        assertThat((String) task.get("status_message")).contains("401");
    }

    @Test
    void stoppingAnExecutionStopsItsRunningTask() throws Exception {
        long id = start(policy(sourceId, destinationId, "speed", 100, "dest_namespace", "slow",
                "filters", List.of(Map.of("type", "name", "value", "library/big"))));
        await().atMost(Duration.ofSeconds(20)).until(() -> (Long) execution(id).get("bytes") > 0);
        given().header("Authorization", CoreTokens.bearer()).post("/jobs/executions/" + id + "/stop").then().statusCode(200);
        awaitStatus(id, "Stopped");
        assertThat(tasks(id).get(0).get("status")).isEqualTo("Stopped");
        assertThat(atDestination("slow/big:v1")).startsWith("FAILED");
        given().header("Authorization", CoreTokens.bearer()).post("/jobs/executions/999999/stop").then().statusCode(404);
    }

    @Test
    void badPoliciesAndUnreachableSourcesAreRefusedAtOnce() throws Exception {
        given().header("Authorization", CoreTokens.bearer()).contentType(ContentType.JSON).body(policy(sourceId, destinationId, "filters", List.of(Map.of("type", "name", "value", "{oops"))))
                .post("/jobs/replication/executions").then().statusCode(400).body("errors[0].message", containsString("braces"));
        long gone = registry("gone", "http://127.0.0.1:" + Distribution.freePort(), null, null);
        given().header("Authorization", CoreTokens.bearer()).contentType(ContentType.JSON).body(policy(gone, destinationId)).post("/jobs/replication/executions").then().statusCode(502)
                .body("errors[0].message", containsString("cannot list the source registry"));
        given().header("Authorization", CoreTokens.bearer()).contentType(ContentType.JSON).body("{").post("/jobs/replication/executions").then().statusCode(400);
    }

    @Test
    void aDeletionIsReplicatedOnlyWhileTheDestinationTagStillNamesTheDeletedArtifact() throws Exception {
        Map<String, Object> copy = policy(sourceId, destinationId, "dest_namespace", "guard", "filters",
                List.of(Map.of("type", "name", "value", "library/app"), Map.of("type", "tag", "value", "v2")));
        awaitStatus(start(copy), "Success");
        assertThat(atDestination("guard/app:v2")).isEqualTo(manifests.get("library/app:v2"));

        Map<String, Object> staleDelete = new HashMap<>(copy);
        staleDelete.put("resource", Map.of("repository", "library/app", "tag", "v2", "deleted", true,
                "digest", OciLayout.sha256(manifests.get("library/app:v1"))));
        long stale = start(staleDelete);
        awaitStatus(stale, "Success");
        assertThat((String) tasks(stale).get(0).get("log")).contains("left alone");
        assertThat(atDestination("guard/app:v2")).isEqualTo(manifests.get("library/app:v2"));

        Map<String, Object> delete = new HashMap<>(copy);
        delete.put("resource", Map.of("repository", "library/app", "tag", "v2", "deleted", true,
                "digest", OciLayout.sha256(manifests.get("library/app:v2"))));
        long deleted = start(delete);
        awaitStatus(deleted, "Success");
        // CNCF Distribution does not delete tags alone: the manifest goes, as Harbor does it there
        assertThat((String) tasks(deleted).get(0).get("log")).contains("does not delete tags alone");
        assertThat(atDestination("guard/app:v2")).startsWith("FAILED");
    }

    @Test
    void onlyCoreMayCallTheJobApi() throws Exception {
        given().contentType(ContentType.JSON).body(policy(sourceId, destinationId)).post("/jobs/replication/executions").then().statusCode(401);
        given().header("Authorization", "Bearer not.a.token").post("/jobs/executions/1/stop").then().statusCode(401);
        String expired = CoreTokens.bearer(JobsTestResource.DIR.resolve("token.key"), JobsTestResource.DIR.resolve("token.crt"),
                "berth-token-service", Duration.ofMinutes(-5));
        given().header("Authorization", expired).post("/jobs/executions/1/stop").then().statusCode(401);
        String otherIssuer = CoreTokens.bearer(JobsTestResource.DIR.resolve("token.key"), JobsTestResource.DIR.resolve("token.crt"),
                "someone-else", Duration.ofMinutes(5));
        given().header("Authorization", otherIssuer).post("/jobs/executions/1/stop").then().statusCode(401);
        given().baseUri(management.resolve("/").toString()).get("/q/health/ready").then().statusCode(200);
    }

    @io.quarkus.test.common.http.TestHTTPResource(value = "/", management = true)
    java.net.URI management;
}
