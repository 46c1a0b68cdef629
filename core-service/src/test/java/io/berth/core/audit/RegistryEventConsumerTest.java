package io.berth.core.audit;

import static io.berth.core.testing.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.common.event.RegistryEvent;
import io.berth.common.event.RegistryEventCodec;
import io.berth.core.testing.CoreTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Registry events on the real Redis stream, as registry-service writes them, becoming audit lines in the real database. */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class RegistryEventConsumerTest {
    static final String DIGEST = "sha256:" + "a".repeat(64);

    @Inject
    RedisDataSource redis;

    void send(RegistryEvent e) {
        redis.stream(String.class).xadd(RegistryEvent.STREAM, Map.of("type", e.type().name(), RegistryEventCodec.FIELD,
                RegistryEventCodec.encode(e)));
    }

    static RegistryEvent event(RegistryEvent.Type type, String project, List<String> tags, Instant at) {
        return new RegistryEvent(UUID.randomUUID().toString(), type, project + "/app", project, DIGEST, tags,
                "application/vnd.oci.image.manifest.v1+json", 10, "alice", at, null);
    }

    static List<AuditEntry> lines(String project) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEntry.<AuditEntry>list("project = ?1 order by opTime, id", project));
    }

    @Test
    void aBatchOfPullsPushesAndDeletesIsWrittenOnceEachAndOtherEventsNotAtAll() {
        String project = unique("audited");
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        RegistryEvent push = event(RegistryEvent.Type.PUSH_ARTIFACT, project, List.of("v1"), t0);
        List<RegistryEvent> pulls = new ArrayList<>();
        for (int i = 1; i <= 1_500; i++) { // more than one batch
            pulls.add(event(RegistryEvent.Type.PULL_ARTIFACT, project, List.of(), t0.plusMillis(i)));
        }
        RegistryEvent quota = event(RegistryEvent.Type.QUOTA_WARNING, project, List.of("v1"), t0.plusSeconds(5));
        RegistryEvent delete = event(RegistryEvent.Type.DELETE_ARTIFACT, project, List.of(), t0.plusSeconds(6));
        send(push);
        pulls.forEach(this::send);
        send(pulls.get(3)); // redelivered (the relay sends again what Redis may have taken): written once
        send(pulls.get(1_200));
        send(quota);
        send(delete);

        await().atMost(Duration.ofSeconds(30)).until(() -> lines(project).size() >= 1_502);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> lines(project).size() == 1_502);
        List<AuditEntry> lines = lines(project);
        assertThat(lines).extracting(l -> l.operation).containsOnly("create", "pull", "delete");
        assertThat(lines.get(0).eventId).isEqualTo(push.id());
        assertThat(lines.get(0).resource).isEqualTo(project + "/app:v1");
        assertThat(lines.get(0).username).isEqualTo("alice");
        assertThat(lines.get(0).resourceType).isEqualTo("artifact");
        assertThat(lines.get(0).opTime.toInstant()).isEqualTo(t0);
        assertThat(lines.get(1).resource).isEqualTo(project + "/app@" + DIGEST);
        assertThat(lines.get(1_500).opTime.toInstant()).isEqualTo(pulls.get(1_499).occurredAt());
        assertThat(lines.get(1_501).eventId).isEqualTo(delete.id());
        assertThat(lines).extracting(l -> l.eventId).doesNotHaveDuplicates().doesNotContain(quota.id());
    }
}
