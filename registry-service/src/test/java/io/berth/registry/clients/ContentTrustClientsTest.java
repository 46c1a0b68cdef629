package io.berth.registry.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.berth.common.media.MediaTypes;
import io.berth.common.testing.OciLayout;
import io.berth.common.testing.Signatures;
import io.berth.registry.testing.Blobs;
import io.berth.registry.testing.CoreSchema;
import io.berth.registry.testing.RegistryClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Harbor's content trust on {@code /v2/} with real clients: an unsigned image, one signed with cosign (tag scheme), one
 * with a cosign OCI 1.1 referrer and one with a Notation referrer, all pushed by skopeo from an OCI layout the test
 * writes (signatures made with Java crypto in the tools' formats, {@link Signatures}), then pulled by skopeo and
 * podman under each policy of the project (core's {@code project_metadata}, read through {@code core.content_trust_view}).
 */
@QuarkusTest
@TestProfile(RealClientsTest.WithTokenService.class)
class ContentTrustClientsTest {
    static final String PROJECT = "trust" + java.util.UUID.randomUUID().toString().substring(0, 6);
    static final String REPO = PROJECT + "/app";
    static Path layoutDir;
    static String unsigned;
    static String cosignTagged;
    static String cosignReferred;
    static String notationSigned;
    static String cosignSignature;
    static KeyPair trusted;
    static KeyPair untrusted;
    static Signatures.Chain chain;
    static Signatures.Chain otherChain;

    @TestHTTPResource("/")
    URI registry;

    @TempDir
    static Path work;

    @BeforeAll
    static void project() throws Exception {
        CoreSchema.project(PROJECT, -1);
    }

    private String ref(String reference) {
        String host = "127.0.0.1:" + registry.getPort() + "/" + REPO;
        return "docker://" + host + (reference.startsWith("sha256:") ? "@" : ":") + reference;
    }

    /** Runs a client; its exit status and what it printed. */
    record Outcome(int status, String output) {}

    static Outcome attempt(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Outcome(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    Outcome skopeoPull(String reference) throws Exception {
        Path to = work.resolve("pulled-" + System.nanoTime());
        return attempt(List.of("skopeo", "--insecure-policy", "copy", "--src-tls-verify=false", ref(reference), "oci:" + to + ":x"));
    }

    Outcome podmanPull(String reference) throws Exception {
        List<String> command = new ArrayList<>(List.of("podman", "--root", work.resolve("podman-root").toString(), "--runroot",
                work.resolve("podman-run").toString(), "--storage-driver", "vfs", "--cgroup-manager", "cgroupfs", "--events-backend", "none",
                "pull", "--tls-verify=false"));
        command.add(ref(reference).substring("docker://".length()));
        return attempt(command);
    }

    static void policy(String key, boolean on) throws Exception {
        try (Connection c = CoreSchema.connect(); PreparedStatement st = c.prepareStatement(on
                ? "INSERT INTO core.project_metadata (project_id, name, value) SELECT id, ?, 'true' FROM core.project WHERE name = ? "
                        + "ON CONFLICT (project_id, name) DO UPDATE SET value = 'true'"
                : "DELETE FROM core.project_metadata WHERE name = ? AND project_id = (SELECT id FROM core.project WHERE name = ?)")) {
            st.setString(1, key);
            st.setString(2, PROJECT);
            st.executeUpdate();
        }
    }

    /** Four images and their signatures in one layout, pushed with skopeo once. */
    synchronized void pushAll() throws Exception {
        if (unsigned != null) {
            return;
        }
        layoutDir = work.resolve("layout");
        OciLayout layout = new OciLayout(layoutDir);
        KeyPair key = Signatures.ecKey();
        trusted = key;
        untrusted = Signatures.ecKey();
        String plain = layout.image("amd64", 1, 5_000, 1);
        String tagged = layout.image("amd64", 1, 5_000, 2);
        String referred = layout.image("amd64", 1, 5_000, 3);
        String notation = layout.image("amd64", 1, 5_000, 4);
        String docker = "127.0.0.1:" + registry.getPort() + "/" + REPO;
        String sig = Signatures.cosign(layout, Signatures.cosignPayload(docker, OciLayout.sha256(tagged)), key.getPrivate(), null);
        String referrer = Signatures.cosign(layout, Signatures.cosignPayload(docker, OciLayout.sha256(referred)), key.getPrivate(), referred);
        chain = Signatures.chain(work.resolve("pki"), "test");
        String envelope = Signatures.notationEnvelope(Signatures.notationPayload(MediaTypes.OCI_MANIFEST, OciLayout.sha256(notation),
                notation.getBytes(StandardCharsets.UTF_8).length), chain);
        String notationSig = Signatures.notation(layout, notation, envelope, chain);
        // signed with a key the project will not trust; signed with the trusted key over another image's digest; signed by
        // another certificate chain
        String otherKey = layout.image("amd64", 1, 5_000, 5);
        String otherKeySig = Signatures.cosign(layout, Signatures.cosignPayload(docker, OciLayout.sha256(otherKey)), untrusted.getPrivate(), null);
        String wrongDigest = layout.image("amd64", 1, 5_000, 6);
        String wrongDigestSig = Signatures.cosign(layout, Signatures.cosignPayload(docker, OciLayout.sha256(plain)), key.getPrivate(), null);
        String otherChainImage = layout.image("amd64", 1, 5_000, 7);
        otherChain = Signatures.chain(work.resolve("pki"), "other");
        String otherChainSig = Signatures.notation(layout, otherChainImage, Signatures.notationEnvelope(Signatures.notationPayload(
                MediaTypes.OCI_MANIFEST, OciLayout.sha256(otherChainImage), otherChainImage.getBytes(StandardCharsets.UTF_8).length), otherChain),
                otherChain);
        List<String[]> tags = List.of(new String[] {"unsigned", plain}, new String[] {"cosigned", tagged},
                new String[] {Signatures.cosignTag(tagged), sig}, new String[] {"referred", referred}, new String[] {"referred-sig", referrer},
                new String[] {"notation", notation}, new String[] {"notation-sig", notationSig}, new String[] {"other-key", otherKey},
                new String[] {Signatures.cosignTag(otherKey), otherKeySig}, new String[] {"wrong-digest", wrongDigest},
                new String[] {Signatures.cosignTag(wrongDigest), wrongDigestSig}, new String[] {"other-chain", otherChainImage},
                new String[] {"other-chain-sig", otherChainSig});
        for (String[] t : tags) {
            layout.tag(t[0], MediaTypes.OCI_MANIFEST, t[1]);
        }
        for (String[] t : tags) {
            Cli.run("skopeo", "--insecure-policy", "copy", "--dest-tls-verify=false", "oci:" + layoutDir + ":" + t[0], ref(t[0]));
        }
        // the referrers need no tag: untagged they are found by subject (the tags above only carry them through skopeo)
        new RegistryClient(REPO).request().delete("/v2/" + REPO + "/manifests/referred-sig").then().statusCode(202);
        new RegistryClient(REPO).request().delete("/v2/" + REPO + "/manifests/notation-sig").then().statusCode(202);
        new RegistryClient(REPO).request().delete("/v2/" + REPO + "/manifests/other-chain-sig").then().statusCode(202);
        unsigned = plain;
        cosignTagged = tagged;
        cosignReferred = referred;
        notationSigned = notation;
        cosignSignature = sig;
    }

    void assertRefused(Outcome outcome, String message) {
        assertThat(outcome.status()).as(outcome.output()).isNotZero();
        assertThat(outcome.output()).contains(message);
    }

    void assertPulled(Outcome outcome) {
        assertThat(outcome.status()).as(outcome.output()).isZero();
    }

    @Test
    void withoutAPolicyEveryImagePulls() throws Exception {
        pushAll();
        policy("enable_content_trust_cosign", false);
        policy("enable_content_trust", false);
        assertPulled(skopeoPull("unsigned"));
        assertPulled(skopeoPull("notation"));
    }

    @Test
    void cosignPolicyRefusesImagesWithoutACosignSignatureAndServesSignedOnesAndTheSignatures() throws Exception {
        pushAll();
        policy("enable_content_trust_cosign", true);
        try {
            assertRefused(skopeoPull("unsigned"), "The image is not signed in Cosign.");
            assertRefused(skopeoPull("notation"), "The image is not signed in Cosign.");
            assertRefused(podmanPull("unsigned"), "The image is not signed in Cosign.");
            // by digest as well, and a HEAD answers the same status
            assertRefused(skopeoPull(OciLayout.sha256(unsigned)), "The image is not signed in Cosign.");
            new RegistryClient(REPO).request().head("/v2/" + REPO + "/manifests/unsigned").then().statusCode(412);
            new RegistryClient(REPO).request().get("/v2/" + REPO + "/manifests/unsigned").then().statusCode(412)
                    .body("errors[0].code", equalTo("PROJECTPOLICYVIOLATION"))
                    .body("errors[0].message", equalTo("The image is not signed in Cosign."))
                    .body("errors[0].detail.policy", equalTo("enable_content_trust_cosign"));

            assertPulled(skopeoPull("cosigned"));
            assertPulled(skopeoPull("referred"));
            assertPulled(podmanPull("cosigned"));
            // the signature itself, by its tag and by digest, as cosign verify fetches it
            assertPulled(skopeoPull(Signatures.cosignTag(cosignTagged)));
            assertPulled(skopeoPull(OciLayout.sha256(cosignSignature)));
        } finally {
            policy("enable_content_trust_cosign", false);
        }
        assertPulled(skopeoPull("unsigned"));
    }

    @Test
    void notationPolicyRefusesImagesWithoutANotationSignature() throws Exception {
        pushAll();
        policy("enable_content_trust", true);
        try {
            assertRefused(skopeoPull("unsigned"), "The image is not signed in Notary.");
            assertRefused(skopeoPull("cosigned"), "The image is not signed in Notary.");
            assertRefused(podmanPull("cosigned"), "The image is not signed in Notary.");
            assertPulled(skopeoPull("notation"));
            assertPulled(podmanPull("notation"));
            // both policies: only an image with both kinds would pass; the Notation-signed one lacks cosign's
            policy("enable_content_trust_cosign", true);
            assertRefused(skopeoPull("notation"), "The image is not signed in Cosign.");
        } finally {
            policy("enable_content_trust", false);
            policy("enable_content_trust_cosign", false);
        }
    }

    @Test
    void deletingAnImageByDigestDeletesItsSignaturesAndTheirAccessoriesWithIt() {
        RegistryClient client = new RegistryClient(PROJECT + "/gone");
        String repo = client.repository();
        String image = client.pushImage("v1", "layer of the image");
        String digest = Blobs.sha256(image);
        String sig = client.imageManifest(MediaTypes.OCI_MANIFEST, "{\"cosign\":1}", List.of("cosign payload"), null, null);
        client.putManifest(digest.replace(':', '-') + ".sig", MediaTypes.OCI_MANIFEST, sig).then().statusCode(201);
        String notation = client.imageManifest(MediaTypes.OCI_MANIFEST, "{}", List.of("jws envelope"), Signatures.NOTATION_ARTIFACT,
                RegistryClient.descriptorOf(MediaTypes.OCI_MANIFEST, image));
        client.putManifest(Blobs.sha256(notation), MediaTypes.OCI_MANIFEST, notation).then().statusCode(201);
        // an accessory of the accessory (a signature of the Notation signature)
        String nested = client.imageManifest(MediaTypes.OCI_MANIFEST, "{}", List.of("nested envelope"), Signatures.NOTATION_ARTIFACT,
                RegistryClient.descriptorOf(MediaTypes.OCI_MANIFEST, notation));
        client.putManifest(Blobs.sha256(nested), MediaTypes.OCI_MANIFEST, nested).then().statusCode(201);
        String other = client.pushImage("v2", "layer of another image");

        // a tag delete leaves the image and its accessories
        client.putManifest("alias", MediaTypes.OCI_MANIFEST, image).then().statusCode(201);
        client.request().delete("/v2/" + repo + "/manifests/alias").then().statusCode(202);
        client.request().head("/v2/" + repo + "/manifests/" + Blobs.sha256(sig)).then().statusCode(200);

        client.request().delete("/v2/" + repo + "/manifests/" + digest).then().statusCode(202);
        for (String gone : List.of(digest, Blobs.sha256(sig), Blobs.sha256(notation), Blobs.sha256(nested))) {
            client.request().head("/v2/" + repo + "/manifests/" + gone).then().statusCode(404);
        }
        client.request().head("/v2/" + repo + "/manifests/" + digest.replace(':', '-') + ".sig").then().statusCode(404);
        client.request().head("/v2/" + repo + "/manifests/v2").then().statusCode(200).header("Docker-Content-Digest", Blobs.sha256(other));
        client.request().get("/v2/" + repo + "/referrers/" + digest).then().statusCode(200).body("manifests.size()", equalTo(0));
    }

    /** A key the project trusts, as core's API stores it (db/core V27); returns its id. */
    static long trust(String kind, String pem) throws Exception {
        try (Connection c = CoreSchema.connect(); PreparedStatement st = c.prepareStatement("INSERT INTO core.trusted_key (project_id, kind, pem, "
                + "fingerprint) SELECT id, ?, ?, ? FROM core.project WHERE name = ? RETURNING id")) {
            st.setString(1, kind);
            st.setString(2, pem);
            st.setString(3, io.berth.common.signature.KeyFingerprints.of(io.berth.common.signature.SignatureKind.of(kind), pem));
            st.setString(4, PROJECT);
            var rs = st.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    static void distrust(long key) throws Exception {
        try (Connection c = CoreSchema.connect(); PreparedStatement st = c.prepareStatement("DELETE FROM core.trusted_key WHERE id = ?")) {
            st.setLong(1, key);
            st.executeUpdate();
        }
    }

    @Test
    void withTrustedCosignKeysOnlyASignatureVerifyingUnderOneOfThemLetsAnImageThrough() throws Exception {
        pushAll();
        policy("enable_content_trust_cosign", true);
        // the keys arrive after the signatures: each signature's verdict (the keys it verifies under) was computed on push
        long key = trust("cosign", Signatures.publicKeyPem(trusted));
        String refusal = "The image is not signed in Cosign by a key trusted by project " + PROJECT + ".";
        try {
            assertPulled(skopeoPull("cosigned"));
            assertPulled(skopeoPull("referred"));
            assertPulled(podmanPull("referred"));
            assertRefused(skopeoPull("other-key"), refusal);
            assertRefused(podmanPull("other-key"), refusal);
            assertRefused(skopeoPull("wrong-digest"), refusal); // the trusted key signed another image's digest
            assertRefused(skopeoPull("unsigned"), refusal);
            new RegistryClient(REPO).request().get("/v2/" + REPO + "/manifests/other-key").then().statusCode(412)
                    .body("errors[0].code", equalTo("PROJECTPOLICYVIOLATION")).body("errors[0].detail.trusted_keys", equalTo(true));
            assertPulled(skopeoPull(Signatures.cosignTag(cosignTagged))); // the signature itself stays pullable

            // the other key trusted instead: the verdicts turn around, nothing pushed again
            distrust(key);
            key = trust("cosign", Signatures.publicKeyPem(untrusted));
            assertPulled(skopeoPull("other-key"));
            assertRefused(skopeoPull("cosigned"), refusal);
        } finally {
            distrust(key);
            policy("enable_content_trust_cosign", false);
        }
    }

    @Test
    void withATrustedNotationRootOnlyAChainUpToItLetsAnImageThrough() throws Exception {
        pushAll();
        policy("enable_content_trust", true);
        long anchor = trust("notation", chain.rootPem());
        String refusal = "The image is not signed in Notation by a key trusted by project " + PROJECT + ".";
        try {
            assertPulled(skopeoPull("notation"));
            assertPulled(podmanPull("notation"));
            assertRefused(skopeoPull("other-chain"), refusal);
            assertRefused(skopeoPull("cosigned"), refusal);
        } finally {
            distrust(anchor);
        }
        try {
            // without keys, Harbor's check again: any Notation signature will do
            assertPulled(skopeoPull("other-chain"));
        } finally {
            policy("enable_content_trust", false);
        }
    }
}
