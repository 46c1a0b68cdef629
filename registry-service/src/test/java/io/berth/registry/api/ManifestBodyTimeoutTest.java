package io.berth.registry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.berth.registry.testing.Blobs;
import io.berth.registry.testing.RegistryClient;
import io.berth.registry.testing.RegistryTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code registry.manifest_body_timeout}: a manifest push whose body stops arriving is answered
 * {@code 400 MANIFEST_INVALID} once the timeout has passed, its connection is closed, nothing of it is
 * stored, and the memory reserved for a large one is given back to the pushes waiting for it.
 */
@QuarkusTest
@QuarkusTestResource(RegistryTestResource.class)
@TestProfile(ManifestBodyTimeoutTest.ShortTimeout.class)
class ManifestBodyTimeoutTest {
    public static class ShortTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("berth.registry.manifest_body_timeout", "2s");
        }
    }

    /** Far beyond the 2 s timeout (twice, for a push that waits for its reservation first), on a busy machine too. */
    private static final int ANSWER_WITHIN_MILLIS = 30_000;

    private final RegistryClient client = new RegistryClient(Blobs.repository("library"));

    @TestHTTPResource("/")
    URI registry;

    @Test
    void aStalledPushIsRefusedItsConnectionClosedAndNothingStored() throws Exception {
        try (Socket socket = client.startManifestPush(registry, "stalled", 1000)) {
            assertRefusedAndClosed(socket);
        }
        client.request().get("/v2/" + client.repository() + "/manifests/stalled").then().statusCode(404)
                .body("errors[0].code", equalTo("MANIFEST_UNKNOWN"));
        client.pushImage("stalled", "pushed in time"); // the same tag, sent at a normal pace
    }

    @Test
    void stalledLargePushesGiveBackTheirReservations() throws Exception {
        // more than the heap large pushes may reserve together (a quarter of it, 8× each one's 4 MiB):
        // the last ones wait until the first have timed out and given theirs back
        long senders = Runtime.getRuntime().maxMemory() / 4 / (32L << 20) + 2;
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < senders; i++) {
                stalled.add(client.startManifestPush(registry, "large" + i, 4 << 20));
            }
            for (Socket socket : stalled) {
                assertRefusedAndClosed(socket);
            }
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
        client.pushLargeManifestOfAbsentLayers("large");
    }

    /** The answer is a 400 MANIFEST_INVALID, and then the registry closes the connection. */
    private static void assertRefusedAndClosed(Socket socket) throws Exception {
        assertThat(answerToTheEnd(socket)).startsWith("HTTP/1.1 400 ").containsIgnoringCase("connection: close")
                .contains("MANIFEST_INVALID").contains("did not arrive within 2 s");
    }

    /** Everything the registry sends, up to its closing the connection (a registry that keeps it open fails this). */
    private static String answerToTheEnd(Socket socket) throws Exception {
        socket.setSoTimeout(ANSWER_WITHIN_MILLIS);
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
