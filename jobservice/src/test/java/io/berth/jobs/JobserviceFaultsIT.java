package io.berth.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.common.media.MediaTypes;
import io.berth.common.secret.SecretBox;
import io.berth.common.testing.Distribution;
import io.berth.common.testing.OciLayout;
import io.berth.common.testing.Skopeo;
import io.berth.common.testing.ServiceProcess;
import io.berth.common.job.WebhookRequest;
import io.berth.common.webhook.WebhookSignature;
import io.berth.jobs.testing.CoreTokens;
import io.berth.jobs.webhook.Receiver;
import io.berth.service.testing.PostgresTestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * jobservice as real processes against real CNCF Distributions: one killed with SIGKILL in the
 * middle of a replication (another replica takes the task back and finishes it), Redis flushed with
 * work pending (nothing is lost), and two replicas sharing the work (no task runs twice).
 */
class JobserviceFaultsIT {
    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    static final String REDIS_DB = "13";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    static String database;
    static String jdbc;
    static Path dir;
    static Distribution source;
    static Distribution destination;
    static long sourceId;
    static long destinationId;
    static Map<String, String> manifests = new HashMap<>();

    @BeforeAll
    static void setUp() throws Exception {
        database = PostgresTestDatabase.create();
        jdbc = PostgresTestDatabase.jdbcUrl(database);
        Flyway.configure().dataSource(jdbc, PostgresTestDatabase.USER, PostgresTestDatabase.PASSWORD).schemas("core")
                .locations("filesystem:" + Path.of("../core-service/src/main/resources/db/core").toAbsolutePath().normalize()).load().migrate();
        dir = Files.createTempDirectory("jobs-faults");
        source = Distribution.start();
        destination = Distribution.start("replicator", "S3cret-pass");
        OciLayout oci = new OciLayout(dir.resolve("oci"));
        manifests.put("big/app:v1", oci.image("amd64", 2, 4_000_000, 31));
        for (int i = 0; i < 6; i++) {
            manifests.put("many/app:v" + i, oci.image("amd64", 1, 20_000, 40 + i));
        }
        for (var entry : manifests.entrySet()) {
            String tag = entry.getKey().replace('/', '_').replace(':', '_');
            oci.tag(tag, MediaTypes.OCI_MANIFEST, entry.getValue());
            skopeo("copy", "--dest-tls-verify=false", "oci:" + dir.resolve("oci") + ":" + tag, "docker://" + source.host() + "/" + entry.getKey());
        }
        SecretBox box = SecretBox.fromFile(dir.resolve("secret.key"));
        sourceId = registry("source", source.url(), null, null);
        destinationId = registry("destination", destination.url(), "replicator", box.encrypt("S3cret-pass"));
        redis("FLUSHDB");
    }

    @AfterAll
    static void tearDown() throws Exception {
        source.close();
        destination.close();
        redis("FLUSHDB");
        PostgresTestDatabase.drop(database);
    }

    static ServiceProcess jobservice(int port) throws Exception {
        int management;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            management = s.getLocalPort();
        }
        Map<String, String> env = new HashMap<>(Map.of(
                "BERTH_CONFIG", "",
                "BERTH_DATABASE_URL", "postgresql://" + PostgresTestDatabase.HOST + ":" + PostgresTestDatabase.PORT + "/" + database,
                "BERTH_DATABASE_USER", PostgresTestDatabase.USER,
                "BERTH_DATABASE_PASSWORD", PostgresTestDatabase.PASSWORD,
                "BERTH_DATA_DIR", dir.toString(),
                "BERTH_SECRET_KEY_FILE", dir.resolve("secret.key").toString(),
                "BERTH_REDIS_URL", "redis://127.0.0.1:6379/" + REDIS_DB,
                "BERTH_JOBSERVICE_PORT", Integer.toString(port),
                "BERTH_JOBSERVICE_VISIBILITY_TIMEOUT", "3s",
                "BERTH_JOBSERVICE_RETRY_DELAY", "1s"));
        env.put("BERTH_JOBSERVICE_MANAGEMENT_PORT", Integer.toString(management));
        ServiceProcess process = ServiceProcess.start(JAR, env, "-Xmx128m");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            if (!process.process().isAlive()) {
                throw new AssertionError("jobservice exited:\n" + process.output());
            }
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (java.io.IOException e) {
                return false;
            }
        });
        return process;
    }

    static long replicate(int port, String nameFilter, int speed) throws Exception {
        String policy = "{\"policy_id\":7,\"src_registry_id\":" + sourceId + ",\"dest_registry_id\":" + destinationId
                + ",\"override\":true,\"speed\":" + speed + ",\"filters\":[{\"type\":\"name\",\"value\":\"" + nameFilter + "\"}]}";
        HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/jobs/replication/executions"))
                .header("Content-Type", "application/json")
                .header("Authorization", CoreTokens.bearer(dir.resolve("secrets/token.key"), dir.resolve("secrets/token.crt"),
                        "berth-token-service", Duration.ofMinutes(5)))
                .POST(HttpRequest.BodyPublishers.ofString(policy)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        return Long.parseLong(started.body().replaceAll("\\D", ""));
    }

    @Test
    void aKilledWorkersTaskIsTakenBackAndFinishedByAnotherReplica() throws Exception {
        int first = Distribution.freePort();
        int second = Distribution.freePort();
        long execution;
        try (ServiceProcess doomed = jobservice(first)) {
            execution = replicate(first, "big/**", 1000); // 8 MB at 1 MB/s: long enough to be killed in the middle
            await().atMost(Duration.ofSeconds(30)).until(() -> longValue("SELECT bytes FROM jobs.task WHERE execution_id = " + execution) > 1_000_000);
            doomed.process().destroyForcibly(); // SIGKILL: no shutdown hook, no chance to hand the task back
            doomed.process().waitFor(10, TimeUnit.SECONDS);
        }
        try (ServiceProcess survivor = jobservice(second)) {
            await().atMost(Duration.ofSeconds(90)).until(() -> "Success".equals(text("SELECT status FROM jobs.execution WHERE id = " + execution)));
            assertThat(longValue("SELECT attempts FROM jobs.task WHERE execution_id = " + execution)).isEqualTo(2);
            assertThat(text("SELECT log FROM jobs.task WHERE execution_id = " + execution)).contains("went silent");
            assertThat(atDestination("big/app:v1")).isEqualTo(manifests.get("big/app:v1"));
        }
    }

    @Test
    void aWebhookInFlightWhenJobserviceIsKilledArrivesAfterTheRestartWithTheSameEventId() throws Exception {
        int first = Distribution.freePort();
        int second = Distribution.freePort();
        String eventId = java.util.UUID.randomUUID().toString();
        try (Receiver receiver = new Receiver()) {
            String stuck = "/stuck/" + eventId; // never answers its first request: the delivery is in flight when the kill comes
            long execution;
            try (ServiceProcess doomed = jobservice(first)) {
                execution = notify(first, receiver.url(stuck), eventId);
                await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.at(stuck).isEmpty());
                doomed.process().destroyForcibly(); // SIGKILL in the middle of the POST
                doomed.process().waitFor(10, TimeUnit.SECONDS);
            }
            assertThat(text("SELECT status FROM jobs.task WHERE execution_id = " + execution)).isEqualTo("Running");
            try (ServiceProcess restarted = jobservice(second)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> "Success".equals(text("SELECT status FROM jobs.execution WHERE id = " + execution)));
            }
            List<Receiver.Received> calls = receiver.at(stuck);
            assertThat(calls).hasSize(2);
            assertThat(calls).extracting(r -> r.header(WebhookSignature.EVENT_ID_HEADER)).containsOnly(eventId);
            assertThat(calls.get(1).answered()).isEqualTo(204);
            assertThat(new String(calls.get(1).body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(BODY);
            assertThat(longValue("SELECT attempts FROM jobs.task WHERE execution_id = " + execution)).isEqualTo(2);
            assertThat(text("SELECT log FROM jobs.task WHERE execution_id = " + execution)).contains("went silent").contains("HTTP 204");
        }
    }

    static final String BODY = "{\"type\":\"PUSH_ARTIFACT\",\"occur_at\":1765101600,\"operator\":\"admin\",\"event_data\":{}}";

    /** Records the delivery of one event to {@code address} through jobservice's API, as core does; the execution's id. */
    static long notify(int port, String address, String eventId) throws Exception {
        String request = JSON.writeValueAsString(List.of(new WebhookRequest(1, "PUSH_ARTIFACT", eventId, "EVENT",
                List.of(new WebhookRequest.Delivery(address, null, false, "Default", "application/json", BODY, null)))));
        HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/jobs/webhook/executions"))
                .header("Content-Type", "application/json")
                .header("Authorization", CoreTokens.bearer(dir.resolve("secrets/token.key"), dir.resolve("secrets/token.crt"),
                        "berth-token-service", Duration.ofMinutes(5)))
                .POST(HttpRequest.BodyPublishers.ofString(request)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        return Long.parseLong(started.body().replaceAll("\\D", ""));
    }

    @Test
    void pendingWorkSurvivesAFlushedRedisAndTwoReplicasNeverRunATaskTwice() throws Exception {
        int a = Distribution.freePort();
        int b = Distribution.freePort();
        long execution;
        try (ServiceProcess replicaA = jobservice(a); ServiceProcess replicaB = jobservice(b)) {
            redis("FLUSHDB"); // the streams and their groups are gone; the database still knows every task
            execution = replicate(a, "many/**", -1);
            redis("FLUSHDB");
            await().atMost(Duration.ofSeconds(90)).until(() -> "Success".equals(text("SELECT status FROM jobs.execution WHERE id = " + execution)));
            assertThat(longValue("SELECT count(*) FROM jobs.task WHERE execution_id = " + execution)).isEqualTo(6);
            assertThat(longValue("SELECT max(attempts) FROM jobs.task WHERE execution_id = " + execution)).as("no task ran twice").isEqualTo(1);
            for (int i = 0; i < 6; i++) {
                assertThat(atDestination("many/app:v" + i)).isEqualTo(manifests.get("many/app:v" + i));
            }
        }
    }

    static String atDestination(String reference) throws Exception {
        return skopeo("inspect", "--raw", "--tls-verify=false", "--creds", "replicator:S3cret-pass", "docker://" + destination.host() + "/" + reference);
    }

    static long registry(String name, String url, String user, String sealed) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, PostgresTestDatabase.USER, PostgresTestDatabase.PASSWORD);
                PreparedStatement st = c.prepareStatement("INSERT INTO core.registry (name, type, url, access_key, access_secret) "
                        + "VALUES (?, 'docker-registry', ?, ?, ?) RETURNING id")) {
            st.setString(1, name);
            st.setString(2, url);
            st.setString(3, user);
            st.setString(4, sealed);
            ResultSet rs = st.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    static String text(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, PostgresTestDatabase.USER, PostgresTestDatabase.PASSWORD);
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static long longValue(String sql) throws Exception {
        String value = text(sql);
        return value == null ? 0 : Long.parseLong(value);
    }

    static void redis(String command) throws Exception {
        Process p = new ProcessBuilder("redis-cli", "-n", REDIS_DB, command).redirectErrorStream(true).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    static String skopeo(String... args) throws Exception {
        return Skopeo.run(args);
    }
}
