package io.berth.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.media.MediaTypes;
import io.berth.common.testing.Distribution;
import io.berth.common.testing.OciLayout;
import io.berth.common.testing.ServiceProcess;
import io.berth.common.testing.Skopeo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Replication on the whole system as {@code ./berth up} starts it, driven through the Harbor API on
 * the gateway, against a real CNCF Distribution with htpasswd logins: push-based (manual and on
 * push/delete events), pull-based, with digests identical on both ends. As in Harbor, a policy is
 * what its POST or PUT body says, whole, and one created without {@code enabled} is disabled: every
 * policy here is created enabled. None overwrites a destination tag that names another artifact, so
 * {@code override} (false when left out) changes nothing here. Core looks for due schedules every second
 * ({@code core.schedule_interval}), and the other Berth of the Berth-to-Berth replication is the {@link SharedBerth}.
 */
@Order(4)
@ExtendWith(SharedBerth.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicationIT {
    static final String ADMIN = "admin:Harbor12345";
    static final String OTHER_ADMIN = "admin:" + SharedBerth.ADMIN_PASSWORD;
    /** Seconds between two looks of a core replica for due schedules. */
    static final int SCHEDULE_INTERVAL = 1;
    static final ObjectMapper JSON = new ObjectMapper();
    static BerthSystem berth;
    static Distribution distribution;
    static Path layout;
    static String image;
    static String index;
    static long registryId;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void up() throws Exception {
        berth = new BerthSystem(Map.of("BERTH_ADMIN_PASSWORD", "Harbor12345", "BERTH_CORE_SCHEDULE_INTERVAL", SCHEDULE_INTERVAL + "s"));
        BerthSystem.Result up = berth.berth("up");
        assertThat(up.exit()).as(up.output()).isZero();
        distribution = Distribution.start("mirror", "Mirr0r-pass");
        layout = Files.createTempDirectory("replication-it");
        OciLayout oci = new OciLayout(layout);
        image = oci.image("amd64", 2, 200_000, 21);
        oci.tag("image", MediaTypes.OCI_MANIFEST, image);
        index = oci.index(List.of("amd64", "arm64"), 22);
        oci.tag("index", MediaTypes.OCI_INDEX, index);
    }

    @AfterAll
    static void down() throws Exception {
        if (distribution != null) {
            distribution.close();
        }
        if (berth != null) {
            berth.close();
        }
    }

    static String skopeo(String... args) throws Exception {
        return Skopeo.run(args);
    }

    static void pushToBerth(String tag, String reference) throws Exception {
        assertThat(skopeo("copy", "--all", "--dest-tls-verify=false", "--dest-creds", ADMIN, "oci:" + layout + ":" + tag,
                "docker://" + berth.host() + "/" + reference)).doesNotStartWith("FAILED");
    }

    static String atDistribution(String reference) throws Exception {
        return skopeo("inspect", "--raw", "--tls-verify=false", "--creds", "mirror:Mirr0r-pass", "docker://" + distribution.host() + "/" + reference);
    }

    HttpResponse<String> api(String method, String path, Object body) throws Exception {
        return api(berth, ADMIN, method, path, body);
    }

    HttpResponse<String> api(BerthSystem on, String credentials, String method, String path, Object body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(on.url() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes()))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    long created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String location = response.headers().firstValue("Location").orElseThrow();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    /**
     * Disables a policy so that it fires no more. A PUT makes the policy what its body says, whole, as
     * Harbor's: the policy is read, {@code enabled} turned off and all of it sent back.
     */
    void disable(long policy) throws Exception {
        HttpResponse<String> read = api("GET", "/api/v2.0/replication/policies/" + policy, null);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        ObjectNode body = (ObjectNode) JSON.readTree(read.body());
        body.put("enabled", false);
        HttpResponse<String> put = api("PUT", "/api/v2.0/replication/policies/" + policy, body);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        JsonNode after = JSON.readTree(api("GET", "/api/v2.0/replication/policies/" + policy, null).body());
        assertThat(after.path("enabled").asBoolean(true)).as(after.toString()).isFalse();
        assertThat(after.path("trigger")).as(after.toString()).isEqualTo(body.path("trigger"));
        assertThat(after.path("filters")).as(after.toString()).isEqualTo(body.path("filters"));
    }

    JsonNode awaitExecution(long id) throws Exception {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                !JSON.readTree(api("GET", "/api/v2.0/replication/executions/" + id, null).body()).path("status").asText().equals("InProgress"));
        return JSON.readTree(api("GET", "/api/v2.0/replication/executions/" + id, null).body());
    }

    @Test
    @Order(1)
    void aManualPushPolicyCopiesImagesAndIndexesByteForByte() throws Exception {
        pushToBerth("image", "library/app:v1");
        pushToBerth("index", "library/multi:v1");
        pushToBerth("image", "library/app:dev");
        registryId = created(api("POST", "/api/v2.0/registries", Map.of("name", "dist", "type", "docker-registry", "url", distribution.url(),
                "credential", Map.of("type", "basic", "access_key", "mirror", "access_secret", "Mirr0r-pass"))));
        assertThat(api("POST", "/api/v2.0/registries/ping", Map.of("id", registryId)).statusCode()).isEqualTo(200);
        long policy = created(api("POST", "/api/v2.0/replication/policies", Map.of("enabled", true, "name", "to-dist", "dest_registry", Map.of("id", registryId),
                "dest_namespace", "mirror", "dest_namespace_replace_count", 1,
                "filters", List.of(Map.of("type", "name", "value", "library/**"), Map.of("type", "tag", "value", "v*")))));

        long execution = created(api("POST", "/api/v2.0/replication/executions", Map.of("policy_id", policy)));
        JsonNode done = awaitExecution(execution);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("Succeed");
        assertThat(done.path("total").asInt()).isEqualTo(2);
        assertThat(done.path("trigger").asText()).isEqualTo("manual");
        assertThat(atDistribution("mirror/app:v1")).isEqualTo(image);
        assertThat(atDistribution("mirror/multi:v1")).isEqualTo(index);
        assertThat(atDistribution("mirror/app:dev")).startsWith("FAILED");

        JsonNode tasks = JSON.readTree(api("GET", "/api/v2.0/replication/executions/" + execution + "/tasks", null).body());
        assertThat(tasks.findValuesAsText("dst_resource")).containsExactlyInAnyOrder("mirror/app:v1", "mirror/multi:v1");
        assertThat(tasks.findValuesAsText("status")).containsOnly("Succeed");
        HttpResponse<String> log = api("GET", "/api/v2.0/replication/executions/" + execution + "/tasks/" + tasks.get(0).path("id").asLong()
                + "/log", null);
        assertThat(log.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(log.body()).contains("copying").contains(distribution.url());
        assertThat(api("GET", "/api/v2.0/replication/executions?policy_id=" + policy, null).headers().firstValue("X-Total-Count"))
                .contains("1");
    }

    @Test
    @Order(2)
    void pushesAndDeletesAreReplicatedAsTheyHappen() throws Exception {
        created(api("POST", "/api/v2.0/replication/policies", Map.of("enabled", true, "name", "on-push", "dest_registry", Map.of("id", registryId),
                "filters", List.of(Map.of("type", "name", "value", "library/live*")), "replicate_deletion", true,
                "trigger", Map.of("type", "event_based"))));
        long pushed = System.nanoTime();
        pushToBerth("image", "library/live:v1");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> atDistribution("library/live:v1").equals(image));
        System.out.println("[measure] push to its event-based replica being pullable: " + (System.nanoTime() - pushed) / 1_000_000 + " ms");
        pushToBerth("image", "library/other:v1");

        assertThat(api("DELETE", "/api/v2.0/projects/library/repositories/live/artifacts/v1", null).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> atDistribution("library/live:v1").startsWith("FAILED"));
        assertThat(atDistribution("library/other:v1")).startsWith("FAILED");
    }

    @Test
    @Order(3)
    void aPullPolicyBringsImagesFromTheRemoteRegistry() throws Exception {
        assertThat(skopeo("copy", "--all", "--dest-tls-verify=false", "--dest-creds", "mirror:Mirr0r-pass", "oci:" + layout + ":index",
                "docker://" + distribution.host() + "/vendor/tool:2.0")).doesNotStartWith("FAILED");
        // no project "pulled" yet: the replication creates it, private, as Harbor does
        assertThat(api("GET", "/api/v2.0/projects/pulled", null).statusCode()).isEqualTo(404);
        long policy = created(api("POST", "/api/v2.0/replication/policies", Map.of("enabled", true, "name", "from-dist", "src_registry", Map.of("id", registryId),
                "dest_namespace", "pulled", "filters", List.of(Map.of("type", "name", "value", "vendor/*")))));
        JsonNode done = awaitExecution(created(api("POST", "/api/v2.0/replication/executions", Map.of("policy_id", policy))));
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("Succeed");
        assertThat(skopeo("inspect", "--raw", "--tls-verify=false", "--creds", ADMIN, "docker://" + berth.host() + "/pulled/tool:2.0"))
                .isEqualTo(index);
        JsonNode artifact = JSON.readTree(api("GET", "/api/v2.0/projects/pulled/repositories/tool/artifacts/2.0", null).body());
        assertThat(artifact.path("references").size()).isEqualTo(2);
        JsonNode project = JSON.readTree(api("GET", "/api/v2.0/projects/pulled", null).body());
        assertThat(project.path("metadata").path("public").asText()).isEqualTo("false");
        assertThat(project.path("owner_name").asText()).isEqualTo("admin");
    }

    @Test
    @Order(4)
    void queuesCanBePausedAndPoolsShowTheWorkers() throws Exception {
        JsonNode pools = JSON.readTree(api("GET", "/api/v2.0/jobservice/pools", null).body());
        assertThat(pools.size()).isEqualTo(1);
        assertThat(pools.get(0).path("job_types").asText()).contains("REPLICATION");
        String pool = pools.get(0).path("worker_pool_id").asText();
        assertThat(api("GET", "/api/v2.0/jobservice/pools/" + pool + "/workers", null).statusCode()).isEqualTo(200);

        assertThat(api("PUT", "/api/v2.0/jobservice/queues/REPLICATION", Map.of("action", "pause")).statusCode()).isEqualTo(200);
        pushToBerth("image", "library/app:v9");
        long policy = created(api("POST", "/api/v2.0/replication/policies", Map.of("enabled", true, "name", "paused", "dest_registry", Map.of("id", registryId),
                "filters", List.of(Map.of("type", "tag", "value", "v9")))));
        long execution = created(api("POST", "/api/v2.0/replication/executions", Map.of("policy_id", policy)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode queues = JSON.readTree(api("GET", "/api/v2.0/jobservice/queues", null).body());
            assertThat(queues.findValuesAsText("job_type")).contains("REPLICATION");
            JsonNode replication = queues.get(queues.findValuesAsText("job_type").indexOf("REPLICATION"));
            assertThat(replication.path("paused").asBoolean()).isTrue();
            assertThat(replication.path("count").asLong()).isEqualTo(1);
        });
        Thread.sleep(3000);
        assertThat(JSON.readTree(api("GET", "/api/v2.0/replication/executions/" + execution, null).body()).path("status").asText())
                .isEqualTo("InProgress");
        assertThat(api("PUT", "/api/v2.0/jobservice/queues/REPLICATION", Map.of("action", "resume")).statusCode()).isEqualTo(200);
        assertThat(awaitExecution(execution).path("status").asText()).isEqualTo("Succeed");
        assertThat(atDistribution("library/app:v9")).isEqualTo(image);
        long task = JSON.readTree(api("GET", "/api/v2.0/replication/executions/" + execution + "/tasks", null).body()).get(0).path("id").asLong();
        assertThat(api("GET", "/api/v2.0/jobservice/jobs/" + task + "/log", null).body()).contains("copied");
    }

    @Test
    @Order(5)
    void aScheduledPolicyFiresOnItsCron() throws Exception {
        long policy = created(api("POST", "/api/v2.0/replication/policies", Map.of("enabled", true, "name", "every-3s", "dest_registry", Map.of("id", registryId),
                "dest_namespace", "scheduled", "filters", List.of(Map.of("type", "name", "value", "library/app"), Map.of("type", "tag", "value", "v1")),
                "trigger", Map.of("type", "scheduled", "trigger_settings", Map.of("cron", "*/3 * * * * *")))));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> atDistribution("scheduled/app:v1").equals(image));
        JsonNode executions = JSON.readTree(api("GET", "/api/v2.0/replication/executions?policy_id=" + policy, null).body());
        assertThat(executions.findValuesAsText("trigger")).isNotEmpty().containsOnly("scheduled");
        disable(policy);
    }

    @Test
    @Order(5)
    void aScheduleFiresOnceWithTwoCoreReplicas() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(berth.env);
        int port = BerthSystem.freePort();
        env.put("BERTH_CORE_PORT", Integer.toString(port));
        int management = BerthSystem.freePort();
        env.put("BERTH_CORE_MANAGEMENT_PORT", Integer.toString(management));
        try (ServiceProcess second = ServiceProcess.start(BerthSystem.HOME.resolve("core-service/target/quarkus-app/quarkus-run.jar"),
                env, "-Xmx256m", "-XX:+UseSerialGC")) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
            // once a minute, at a second to come after the policy is created (its first instant is the next one)
            int second0 = java.time.LocalTime.now(java.time.ZoneOffset.UTC).plusSeconds(5).getSecond();
            long policy = created(api("POST", "/api/v2.0/replication/policies", Map.of("enabled", true, "name", "once-a-minute", "dest_registry",
                    Map.of("id", registryId), "dest_namespace", "once", "filters", List.of(Map.of("type", "name", "value", "library/app"),
                            Map.of("type", "tag", "value", "v1")),
                    "trigger", Map.of("type", "scheduled", "trigger_settings", Map.of("cron", second0 + " * * * * *")))));
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).until(() -> atDistribution("once/app:v1").equals(image));
            Thread.sleep(3 * SCHEDULE_INTERVAL * 1000); // both replicas look at least twice more past the instant
            JsonNode executions = JSON.readTree(api("GET", "/api/v2.0/replication/executions?policy_id=" + policy, null).body());
            assertThat(executions.size()).as(executions.toString()).isEqualTo(1);
            disable(policy);
            assertThat(second.process().isAlive()).as(second.output()).isTrue();
        }
    }

    @Test
    @Order(5)
    void aLabelFilterReplicatesOnlyTheLabelledArtifacts() throws Exception {
        pushToBerth("image", "library/labelled:img");
        pushToBerth("index", "library/labelled:idx");
        long label = created(api("POST", "/api/v2.0/labels", Map.of("name", "ship-it", "scope", "g")));
        assertThat(api("POST", "/api/v2.0/projects/library/repositories/labelled/artifacts/img/labels", Map.of("id", label))
                .statusCode()).isEqualTo(200);
        long policy = created(api("POST", "/api/v2.0/replication/policies", Map.of("enabled", true, "name", "labelled", "dest_registry", Map.of("id", registryId),
                "filters", List.of(Map.of("type", "name", "value", "library/labelled"),
                        Map.of("type", "label", "value", List.of("ship-it"), "decoration", "matches")))));
        JsonNode done = awaitExecution(created(api("POST", "/api/v2.0/replication/executions", Map.of("policy_id", policy))));
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("Succeed");
        assertThat(done.path("total").asInt()).isEqualTo(1);
        assertThat(atDistribution("library/labelled:img")).isEqualTo(image);
        assertThat(atDistribution("library/labelled:idx")).startsWith("FAILED");

        long others = created(api("POST", "/api/v2.0/replication/policies", Map.of("enabled", true, "name", "unlabelled", "dest_registry", Map.of("id", registryId),
                "dest_namespace", "unlabelled", "filters", List.of(Map.of("type", "name", "value", "library/labelled"),
                        Map.of("type", "label", "value", List.of("ship-it"), "decoration", "excludes")))));
        JsonNode rest = awaitExecution(created(api("POST", "/api/v2.0/replication/executions", Map.of("policy_id", others))));
        assertThat(rest.path("status").asText()).as(rest.toString()).isEqualTo("Succeed");
        assertThat(atDistribution("unlabelled/labelled:idx")).isEqualTo(index);
        assertThat(atDistribution("unlabelled/labelled:img")).startsWith("FAILED");
    }

    @Test
    @Order(6)
    void twoBerthsReplicateBothWays(BerthSystem other) throws Exception {
        // the other Berth is the SharedBerth, where no class puts anything named library/multi or library/from-*
        long peer = created(api("POST", "/api/v2.0/registries", Map.of("name", "peer", "type", "berth", "url", other.url(),
                "credential", Map.of("type", "basic", "access_key", "admin", "access_secret", SharedBerth.ADMIN_PASSWORD))));
        assertThat(api("POST", "/api/v2.0/registries/ping", Map.of("id", peer)).statusCode()).isEqualTo(200);

        long push = created(api("POST", "/api/v2.0/replication/policies", Map.of("enabled", true, "name", "to-peer", "dest_registry", Map.of("id", peer),
                "copy_by_chunk", true,
                "filters", List.of(Map.of("type", "name", "value", "library/multi")))));
        JsonNode pushed = awaitExecution(created(api("POST", "/api/v2.0/replication/executions", Map.of("policy_id", push))));
        assertThat(pushed.path("status").asText()).as(pushed.toString()).isEqualTo("Succeed");
        assertThat(skopeo("inspect", "--raw", "--tls-verify=false", "--creds", OTHER_ADMIN,
                "docker://" + other.host() + "/library/multi:v1")).isEqualTo(index);

        assertThat(skopeo("copy", "--dest-tls-verify=false", "--dest-creds", OTHER_ADMIN, "oci:" + layout + ":image",
                "docker://" + other.host() + "/library/from-peer:v1")).doesNotStartWith("FAILED");
        long pull = created(api("POST", "/api/v2.0/replication/policies", Map.of("enabled", true, "name", "from-peer", "src_registry", Map.of("id", peer),
                "dest_namespace", "pulled", "filters", List.of(Map.of("type", "name", "value", "library/from-*")))));
        JsonNode pulled = awaitExecution(created(api("POST", "/api/v2.0/replication/executions", Map.of("policy_id", pull))));
        assertThat(pulled.path("status").asText()).as(pulled.toString()).isEqualTo("Succeed");
        assertThat(pulled.path("total").asInt()).isEqualTo(1);
        assertThat(skopeo("inspect", "--raw", "--tls-verify=false", "--creds", ADMIN, "docker://" + berth.host() + "/pulled/from-peer:v1"))
                .isEqualTo(image);

        // a label filter on a pull from a Berth reads the labels through its API
        assertThat(skopeo("copy", "--all", "--dest-tls-verify=false", "--dest-creds", OTHER_ADMIN, "oci:" + layout + ":index",
                "docker://" + other.host() + "/library/from-peer-idx:v1")).doesNotStartWith("FAILED");
        long label = created(api(other, OTHER_ADMIN, "POST", "/api/v2.0/labels", Map.of("name", "export", "scope", "g")));
        assertThat(api(other, OTHER_ADMIN, "POST", "/api/v2.0/projects/library/repositories/from-peer-idx/artifacts/v1/labels", Map.of("id", label))
                .statusCode()).isEqualTo(200);
        long byLabel = created(api("POST", "/api/v2.0/replication/policies", Map.of("enabled", true, "name", "from-peer-labelled", "src_registry",
                Map.of("id", peer), "dest_namespace", "pulled-labelled", "filters", List.of(Map.of("type", "name", "value", "library/from-*"),
                        Map.of("type", "label", "value", List.of("export"))))));
        JsonNode labelled = awaitExecution(created(api("POST", "/api/v2.0/replication/executions", Map.of("policy_id", byLabel))));
        assertThat(labelled.path("status").asText()).as(labelled.toString()).isEqualTo("Succeed");
        assertThat(labelled.path("total").asInt()).isEqualTo(1);
        assertThat(skopeo("inspect", "--raw", "--tls-verify=false", "--creds", ADMIN,
                "docker://" + berth.host() + "/pulled-labelled/from-peer-idx:v1")).isEqualTo(index);
    }
}
