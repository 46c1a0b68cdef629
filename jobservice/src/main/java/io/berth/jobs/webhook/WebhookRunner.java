package io.berth.jobs.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.client.TrustEverything;
import io.berth.common.config.JobserviceConfig;
import io.berth.common.job.WebhookRequest;
import io.berth.common.webhook.WebhookSignature;
import io.berth.jobs.dispatch.Task;
import io.berth.jobs.dispatch.TaskContext;
import io.berth.jobs.dispatch.TaskRunner;
import io.berth.jobs.secrets.SealedSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers one webhook: POSTs the body core rendered to the target, with the policy's auth header, the event id
 * ({@value WebhookSignature#EVENT_ID_HEADER}, the same on every attempt) and the HMAC-SHA256 signature
 * ({@value WebhookSignature#HEADER}). A 2xx answer is a delivery; a timeout, a refused connection, a 5xx, 408 or
 * 429 is tried again after a doubling delay, up to {@code webhook_attempts}; another 4xx fails at once (the
 * endpoint refuses this request and will again). Each attempt logs the status the endpoint answered.
 *
 * <p>Isolation: every call ends within {@code webhook_timeout}; at most {@code webhook_per_policy} deliveries of one
 * policy run at once in a process (more wait, uncounted), so a slow or dead endpoint holds a few of the
 * {@code webhook_workers} threads only and other policies' deliveries go on.
 */
@ApplicationScoped
public class WebhookRunner implements TaskRunner {
    private final ObjectMapper json;
    private final SealedSecrets secrets;
    private final JobserviceConfig config;
    private final HttpClient verifying;
    private final HttpClient trusting;
    private final Map<Long, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    WebhookRunner(ObjectMapper json, SealedSecrets secrets, JobserviceConfig config) {
        this.json = json;
        this.secrets = secrets;
        this.config = config;
        this.verifying = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(config.webhookTimeout()).build();
        this.trusting = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(config.webhookTimeout())
                .sslContext(TrustEverything.context()).build();
    }

    @Override
    public String kind() {
        return WebhookRequest.KIND;
    }

    @Override
    public int workers(JobserviceConfig config) {
        return config.webhookWorkers();
    }

    @Override
    public int maxAttempts(JobserviceConfig config) {
        return config.webhookAttempts();
    }

    @Override
    public boolean tryAcquire(Task task) {
        AtomicInteger count = inFlight.computeIfAbsent(policy(task), k -> new AtomicInteger());
        if (count.incrementAndGet() > config.webhookPerPolicy()) {
            count.decrementAndGet();
            return false;
        }
        return true;
    }

    @Override
    public void release(Task task) {
        inFlight.get(policy(task)).decrementAndGet();
    }

    @Override
    public Object concurrencyKey(Task task) {
        return policy(task);
    }

    private static long policy(Task task) {
        return task.params().path("policy_id").asLong();
    }

    @Override
    public void run(Task task, TaskContext context) throws Exception {
        WebhookTask webhook = json.treeToValue(task.params(), WebhookTask.class);
        WebhookRequest.Delivery d = webhook.delivery();
        byte[] body = d.body().getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(d.address())).timeout(config.webhookTimeout())
                .header("Content-Type", d.contentType() == null ? "application/json" : d.contentType())
                .header("User-Agent", "Berth-Webhook")
                .header(WebhookSignature.EVENT_ID_HEADER, webhook.eventId())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        String auth = secrets.open(d.sealedAuthHeader());
        if (auth != null && !auth.isEmpty()) {
            request.header("Authorization", auth);
        }
        String secret = secrets.open(d.sealedSecret());
        if (secret != null && !secret.isEmpty()) {
            request.header(WebhookSignature.HEADER, WebhookSignature.sign(secret, body));
        }
        String target = webhook.eventType() + " " + webhook.eventId() + " (" + d.payloadFormat() + ") to " + d.address();
        long started = System.nanoTime();
        int status;
        try {
            status = (d.skipCertVerify() ? trusting : verifying).send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (HttpTimeoutException e) {
            throw new DeliveryFailure(target + ": no answer within " + config.webhookTimeout().toMillis() + " ms", true);
        } catch (IOException e) {
            throw new DeliveryFailure(target + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), true);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (status >= 200 && status < 300) {
            context.log("sent " + target + ": HTTP " + status + " in " + millis + " ms");
            return;
        }
        boolean transientStatus = status >= 500 || status == 408 || status == 429;
        throw new DeliveryFailure(target + ": HTTP " + status + " in " + millis + " ms", transientStatus);
    }

    @Override
    public boolean retryable(Exception failure) {
        if (failure instanceof DeliveryFailure f) {
            return f.transientFailure;
        }
        return TaskRunner.super.retryable(failure);
    }

    /** An attempt the endpoint did not accept; {@code transientFailure} if another attempt may succeed. */
    static final class DeliveryFailure extends Exception {
        final boolean transientFailure;

        DeliveryFailure(String message, boolean transientFailure) {
            super(message, null, false, false);
            this.transientFailure = transientFailure;
        }
    }
}
