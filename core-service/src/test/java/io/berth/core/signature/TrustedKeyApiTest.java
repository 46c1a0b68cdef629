package io.berth.core.signature;

import static io.berth.core.testing.Api.admin;
import static io.berth.core.testing.Api.as;
import static io.berth.core.testing.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.berth.common.signature.KeyFingerprints;
import io.berth.common.testing.Signatures;
import io.berth.core.testing.Api;
import io.berth.core.testing.CoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/v2.0/projects/{p}/trusted-keys}: project administrators add cosign public keys and Notation trust anchors
 * (checked, fingerprinted), members read them, and registry-service finds their fingerprints in
 * {@code core.content_trust_view} for the projects whose content trust policy is on.
 */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class TrustedKeyApiTest {
    static final String PASSWORD = "Passw0rdK";

    static long created(Response response, long project) {
        response.then().statusCode(201);
        String location = response.header("Location");
        assertThat(location).startsWith("/api/v2.0/projects/" + project + "/trusted-keys/");
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    static Map<String, Object> key(String kind, String pem, String description) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", kind);
        body.put("pem", pem);
        body.put("description", description);
        return body;
    }

    @Test
    void projectAdminsAddAndDeleteKeysMembersReadThemAndRegistryServiceSeesTheirFingerprints() throws Exception {
        String name = unique("keys");
        long project = Api.createProject(admin(), name, false);
        String developer = unique("dev");
        Api.createUser(developer, PASSWORD);
        Api.addMember(project, developer, 2);
        String path = "/api/v2.0/projects/" + project + "/trusted-keys";
        KeyPair cosign = Signatures.ecKey();
        String cosignPem = Signatures.publicKeyPem(cosign);
        Signatures.Chain chain = Signatures.chain(Files.createTempDirectory("pki"), "api");

        as(developer, PASSWORD).body(key("cosign", cosignPem, null)).post(path).then().statusCode(403);
        long cosignId = created(admin().body(key("cosign", cosignPem, "release key")).post(path), project);
        long anchorId = created(admin().body(key("notation", chain.rootPem(), null)).post(path), project);
        String cosignFingerprint = KeyFingerprints.sha256(cosign.getPublic().getEncoded());
        String anchorFingerprint = KeyFingerprints.sha256(chain.root().getEncoded());

        as(developer, PASSWORD).get(path).then().statusCode(200).header("X-Total-Count", "2")
                .body("[0].kind", equalTo("cosign")).body("[0].fingerprint", equalTo(cosignFingerprint))
                .body("[0].description", equalTo("release key")).body("[0].pem", containsString("BEGIN PUBLIC KEY"))
                .body("[1].fingerprint", equalTo(anchorFingerprint));
        as(developer, PASSWORD).get(path + "/" + anchorId).then().statusCode(200).body("kind", equalTo("notation"));
        admin().body(key("cosign", cosignPem, null)).post(path).then().statusCode(409);

        // only projects whose policy is on are in the view, with the fingerprints of each kind
        assertThat(viewRow(name)).isNull();
        admin().body(Map.of("metadata", Map.of("enable_content_trust_cosign", "true"))).put("/api/v2.0/projects/" + project).then().statusCode(200);
        assertThat(viewRow(name)).isEqualTo("cosign=true notation=false {" + cosignFingerprint + "} {" + anchorFingerprint + "}");

        as(developer, PASSWORD).delete(path + "/" + cosignId).then().statusCode(403);
        admin().delete(path + "/" + cosignId).then().statusCode(200);
        admin().delete(path + "/" + cosignId).then().statusCode(404);
        assertThat(viewRow(name)).isEqualTo("cosign=true notation=false null {" + anchorFingerprint + "}");
    }

    @Test
    void keysThatAreNotWhatTheirKindNeedsAreRefusedAndStoreNothing() throws Exception {
        long project = Api.createProject(admin(), unique("badkeys"), false);
        String path = "/api/v2.0/projects/" + project + "/trusted-keys";
        Signatures.Chain chain = Signatures.chain(Files.createTempDirectory("pki"), "bad");
        String rsa = Signatures.pem("PUBLIC KEY", java.security.KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic().getEncoded());
        Map<String, String> refused = Map.of(
                "cosign with a certificate", chain.rootPem(),
                "cosign with an RSA key", rsa,
                "notation with a public key", Signatures.publicKeyPem(Signatures.ecKey()),
                "cosign with no PEM", "not a key",
                "notation with a broken certificate", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        for (var bad : refused.entrySet()) {
            String kind = bad.getKey().split(" ")[0];
            admin().body(key(kind, bad.getValue(), null)).post(path).then().statusCode(400)
                    .body("errors[0].code", equalTo("BAD_REQUEST")).body("errors[0].message", containsString("trusted key"));
        }
        admin().body(key("gpg", Signatures.publicKeyPem(Signatures.ecKey()), null)).post(path).then().statusCode(400)
                .body("errors[0].message", containsString("cosign or notation"));
        admin().body(Map.of("kind", "cosign")).post(path).then().statusCode(400);
        Map<String, Object> withFingerprint = key("cosign", Signatures.publicKeyPem(Signatures.ecKey()), null);
        withFingerprint.put("fingerprint", "00");
        admin().body(withFingerprint).post(path).then().statusCode(400).body("errors[0].message", containsString("set by Berth"));
        admin().get(path).then().statusCode(200).header("X-Total-Count", "0");
    }

    /** The row registry-service reads (core.content_trust_view), or null. */
    static String viewRow(String project) throws Exception {
        try (var c = io.quarkus.arc.Arc.container().instance(io.agroal.api.AgroalDataSource.class).get().getConnection();
                var st = c.prepareStatement("SELECT cosign, notation, cosign_keys::text, notation_keys::text FROM core.content_trust_view "
                        + "WHERE project = ?")) {
            st.setString(1, project);
            var rs = st.executeQuery();
            return rs.next() ? "cosign=" + rs.getBoolean(1) + " notation=" + rs.getBoolean(2) + " " + rs.getString(3) + " " + rs.getString(4)
                    : null;
        }
    }
}
