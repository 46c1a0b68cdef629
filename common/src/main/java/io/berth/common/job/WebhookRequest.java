package io.berth.common.job;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * What core sends jobservice to deliver one event to one webhook policy ({@code POST /jobs/webhook/executions}
 * takes a list): one execution of the policy, one {@code WEBHOOK} task per target. The bodies are rendered by core
 * ({@link io.berth.common.webhook.WebhookPayloads}) so that a retry sends the same bytes and the same event id; the
 * auth header and the signing secret travel sealed with {@code secret_key_file} and are opened only to send.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WebhookRequest(long policyId, String eventType, String eventId, String trigger, List<Delivery> deliveries) {

    public static final String KIND = "WEBHOOK";

    /** One target of the policy: where to send which body, and how. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Delivery(String address, String sealedAuthHeader, boolean skipCertVerify, String payloadFormat, String contentType,
            String body, String sealedSecret) {}

    /** The reason this request cannot run, or null when it can. */
    public String problem() {
        if (eventType == null || eventType.isBlank()) {
            return "event_type is required";
        }
        if (eventId == null || eventId.isBlank()) {
            return "event_id is required";
        }
        if (deliveries == null || deliveries.isEmpty()) {
            return "at least one delivery is required";
        }
        for (Delivery d : deliveries) {
            if (d == null || d.address() == null || !(d.address().startsWith("http://") || d.address().startsWith("https://"))) {
                return "every delivery needs an http(s) address";
            }
            if (d.body() == null) {
                return "every delivery needs a body";
            }
        }
        return null;
    }
}
