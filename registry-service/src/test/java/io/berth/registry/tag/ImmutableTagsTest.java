package io.berth.registry.tag;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.berth.common.media.MediaTypes;
import io.berth.registry.testing.Blobs;
import io.berth.registry.testing.CoreSchema;
import io.berth.registry.testing.RegistryClient;
import io.berth.registry.testing.RegistryTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Immutable tag rules enforced on {@code /v2/}: the rules are core-service's, read from its
 * {@code core.immutable_rule_view}. Core's own migrations (db/core, read from core-service's sources) are run
 * on the test database after the first test, which shows tags are mutable while core is not migrated.
 */
@QuarkusTest
@QuarkusTestResource(RegistryTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImmutableTagsTest {
    static final String PROJECT = "immu" + java.util.UUID.randomUUID().toString().substring(0, 6);
    static boolean coreMigrated;

    @jakarta.inject.Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    private final RegistryClient client = new RegistryClient(Blobs.repository(PROJECT));
    private final String repo = client.repository();
    private final String name = repo.substring(PROJECT.length() + 1);

    static Connection connect() throws Exception {
        return CoreSchema.connect();
    }

    /** Runs core-service's migrations (as core does at start) and creates the project. */
    static void migrateCore() throws Exception {
        if (coreMigrated) {
            return;
        }
        CoreSchema.project(PROJECT, -1);
        coreMigrated = true;
    }

    /** A rule of the project, as core's API stores it; returns its id. */
    static long rule(String tagSelectors, String repositorySelectors, boolean disabled) throws Exception {
        migrateCore();
        try (Connection c = connect(); PreparedStatement st = c.prepareStatement("INSERT INTO core.immutable_rule "
                + "(project_id, disabled, tag_selectors, scope_selectors) SELECT id, ?, ?::jsonb, jsonb_build_object('repository', ?::jsonb) "
                + "FROM core.project WHERE name = ? RETURNING id")) {
            st.setBoolean(1, disabled);
            st.setString(2, tagSelectors);
            st.setString(3, repositorySelectors);
            st.setString(4, PROJECT);
            ResultSet rs = st.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    static String selector(String kind, String decoration, String pattern) {
        return "{\"kind\":\"" + kind + "\",\"decoration\":\"" + decoration + "\",\"pattern\":\"" + pattern.replace("\\", "\\\\") + "\"}";
    }

    /** A rule protecting tags matching {@code tagGlob} in repositories matching {@code repoGlob}. */
    static long rule(String tagGlob, String repoGlob) throws Exception {
        return rule("[" + selector("doublestar", "matches", tagGlob) + "]", "[" + selector("doublestar", "repoMatches", repoGlob) + "]", false);
    }

    static void delete(long rule) throws Exception {
        try (Connection c = connect(); PreparedStatement st = c.prepareStatement("DELETE FROM core.immutable_rule WHERE id = ?")) {
            st.setLong(1, rule);
            st.executeUpdate();
        }
    }

    String image(String marker) {
        return client.imageManifest(MediaTypes.OCI_MANIFEST, "{\"marker\":\"" + marker + "\"}", List.of("layer " + marker), null, null);
    }

    @Test
    @Order(1)
    void beforeCoreIsMigratedTagsAreMutable() {
        client.putManifest("v1", MediaTypes.OCI_MANIFEST, image("a")).then().statusCode(201);
        client.putManifest("v1", MediaTypes.OCI_MANIFEST, image("b")).then().statusCode(201);
        client.request().delete("/v2/" + repo + "/manifests/v1").then().statusCode(202);
    }

    @Test
    @Order(2)
    void movingAnImmutableTagIsRefusedWithHarborsStatusAndAMessageNamingTagAndRule() throws Exception {
        long rule = rule("v*", "**");
        try {
            String first = image("first");
            client.putManifest("v1", MediaTypes.OCI_MANIFEST, first).then().statusCode(201);
            client.putManifest("v1", MediaTypes.OCI_MANIFEST, image("second")).then().statusCode(412)
                    .body("errors[0].code", equalTo("PRECONDITION"))
                    .body("errors[0].message", allOf(containsString("'" + repo + ":v1' configured as immutable"),
                            containsString("immutable tag rule " + rule)))
                    .body("errors[0].detail.tag", equalTo("v1"));
            // nothing of the refused push was kept: the tag still names the first manifest
            client.request().head("/v2/" + repo + "/manifests/v1").then().statusCode(200)
                    .header("Docker-Content-Digest", Blobs.sha256(first));
            // the same manifest again, and a new tag, are fine; a tag no rule selects moves
            client.putManifest("v1", MediaTypes.OCI_MANIFEST, first).then().statusCode(201);
            client.putManifest("v2", MediaTypes.OCI_MANIFEST, image("second")).then().statusCode(201);
            client.putManifest("latest", MediaTypes.OCI_MANIFEST, first).then().statusCode(201);
            client.putManifest("latest", MediaTypes.OCI_MANIFEST, image("second")).then().statusCode(201);
            // a push by digest with ?tag= parameters is held to the same rule, and refused as a whole
            String third = image("third");
            client.request().contentType(MediaTypes.OCI_MANIFEST).body(third).queryParam("tag", "v1").queryParam("tag", "other")
                    .put("/v2/" + repo + "/manifests/" + Blobs.sha256(third)).then().statusCode(412);
            client.request().head("/v2/" + repo + "/manifests/other").then().statusCode(404);
        } finally {
            delete(rule);
        }
        // without the rule the tag moves again
        client.putManifest("v1", MediaTypes.OCI_MANIFEST, image("second")).then().statusCode(201);
    }

    @Test
    @Order(3)
    void deletingAnImmutableTagOrTheManifestCarryingItIsRefused() throws Exception {
        String json = image("kept");
        String digest = Blobs.sha256(json);
        client.putManifest("1.0", MediaTypes.OCI_MANIFEST, json).then().statusCode(201);
        long rule = rule("1.*", name);
        try {
            client.request().delete("/v2/" + repo + "/manifests/1.0").then().statusCode(412)
                    .body("errors[0].code", equalTo("PRECONDITION")).body("errors[0].message", containsString(repo + ":1.0"));
            client.request().delete("/v2/" + repo + "/manifests/" + digest).then().statusCode(412)
                    .body("errors[0].message", containsString("1.0"));
            client.request().head("/v2/" + repo + "/manifests/1.0").then().statusCode(200);
            // a tag the rule does not select goes; an untagged manifest goes
            client.putManifest("dev", MediaTypes.OCI_MANIFEST, json).then().statusCode(201);
            client.request().delete("/v2/" + repo + "/manifests/dev").then().statusCode(202);
            String loose = image("loose");
            client.putManifest(Blobs.sha256(loose), MediaTypes.OCI_MANIFEST, loose).then().statusCode(201);
            client.request().delete("/v2/" + repo + "/manifests/" + Blobs.sha256(loose)).then().statusCode(202);
        } finally {
            delete(rule);
        }
        client.request().delete("/v2/" + repo + "/manifests/" + digest).then().statusCode(202);
    }

    @Test
    @Order(4)
    void disabledRulesExcludesAndOtherRepositoriesDoNotProtect() throws Exception {
        List<Long> rules = List.of(
                rule("[" + selector("doublestar", "matches", "**") + "]", "[" + selector("doublestar", "repoMatches", "**") + "]", true),
                rule("[" + selector("doublestar", "excludes", "*-SNAPSHOT") + "]",
                        "[" + selector("doublestar", "repoMatches", "**") + "]", false),
                rule("[" + selector("regex", "matches", "dev.*") + "]",
                        "[" + selector("doublestar", "repoMatches", "elsewhere/**") + "]", false),
                rule("[" + selector("regex", "matches", "rc\\d+") + "]",
                        "[" + selector("regex", "repoExcludes", ".*other.*") + "]", false));
        try {
            // a disabled rule selecting everything protects nothing; the excludes rule protects all but *-SNAPSHOT
            client.putManifest("1.0-SNAPSHOT", MediaTypes.OCI_MANIFEST, image("s1")).then().statusCode(201);
            client.putManifest("1.0-SNAPSHOT", MediaTypes.OCI_MANIFEST, image("s2")).then().statusCode(201);
            client.putManifest("1.0", MediaTypes.OCI_MANIFEST, image("r1")).then().statusCode(201);
            client.putManifest("1.0", MediaTypes.OCI_MANIFEST, image("r2")).then().statusCode(412);
        } finally {
            delete(rules.get(1));
        }
        try {
            // the regex rule of another repository pattern does not apply here
            client.putManifest("dev1", MediaTypes.OCI_MANIFEST, image("d1")).then().statusCode(201);
            client.putManifest("dev1", MediaTypes.OCI_MANIFEST, image("d2")).then().statusCode(201);
            // a regex tag selector with a repoExcludes repository selector: this repository is not excluded
            client.putManifest("rc1", MediaTypes.OCI_MANIFEST, image("c1")).then().statusCode(201);
            client.putManifest("rc1", MediaTypes.OCI_MANIFEST, image("c2")).then().statusCode(412)
                    .body("errors[0].message", containsString("immutable tag rule " + rules.get(3)));
            RegistryClient other = new RegistryClient(PROJECT + "/other-" + java.util.UUID.randomUUID().toString().substring(0, 6));
            String o1 = other.imageManifest(MediaTypes.OCI_MANIFEST, "{\"o\":1}", List.of("o1"), null, null);
            String o2 = other.imageManifest(MediaTypes.OCI_MANIFEST, "{\"o\":2}", List.of("o2"), null, null);
            other.putManifest("rc1", MediaTypes.OCI_MANIFEST, o1).then().statusCode(201);
            other.putManifest("rc1", MediaTypes.OCI_MANIFEST, o2).then().statusCode(201);
        } finally {
            delete(rules.get(0));
            delete(rules.get(2));
            delete(rules.get(3));
        }
    }

    @Test
    @Order(5)
    void ofConcurrentPushesOfANewProtectedTagOneWinsAndTheOthersAreRefused() throws Exception {
        long rule = rule("race-*", "**");
        try {
            List<String> images = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                images.add(image("race " + i));
            }
            List<java.util.concurrent.CompletableFuture<Integer>> pushes = images.stream()
                    .map(json -> java.util.concurrent.CompletableFuture.supplyAsync(() ->
                            client.putManifest("race-1", MediaTypes.OCI_MANIFEST, json).statusCode()))
                    .toList();
            List<Integer> statuses = pushes.stream().map(java.util.concurrent.CompletableFuture::join).toList();
            org.assertj.core.api.Assertions.assertThat(statuses).containsOnly(201, 412).filteredOn(s -> s == 201).hasSize(1);
            String winner = images.get(statuses.indexOf(201));
            client.request().head("/v2/" + repo + "/manifests/race-1").then().statusCode(200)
                    .header("Docker-Content-Digest", Blobs.sha256(winner));
        } finally {
            delete(rule);
        }
    }

    @Test
    @Order(99)
    void garbageCollectionLeavesAProtectedTaggedAccessoryAndItsSubject() throws Exception {
        String subject = image("gc subject");
        client.putManifest(Blobs.sha256(subject), MediaTypes.OCI_MANIFEST, subject).then().statusCode(201); // untagged
        String signature = client.imageManifest(MediaTypes.OCI_MANIFEST, "{}", List.of("gc signature"), "application/vnd.example.sig",
                RegistryClient.descriptorOf(MediaTypes.OCI_MANIFEST, subject));
        String tag = "sha256-" + Blobs.sha256(subject).substring(7) + ".sig";
        client.putManifest(tag, MediaTypes.OCI_MANIFEST, signature).then().statusCode(201);
        long protecting = rule("sha256-*.sig", "**");
        try {
            io.berth.registry.gc.GcClient.Report run = new io.berth.registry.gc.GcClient(json).run(0, true, false);
            org.assertj.core.api.Assertions.assertThat(run.digests("M")).doesNotContain(Blobs.sha256(subject), Blobs.sha256(signature));
            client.request().get("/v2/" + repo + "/manifests/" + tag).then().statusCode(200);
            client.request().get("/v2/" + repo + "/manifests/" + Blobs.sha256(subject)).then().statusCode(200);
        } finally {
            delete(protecting);
        }
        // once no rule protects it, the accessory goes with its untagged subject, as in Harbor
        io.berth.registry.gc.GcClient.Report run = new io.berth.registry.gc.GcClient(json).run(0, true, false);
        org.assertj.core.api.Assertions.assertThat(run.digests("M")).contains(Blobs.sha256(subject), Blobs.sha256(signature));
    }
}
