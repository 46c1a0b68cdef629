package io.berth.registry.event;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With Redis unreachable, pushes still succeed and their events wait in the outbox. */
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

    @Test
    void pushesSucceedAndEventsWaitInTheOutbox() throws Exception {
        RegistryClient client = new RegistryClient(Blobs.repository("library"));
        client.pushImage("offline", "layer while redis is down");
        Thread.sleep(5000); // the relay (every second) has had time to try, and fail
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM registry.outbox WHERE payload->>'repository' = '" + client.repository() + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
        client.request().get("/q/health/ready").then().statusCode(200);
    }
}
