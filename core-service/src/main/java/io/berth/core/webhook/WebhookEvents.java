package io.berth.core.webhook;

import io.berth.common.event.RegistryEvent;
import io.berth.core.event.RegistryEventGroup;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Webhooks of registry events, in the consumer group {@code core-webhook} (one core replica handles each event). A
 * batch is acknowledged once jobservice has recorded its deliveries; if jobservice cannot, the batch is read again.
 * From the group's creation on: events from before webhooks existed are not sent.
 */
@Singleton
public class WebhookEvents extends RegistryEventGroup {
    private final WebhookNotifier notifier;

    WebhookEvents(RedisDataSource redis, WebhookNotifier notifier) {
        super(redis, "core-webhook", true);
        this.notifier = notifier;
    }

    @Override
    protected void handle(List<RegistryEvent> events) {
        notifier.notify(events);
    }
}
