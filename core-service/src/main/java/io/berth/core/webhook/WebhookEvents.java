package io.berth.core.webhook;

import io.berth.common.event.RegistryEvent;
import io.berth.core.event.RegistryEventGroup;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.function.Predicate;

/**
 * Webhooks of registry events, in the consumer group {@code core-webhook} (one core replica handles each event). A
 * batch is acknowledged once jobservice has recorded its deliveries; if jobservice cannot, the batch is read again.
 * From the group's creation on: events from before webhooks existed are not sent. Pull events, most of the stream, are
 * read only while an enabled policy subscribes to {@code PULL_ARTIFACT} (asked once per batch).
 */
@Singleton
public class WebhookEvents extends RegistryEventGroup {
    private static final String PULL = RegistryEvent.Type.PULL_ARTIFACT.name();

    private final WebhookNotifier notifier;

    WebhookEvents(RedisDataSource redis, WebhookNotifier notifier) {
        super(redis, "core-webhook", true);
        this.notifier = notifier;
    }

    @Override
    protected Predicate<String> wanted() {
        Predicate<String> all = super.wanted();
        boolean pulls = QuarkusTransaction.requiringNew().call(() -> (Boolean) WebhookPolicy.getEntityManager().createNativeQuery(
                "SELECT EXISTS (SELECT 1 FROM core.webhook_policy WHERE enabled AND event_types @> '[\"" + PULL + "\"]'::jsonb)")
                .getSingleResult());
        return pulls ? all : all.and(type -> !PULL.equals(type));
    }

    @Override
    protected void handle(List<RegistryEvent> events) {
        notifier.notify(events);
    }
}
