package io.berth.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.media.MediaTypes;
import io.berth.common.testing.Command;
import io.berth.common.testing.OciLayout;
import io.berth.common.token.TokenKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The seed articles' walkthrough, on the whole system as {@code ./berth up} starts it, with real
 * clients (skopeo, podman, the Docker engine) through the gateway's port only: logins, pushes and
 * pulls by role, robots, bad tokens, deletes, and the audit log of it all. On the {@link SharedBerth}: its users,
 * project, robot and repositories are its own.
 */
@Order(2)
@ExtendWith(SharedBerth.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {
    static final String ADMIN_PASSWORD = SharedBerth.ADMIN_PASSWORD;
    static final String PASSWORD = "Passw0rdE2E";
    static final ObjectMapper JSON = new ObjectMapper();
    static BerthSystem berth;
    static Path work;
    static Path image;
    static String manifest;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void up(BerthSystem shared) throws Exception {
        berth = shared;
        work = Files.createTempDirectory("berth-e2e");
        OciLayout layout = new OciLayout(work.resolve("image"));
        manifest = layout.image("amd64", 2, 50_000, 7);
        layout.tag("v1", MediaTypes.OCI_MANIFEST, manifest);
        image = work.resolve("image");
    }

    @AfterAll
    static void down() throws Exception {
        if (work != null) {
            run("rm", "-rf", work.toString());
        }
    }

    static Command.Result run(String... command) throws Exception {
        return run(Map.of(), List.of(command));
    }

    static Command.Result run(Map<String, String> env, List<String> command) throws Exception {
        return Command.run(env, command, Duration.ofMinutes(5));
    }

    static Command.Result skopeo(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("skopeo", "--insecure-policy"));
        command.addAll(List.of(args));
        return run(command.toArray(String[]::new));
    }

    static Command.Result push(String creds, String repository) throws Exception {
        return skopeo("copy", "--dest-tls-verify=false", "--dest-creds", creds, "oci:" + image + ":v1",
                "docker://" + berth.host() + "/" + repository + ":v1");
    }

    static Command.Result pull(String creds, String repository) throws Exception {
        List<String> args = new ArrayList<>(List.of("inspect", "--raw", "--tls-verify=false"));
        if (creds == null) {
            args.add("--no-creds");
        } else {
            args.add("--creds");
            args.add(creds);
        }
        args.add("docker://" + berth.host() + "/" + repository + ":v1");
        return skopeo(args.toArray(String[]::new));
    }

    HttpResponse<String> api(String method, String path, String user, String password, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(berth.url() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes()));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> admin(String method, String path, Object body) throws Exception {
        return api(method, path, "admin", ADMIN_PASSWORD, body);
    }

    @Test
    @Order(1)
    void loginWithGoodAndBadPasswords() throws Exception {
        Path auth = work.resolve("auth.json");
        assertThat(skopeo("login", "--tls-verify=false", "--authfile", auth.toString(), "-u", "admin", "-p", ADMIN_PASSWORD,
                berth.host()).exit()).isZero();
        Command.Result bad = skopeo("login", "--tls-verify=false", "--authfile", auth.toString(), "-u", "admin", "-p", "wrong", berth.host());
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.output()).containsIgnoringCase("invalid username/password");
        List<String> podman = List.of("podman", "--root", work.resolve("podman-root").toString(), "--runroot",
                work.resolve("podman-run").toString(), "--storage-driver", "vfs", "--events-backend", "none");
        List<String> login = new ArrayList<>(podman);
        login.addAll(List.of("login", "--tls-verify=false", "--authfile", auth.toString(), "-u", "admin", "-p", ADMIN_PASSWORD, berth.host()));
        assertThat(run(login.toArray(String[]::new)).exit()).isZero();
        login.set(login.indexOf(ADMIN_PASSWORD), "wrong");
        assertThat(run(login.toArray(String[]::new)).exit()).isNotZero();
    }

    @Test
    @Order(2)
    void adminPushesToLibraryAndAnyonePullsFromIt() throws Exception {
        long start = System.nanoTime();
        Command.Result pushed = push("admin:" + ADMIN_PASSWORD, "library/e2e");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(pushed.exit()).as(pushed.output()).isZero();
        System.out.println("[measure] login + push of a 2-layer 100 kB image through the gateway: " + millis + " ms");
        Command.Result anonymous = pull(null, "library/e2e");
        assertThat(anonymous.exit()).as(anonymous.output()).isZero();
        assertThat(anonymous.output()).isEqualTo(manifest);

        // the layers come back byte for byte, sent by the gateway from the storage files it shares with the registry
        Path pulled = Files.createTempDirectory("e2e-pulled");
        Command.Result copied = skopeo("copy", "--src-tls-verify=false", "--src-no-creds", "docker://" + berth.host() + "/library/e2e:v1",
                "oci:" + pulled + ":v1");
        assertThat(copied.exit()).as(copied.output()).isZero();
        try (var blobs = Files.list(image.resolve("blobs/sha256"))) {
            for (Path blob : blobs.toList()) {
                assertThat(pulled.resolve("blobs/sha256").resolve(blob.getFileName())).hasSameBinaryContentAs(blob);
            }
        }
        String metrics = http.send(HttpRequest.newBuilder(URI.create(berth.management("GATEWAY") + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).containsPattern("berth_gateway_blob_files_total\\{outcome=\"sent\"[^}]*} [1-9]");
    }

    @Test
    @Order(3)
    void rolesDecideWhoPushesAndPullsInAPrivateProject() throws Exception {
        for (String user : List.of("dev", "guest", "maint", "outsider")) {
            assertThat(admin("POST", "/api/v2.0/users", Map.of("username", user, "password", PASSWORD, "email", user + "@e2e.test"))
                    .statusCode()).isEqualTo(201);
        }
        HttpResponse<String> created = admin("POST", "/api/v2.0/projects", Map.of("project_name", "secret", "metadata", Map.of("public", "false")));
        assertThat(created.statusCode()).isEqualTo(201);
        String projectPath = created.headers().firstValue("Location").orElseThrow();
        for (var member : Map.of("dev", 2, "guest", 3, "maint", 4).entrySet()) {
            assertThat(admin("POST", projectPath + "/members", Map.of("role_id", member.getValue(),
                    "member_user", Map.of("username", member.getKey()))).statusCode()).isEqualTo(201);
        }
        assertThat(push("dev:" + PASSWORD, "secret/app").exit()).isZero();
        assertThat(pull("dev:" + PASSWORD, "secret/app").output()).isEqualTo(manifest);
        assertThat(pull("guest:" + PASSWORD, "secret/app").output()).isEqualTo(manifest);
        Command.Result guestPush = push("guest:" + PASSWORD, "secret/other");
        assertThat(guestPush.exit()).isNotZero();
        assertThat(guestPush.output()).containsIgnoringCase("denied");

        Command.Result outsiderExisting = pull("outsider:" + PASSWORD, "secret/app");
        Command.Result outsiderMissing = pull("outsider:" + PASSWORD, "secret/does-not-exist");
        assertThat(outsiderExisting.exit()).isNotZero();
        assertThat(outsiderMissing.exit()).isNotZero();
        // the outsider cannot even learn the repository exists: both answers are the same denial
        // (skopeo's log lines start with the time, which may fall in another second)
        assertThat(outsiderExisting.output().replace("secret/app", "X").replaceAll("time=\"[^\"]*\"", ""))
                .isEqualTo(outsiderMissing.output().replace("secret/does-not-exist", "X").replaceAll("time=\"[^\"]*\"", ""));
        assertThat(pull(null, "secret/app").exit()).isNotZero();
        assertThat(api("GET", projectPath, "outsider", PASSWORD, null).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void aRobotPushesToItsProjectOnlyAndNotOnceDisabled() throws Exception {
        HttpResponse<String> created = admin("POST", "/api/v2.0/robots", Map.of("name", "ci", "level", "project", "duration", -1,
                "permissions", List.of(Map.of("kind", "project", "namespace", "secret", "access",
                        List.of(Map.of("resource", "repository", "action", "push"), Map.of("resource", "repository", "action", "pull"))))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode robot = JSON.readTree(created.body());
        String creds = robot.get("name").asText() + ":" + robot.get("secret").asText();
        assertThat(robot.get("name").asText()).isEqualTo("robot$secret+ci");
        Command.Result ok = push(creds, "secret/robot-made");
        assertThat(ok.exit()).as(ok.output()).isZero();
        assertThat(push(creds, "library/robot-made").exit()).isNotZero();
        // duration as created (-1): a PUT moves the expiry only when the duration changes, and 0 is a 400
        HttpResponse<String> disable = admin("PUT", "/api/v2.0/robots/" + robot.get("id").asText(), Map.of("disable", true, "duration", -1));
        assertThat(disable.statusCode()).as(disable.body()).isEqualTo(200);
        Command.Result disabled = push(creds, "secret/after-disable");
        assertThat(disabled.exit()).isNotZero();
        assertThat(disabled.output()).containsIgnoringCase("unauthorized");
    }

    @Test
    @Order(5)
    void tamperedExpiredAndOtherServiceTokensAreRefused() throws Exception {
        String scope = "repository:library/e2e:pull";
        HttpResponse<String> issued = api("GET", "/service/token?service=berth-registry&scope=" + scope, "admin", ADMIN_PASSWORD, null);
        String token = JSON.readTree(issued.body()).get("token").asText();
        assertThat(registryWith(token)).isEqualTo(200);

        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("library/e2e", "secret/app");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2];
        assertThat(registryWith(tampered, "secret/app")).isEqualTo(401);

        var key = TokenKeys.readPrivateKey(berth.dataDir.resolve("secrets/token.key"));
        String kid = TokenKeys.keyId(TokenKeys.readPublicKeys(berth.dataDir.resolve("secrets/token.crt")).get(0));
        assertThat(registryWith(sign(key, kid, "berth-registry", -600))).isEqualTo(401);
        assertThat(registryWith(sign(key, kid, "some-other-registry", 600))).isEqualTo(401);
        assertThat(registryWith(sign(key, kid, "berth-registry", 600))).isEqualTo(200); // the same, valid: the test is fair
    }

    private int registryWith(String token) throws Exception {
        return registryWith(token, "library/e2e");
    }

    private int registryWith(String token, String repository) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(berth.url() + "/v2/" + repository + "/manifests/v1"))
                .header("Authorization", "Bearer " + token).header("Accept", MediaTypes.OCI_MANIFEST).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String sign(java.security.PrivateKey key, String kid, String audience, long lifetime) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("berth-token-service");
        claims.setSubject("admin");
        claims.setAudience(audience);
        long now = System.currentTimeMillis() / 1000;
        claims.setIssuedAt(NumericDate.fromSeconds(now + Math.min(0, lifetime) - 60));
        claims.setExpirationTime(NumericDate.fromSeconds(now + lifetime));
        claims.setClaim("access", List.of(Map.of("type", "repository", "name", "library/e2e", "actions", List.of("pull"))));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setKeyIdHeaderValue(kid);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    @Test
    @Order(6)
    void aMaintainerDeletesWhatADeveloperMayNot() throws Exception {
        String ref = "docker://" + berth.host() + "/secret/app:v1";
        assertThat(skopeo("delete", "--tls-verify=false", "--creds", "dev:" + PASSWORD, ref).exit()).isNotZero();
        Command.Result deleted = skopeo("delete", "--tls-verify=false", "--creds", "maint:" + PASSWORD, ref);
        assertThat(deleted.exit()).as(deleted.output()).isZero();
        assertThat(pull("maint:" + PASSWORD, "secret/app").exit()).isNotZero();
    }

    @Test
    @Order(7)
    void stockCncfDistributionAcceptsBerthTokens() throws Exception {
        int port = BerthSystem.freePort();
        Path config = work.resolve("distribution.yml");
        Files.writeString(config, String.join("\n",
                "version: 0.1",
                "log: {level: warn}",
                "storage: {filesystem: {rootdirectory: " + work.resolve("distribution") + "}, delete: {enabled: true}}",
                "http: {addr: 127.0.0.1:" + port + "}",
                "auth:",
                "  token:",
                "    realm: " + berth.url() + "/service/token",
                "    service: berth-registry",
                "    issuer: berth-token-service",
                "    rootcertbundle: " + berth.dataDir.resolve("secrets/token.crt"), ""));
        Process distribution = new ProcessBuilder("docker-registry", "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("distribution.log").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                try (var socket = new java.net.Socket("127.0.0.1", port)) {
                    return true;
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            String target = "docker://127.0.0.1:" + port + "/secret/mirrored:v1";
            Command.Result pushed = skopeo("copy", "--dest-tls-verify=false", "--dest-creds", "dev:" + PASSWORD, "oci:" + image + ":v1", target);
            assertThat(pushed.exit()).as(pushed.output() + Files.readString(work.resolve("distribution.log"))).isZero();
            assertThat(skopeo("inspect", "--raw", "--tls-verify=false", "--creds", "guest:" + PASSWORD, target).output()).isEqualTo(manifest);
            Command.Result refused = skopeo("inspect", "--raw", "--tls-verify=false", "--creds", "outsider:" + PASSWORD, target);
            assertThat(refused.exit()).isNotZero();
            Command.Result guestPush = skopeo("copy", "--dest-tls-verify=false", "--dest-creds", "guest:" + PASSWORD, "oci:" + image + ":v1",
                    "docker://127.0.0.1:" + port + "/secret/guest-push:v1");
            assertThat(guestPush.exit()).isNotZero();
        } finally {
            distribution.destroy();
            distribution.waitFor();
        }
    }

    @Test
    @Order(8)
    void theHarborApiShowsPushedContentAndChangesItThroughTheRegistry() throws Exception {
        String artifacts = "/api/v2.0/projects/library/repositories/e2e/artifacts";
        HttpResponse<String> listed = admin("GET", artifacts, null);
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode artifact = JSON.readTree(listed.body()).get(0);
        assertThat(artifact.get("digest").asText()).isEqualTo(OciLayout.sha256(manifest));
        assertThat(artifact.get("type").asText()).isEqualTo("IMAGE");
        assertThat(artifact.get("tags").findValuesAsText("name")).containsExactly("v1");
        // the image's layers (from its manifest) and build history (from its config, read through registry-service)
        JsonNode layers = JSON.readTree(admin("GET", artifacts + "/v1/additions/layers", null).body());
        assertThat(layers.findValuesAsText("digest")).containsExactlyElementsOf(JSON.readTree(manifest).get("layers").findValuesAsText("digest"));
        HttpResponse<String> history = api("GET", artifacts + "/v1/additions/build_history", "outsider", PASSWORD, null);
        assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
        assertThat(JSON.readTree(history.body()).findValuesAsText("created_by")).containsExactly("COPY file-amd64-0 /", "COPY file-amd64-1 /");
        assertThat(admin("GET", artifacts + "/v1/additions/readme.md", null).statusCode()).isEqualTo(404);

        assertThat(api("POST", artifacts + "/v1/tags", "dev", PASSWORD, Map.of("name", "stable")).statusCode()).isEqualTo(403);
        assertThat(admin("POST", artifacts + "/v1/tags", Map.of("name", "stable")).statusCode()).isEqualTo(201);
        assertThat(skopeo("inspect", "--raw", "--tls-verify=false", "--no-creds", "docker://" + berth.host() + "/library/e2e:stable")
                .output()).isEqualTo(manifest);
        assertThat(admin("DELETE", artifacts + "/v1/tags/stable", null).statusCode()).isEqualTo(200);
        assertThat(skopeo("inspect", "--raw", "--tls-verify=false", "--no-creds", "docker://" + berth.host() + "/library/e2e:stable")
                .exit()).isNotZero();

        assertThat(push("dev:" + PASSWORD, "secret/team/app").exit()).isZero();
        String repository = "/api/v2.0/projects/secret/repositories/team%252Fapp"; // Harbor's twice-encoded nested name
        assertThat(api("GET", repository, "guest", PASSWORD, null).body()).contains("\"name\":\"secret/team/app\"");
        assertThat(api("DELETE", repository, "dev", PASSWORD, null).statusCode()).isEqualTo(403);
        assertThat(api("DELETE", repository, "maint", PASSWORD, null).statusCode()).isEqualTo(200);
        assertThat(api("GET", repository, "maint", PASSWORD, null).statusCode()).isEqualTo(404);
        assertThat(pull("maint:" + PASSWORD, "secret/team/app").exit()).isNotZero();

        JsonNode health = JSON.readTree(api("GET", "/api/v2.0/health", null, null, null).body());
        assertThat(health.get("status").asText()).as(health.toString()).isEqualTo("healthy");
        assertThat(health.get("components").findValuesAsText("name"))
                .containsExactly("core", "database", "redis", "registry", "storage", "jobservice");
        JsonNode found = JSON.readTree(api("GET", "/api/v2.0/search?q=e2e", "outsider", PASSWORD, null).body());
        assertThat(found.get("repository").findValuesAsText("repository_name")).contains("library/e2e").doesNotContain("secret/app");
    }

    @Test
    @Order(9)
    void dockerLogsInPushesAndPulls() throws Exception {
        Path dir = work.resolve("docker");
        String tagged = berth.host() + "/library/docker-e2e:v1";
        Path archive = work.resolve("docker-e2e.tar");
        assertThat(skopeo("copy", "oci:" + image + ":v1", "docker-archive:" + archive + ":" + tagged).exit()).isZero();
        try (DockerEngine engine = DockerEngine.start(dir)) {
            Command.Result bad = engine.docker("login", "-u", "admin", "-p", "wrong", berth.host());
            assertThat(bad.exit()).as(bad.output()).isNotZero();
            assertThat(bad.output()).containsIgnoringCase("unauthorized");
            Command.Result login = engine.docker("login", "-u", "admin", "-p", ADMIN_PASSWORD, berth.host());
            assertThat(login.output()).as(login.output()).contains("Login Succeeded");

            assertThat(engine.docker("load", "-i", archive.toString()).exit()).isZero();
            Command.Result push = engine.docker("push", tagged);
            assertThat(push.exit()).as(push.output()).isZero();
            String digest = push.output().replaceAll("(?s).*digest: (sha256:[0-9a-f]{64}).*", "$1");
            assertThat(digest).as(push.output()).startsWith("sha256:");
            // Docker pushes Docker schema 2: the registry keeps it as pushed, under the digest Docker computed
            Command.Result raw = skopeo("inspect", "--raw", "--tls-verify=false", "--creds", "admin:" + ADMIN_PASSWORD, "docker://" + tagged);
            assertThat(raw.output()).contains(MediaTypes.DOCKER_MANIFEST);
            assertThat("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(raw.output().getBytes(StandardCharsets.UTF_8)))).isEqualTo(digest);

            assertThat(engine.docker("rmi", tagged).exit()).isZero();
            Command.Result pull = engine.docker("pull", tagged);
            assertThat(pull.exit()).as(pull.output()).isZero();
            assertThat(engine.docker("image", "inspect", "--format", "{{index .RepoDigests 0}}", tagged).output().trim())
                    .isEqualTo(berth.host() + "/library/docker-e2e@" + digest);

            assertThat(engine.docker("logout", berth.host()).exit()).isZero();
            Command.Result denied = engine.docker("pull", berth.host() + "/secret/robot-made:v1");
            assertThat(denied.exit()).isNotZero();
            assertThat(denied.output()).contains("requested access to the resource is denied"); // the registry's DENIED, not a not-found
            assertThat(engine.docker("pull", tagged).exit()).as("library is public").isZero();
        } finally {
            run("rm", "-rf", dir.toString());
        }
    }

    @Test
    @Order(10)
    void everyPushPullAndDeleteIsInTheAuditLog() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> logs = admin("GET", "/api/v2.0/audit-logs?page_size=100&q=resource_type%3Dartifact", null);
            assertThat(logs.statusCode()).isEqualTo(200);
            List<String> lines = new ArrayList<>();
            JSON.readTree(logs.body()).forEach(n -> lines.add(n.get("username").asText() + " " + n.get("operation").asText()
                    + " " + n.get("resource").asText()));
            assertThat(lines).contains("admin create library/e2e:v1", "dev create secret/app:v1", "dev pull secret/app:v1",
                    "guest pull secret/app:v1", "robot$secret+ci create secret/robot-made:v1", "maint delete secret/app:v1",
                    "admin create library/e2e:stable", "admin delete library/e2e:stable", "dev create secret/team/app:v1",
                    "maint delete secret/team/app:v1", "admin create library/docker-e2e:v1", "admin pull library/docker-e2e:v1");
        });
        HttpResponse<String> failures = admin("GET", "/api/v2.0/audit-logs?q=operation%3Dlogin,username%3Dadmin", null);
        assertThat(failures.body()).contains("failure");
    }

    @Test
    @Order(11)
    void anImmutableTagIsNotOverwrittenAndSkopeoShowsWhy() throws Exception {
        HttpResponse<String> rule = admin("POST", "/api/v2.0/projects/library/immutabletagrules", Map.of(
                "tag_selectors", List.of(Map.of("kind", "doublestar", "decoration", "matches", "pattern", "v*")),
                "scope_selectors", Map.of("repository", List.of(Map.of("kind", "doublestar", "decoration", "repoMatches",
                        "pattern", "immu-e2e")))));
        assertThat(rule.statusCode()).as(rule.body()).isEqualTo(201);
        String ruleUrl = rule.headers().firstValue("Location").orElseThrow();
        String target = "docker://" + berth.host() + "/library/immu-e2e:v1";
        String creds = "admin:" + ADMIN_PASSWORD;
        Command.Result first = skopeo("copy", "--dest-tls-verify=false", "--dest-creds", creds, "oci:" + image + ":v1", target);
        assertThat(first.exit()).as(first.output()).isZero();
        Command.Result again = skopeo("copy", "--dest-tls-verify=false", "--dest-creds", creds, "oci:" + image + ":v1", target);
        assertThat(again.exit()).as(again.output()).isZero();

        OciLayout changed = new OciLayout(work.resolve("changed"));
        changed.tag("v1", MediaTypes.OCI_MANIFEST, changed.image("amd64", 1, 10_000, 99));
        Command.Result refused = skopeo("copy", "--dest-tls-verify=false", "--dest-creds", creds,
                "oci:" + work.resolve("changed") + ":v1", target);
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.output()).contains("'library/immu-e2e:v1' configured as immutable");
        Command.Result delete = skopeo("delete", "--tls-verify=false", "--creds", creds, target);
        assertThat(delete.exit()).isNotZero();
        assertThat(delete.output()).contains("configured as immutable");
        assertThat(skopeo("inspect", "--raw", "--tls-verify=false", "--creds", creds, target).output()).isEqualTo(manifest);

        assertThat(admin("PUT", ruleUrl, Map.of("disabled", true)).statusCode()).isEqualTo(200);
        Command.Result moved = skopeo("copy", "--dest-tls-verify=false", "--dest-creds", creds, "oci:" + work.resolve("changed") + ":v1", target);
        assertThat(moved.exit()).as(moved.output()).isZero();
        assertThat(admin("DELETE", ruleUrl, null).statusCode()).isEqualTo(200);
    }
}
