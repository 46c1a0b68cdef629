package io.berth.core.schedule;

import static io.berth.core.testing.Api.admin;
import static io.berth.core.testing.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.berth.core.replication.PolicyJson;
import io.berth.core.replication.PolicyService;
import io.berth.core.replication.RegistryEndpointService;
import io.berth.core.replication.RegistryRequest;
import io.berth.core.testing.Callers;
import io.berth.core.testing.CoreTestResource;
import io.berth.core.testing.StubJobservice;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * read_only stops what schedules would write: a garbage-collection schedule and a scheduled replication policy, both
 * firing every second, keep claiming their slots (last_fired moves on) but ask jobservice (a stub here: what core
 * asks it is the point) for nothing while read_only is on, and start again once it is off.
 */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
@TestProfile(StubJobservice.Profile.class)
class ReadOnlySchedulesTest {
    private static final List<JsonNode> GC = StubJobservice.started("gc");
    private static final List<JsonNode> REPLICATION = StubJobservice.started("replication");

    @Inject
    AgroalDataSource db;

    @Inject
    PolicyService policies;

    @Inject
    RegistryEndpointService endpoints;

    @Test
    void scheduledGcAndReplicationDoNotRunWhileReadOnly() throws Exception {
        StubJobservice.reset();
        Callers.actAs(Callers.admin());
        long registry = endpoints.create(new RegistryRequest(null, unique("ro"), "docker-registry", "http://127.0.0.1:9/", null, null,
                "mirror", "s3cret", null, null, null)).id;
        long policy = policies.create(new PolicyJson(null, unique("ro"), null, null, new PolicyJson.RegistryRef(registry, null), null,
                null, new PolicyJson.Trigger("scheduled", new PolicyJson.TriggerSettings("* * * * * *")), null, null, null, true, true, null,
                null, null, null)).id;
        admin().body(Map.of("schedule", Map.of("type", "Custom", "cron", "* * * * * *"))).post("/api/v2.0/system/gc/schedule").then()
                .statusCode(201);
        admin().body(Map.of("read_only", true)).put("/api/v2.0/configurations").then().statusCode(200);
        try {
            Thread.sleep(1500); // a tick under way when read_only went on may still start its run: let it, then forget it
            StubJobservice.reset();
            OffsetDateTime gcFired = lastFired("SELECT last_fired FROM core.schedule WHERE kind = 'GARBAGE_COLLECTION'");
            OffsetDateTime replicationFired = lastFired("SELECT last_fired FROM core.replication_policy WHERE id = " + policy);
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    lastFired("SELECT last_fired FROM core.schedule WHERE kind = 'GARBAGE_COLLECTION'").isAfter(gcFired.plusSeconds(2))
                    && lastFired("SELECT last_fired FROM core.replication_policy WHERE id = " + policy).isAfter(replicationFired.plusSeconds(2)));
            assertThat(GC).isEmpty();
            assertThat(REPLICATION).isEmpty();
        } finally {
            admin().body(Map.of("read_only", false)).put("/api/v2.0/configurations").then().statusCode(200);
        }
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> !GC.isEmpty() && !REPLICATION.isEmpty());
            assertThat(GC.get(0).path("trigger").asText()).isEqualTo("SCHEDULE");
        } finally {
            admin().body(Map.of("schedule", Map.of("type", "None"))).put("/api/v2.0/system/gc/schedule").then().statusCode(200);
            policies.delete(policy);
        }
    }

    private OffsetDateTime lastFired(String query) throws Exception {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(query)) {
            rs.next();
            OffsetDateTime fired = rs.getObject(1, OffsetDateTime.class);
            return fired == null ? OffsetDateTime.MIN : fired;
        }
    }
}
