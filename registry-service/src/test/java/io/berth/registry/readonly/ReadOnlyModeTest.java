package io.berth.registry.readonly;

import static org.hamcrest.Matchers.equalTo;

import io.berth.common.media.MediaTypes;
import io.berth.registry.testing.Blobs;
import io.berth.registry.testing.CoreSchema;
import io.berth.registry.testing.RegistryClient;
import io.berth.registry.testing.RegistryTestResource;
import io.berth.registry.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * read_only as core stores it ({@code core.configuration}, read through {@code core.system_flags_view}): every push and
 * delete on /v2/ answers 403 DENIED while pulls go on, and pushes work again once it is turned off.
 */
@QuarkusTest
@QuarkusTestResource(RegistryTestResource.class)
class ReadOnlyModeTest {

    @Test
    void pushesAndDeletesAreDeniedWhilePullsGoOn() throws Exception {
        String repo = "ro" + UUID.randomUUID().toString().substring(0, 8) + "/app";
        RegistryClient client = new RegistryClient(repo, Tokens.bearer(repo, "pull,push,delete"));
        String manifest = client.pushImage("v1", "layer one");
        String layer = Blobs.sha256("layer one");
        String manifestDigest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(manifest.getBytes()));
        byte[] fresh = Blobs.random(2048, 77);
        String location = client.request().post("/v2/" + repo + "/blobs/uploads/").then().statusCode(202).extract().header("Location");
        CoreSchema.migrate();
        setReadOnly(true);
        try {
            awaitUploadStart(client, 403);
            client.request().post("/v2/" + repo + "/blobs/uploads/").then().statusCode(403)
                    .body("errors[0].code", equalTo("DENIED")).body("errors[0].message", equalTo(ReadOnlyMode.MESSAGE));
            client.request().queryParam("digest", Blobs.sha256(fresh)).contentType("application/octet-stream").body(fresh)
                    .post("/v2/" + repo + "/blobs/uploads/").then().statusCode(403);
            client.request().contentType("application/octet-stream").body(fresh).patch(location).then().statusCode(403);
            client.request().queryParam("digest", Blobs.sha256(fresh)).put(location).then().statusCode(403);
            client.putManifest("v2", MediaTypes.OCI_MANIFEST, manifest).then().statusCode(403).body("errors[0].code", equalTo("DENIED"));
            client.request().delete("/v2/" + repo + "/manifests/" + manifestDigest).then().statusCode(403);
            client.request().delete("/v2/" + repo + "/manifests/v1").then().statusCode(403);
            client.request().delete("/v2/" + repo + "/blobs/" + layer).then().statusCode(403);

            client.request().accept(MediaTypes.OCI_MANIFEST).get("/v2/" + repo + "/manifests/v1").then().statusCode(200);
            client.request().get("/v2/" + repo + "/blobs/" + layer).then().statusCode(200).body(equalTo("layer one"));
            client.request().get("/v2/" + repo + "/tags/list").then().statusCode(200).body("tags", equalTo(java.util.List.of("v1")));
            client.request().get(location).then().statusCode(204); // the upload's status is a read
        } finally {
            setReadOnly(false);
            awaitUploadStart(client, 202);
        }
        client.request().contentType("application/octet-stream").body(fresh).patch(location).then().statusCode(202);
        client.request().queryParam("digest", Blobs.sha256(fresh)).put(location).then().statusCode(201);
        client.request().accept(MediaTypes.OCI_MANIFEST).get("/v2/" + repo + "/manifests/v1").then().statusCode(200);
    }

    /** As core's PUT /api/v2.0/configurations writes it. */
    private static void setReadOnly(boolean on) throws Exception {
        try (Connection c = CoreSchema.connect(); PreparedStatement st = c.prepareStatement("INSERT INTO core.configuration (key, value) "
                + "VALUES ('read_only', ?) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, update_time = now()")) {
            st.setString(1, Boolean.toString(on));
            st.executeUpdate();
        }
    }

    /** The registry sees the change within ReadOnlyMode.FRESH: waits for it (up to 30 s) by starting uploads. */
    private static void awaitUploadStart(RegistryClient client, int status) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (client.request().post("/v2/" + client.repository() + "/blobs/uploads/").statusCode() == status) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the registry never answered " + status + " to an upload start");
    }
}
