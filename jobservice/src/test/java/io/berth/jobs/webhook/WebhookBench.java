package io.berth.jobs.webhook;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.berth.common.event.RegistryEvent;
import io.berth.common.job.WebhookRequest;
import io.berth.jobs.testing.CoreTokens;
import io.berth.jobs.testing.JobsTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Webhook deliveries per second (not a test: run by {@code bench/webhook-bench.sh}): {@code WEBHOOK_BENCH_EVENTS} events
 * (default 3,000) spread over 16 policies, posted to jobservice in batches of 500 as core does, until a local receiver
 * has every body; three rounds after a warm-up, each printed as a {@code WEBHOOKBENCH} line.
 */
@QuarkusTest
@QuarkusTestResource(JobsTestResource.class)
@TestProfile(WebhookBench.Defaults.class)
class WebhookBench {
    static final int POLICIES = 16;

    /** The shipped webhook settings (berth-defaults.yaml), not the tests' short ones. */
    public static class Defaults implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("berth.jobservice.webhook_workers", "16", "berth.jobservice.webhook_timeout", "10s");
        }
    }

    @Test
    void deliveriesPerSecond() throws Exception {
        int events = Integer.getInteger("webhook.bench.events", 3_000);
        try (Receiver receiver = new Receiver()) {
            WebhookDeliveryTest.box = io.berth.common.secret.SecretBox.fromFile(JobsTestResource.DIR.resolve("secret.key"));
            round(receiver, "warmup", 500);
            for (int r = 1; r <= 3; r++) {
                double perSecond = round(receiver, "round" + r, events);
                System.out.printf("WEBHOOKBENCH round=%d events=%d deliveries_per_s=%.0f%n", r, events, perSecond);
            }
        }
    }

    private static double round(Receiver receiver, String name, int events) throws Exception {
        List<WebhookRequest> requests = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            RegistryEvent e = WebhookDeliveryTest.push();
            long policy = 100_000 + i % POLICIES;
            requests.add(WebhookDeliveryTest.request(policy, e, WebhookDeliveryTest.delivery(receiver.url("/ok/" + name), "Default", e, policy)));
        }
        long started = System.nanoTime();
        for (int from = 0; from < requests.size(); from += 500) {
            given().header("Authorization", CoreTokens.bearer()).contentType(ContentType.JSON)
                    .body(WebhookDeliveryTest.JSON.writeValueAsString(requests.subList(from, Math.min(requests.size(), from + 500))))
                    .post("/jobs/webhook/executions").then().statusCode(201);
        }
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20)).until(() -> receiver.at("/ok/" + name).size() >= events);
        return events / ((System.nanoTime() - started) / 1e9);
    }
}
