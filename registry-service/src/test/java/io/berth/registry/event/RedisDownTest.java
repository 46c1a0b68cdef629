package io.berth.registry.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.berth.registry.testing.Blobs;
import io.berth.registry.testing.RegistryClient;
import io.berth.registry.testing.RegistryTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With Redis unreachable, pushes and pulls still succeed and their events wait in the outbox. */
@QuarkusTest
@QuarkusTestResource(RegistryTestResource.class)
@TestProfile(RedisDownTest.NoRedis.class)
class RedisDownTest {
    public static class NoRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("berth.redis.url", "redis://127.0.0.1:1", "quarkus.redis.timeout", "2s");
        }
    }

    @Inject
    AgroalDataSource db;

    @Inject
    OutboxRelay relay;

    @io.quarkus.test.common.http.TestHTTPResource(value = "/", management = true)
    java.net.URI management;

    @Test
    void pushesAndPullsSucceedAndTheirEventsWaitInTheOutbox() throws Exception {
        RegistryClient client = new RegistryClient(Blobs.repository("library"));
        client.pushImage("offline", "layer while redis is down");
        client.request().get("/v2/" + client.repository() + "/manifests/offline").then().statusCode(200);
        // the relay (every second) has tried Redis and failed, and the pull recorder (every second) has written the pull
        await().atMost(Duration.ofSeconds(30)).until(() -> relay.failing() && outboxTypes(client.repository()).size() >= 2);
        assertThat(outboxTypes(client.repository())).containsExactly("PUSH_ARTIFACT", "PULL_ARTIFACT");
        io.restassured.RestAssured.given().baseUri(management.resolve("/").toString()).get("/q/health/ready").then().statusCode(200);
    }

    private List<String> outboxTypes(String repository) throws Exception {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT type FROM registry.outbox WHERE payload->>'repository' = '" + repository + "' ORDER BY id")) {
            List<String> types = new ArrayList<>();
            while (rs.next()) {
                types.add(rs.getString(1));
            }
            return types;
        }
    }
}
