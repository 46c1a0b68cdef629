package io.berth.jobs.webhook;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.berth.common.job.WebhookRequest;

/** The parameters of one {@code WEBHOOK} task: one policy target's delivery of one event. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WebhookTask(long policyId, String eventType, String eventId, WebhookRequest.Delivery delivery) {}
