package io.berth.core.webhook;

import io.berth.common.event.ExecutionEvent;
import io.berth.common.job.WebhookRequest;
import io.berth.core.event.StreamGroup;
import io.berth.core.jobs.Jobservice;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Webhooks of jobservice's execution ends ({@link ExecutionEvent#STREAM}), in the consumer group {@code core-webhook}:
 * a replication execution's end is Harbor's {@code REPLICATION} event ({@link ReplicationWebhooks}), a scan execution's
 * end a {@code SCANNING_*} event per artifact ({@link ScanWebhooks}). A batch is
 * acknowledged once jobservice has recorded its deliveries; if jobservice cannot, the batch is read again.
 */
@Singleton
public class ExecutionEvents extends StreamGroup<ExecutionEvent> {
    private final ReplicationWebhooks replication;
    private final ScanWebhooks scans;
    private final Jobservice jobservice;

    ExecutionEvents(RedisDataSource redis, ReplicationWebhooks replication, ScanWebhooks scans, Jobservice jobservice) {
        super(redis, ExecutionEvent.STREAM, "core-webhook", false);
        this.replication = replication;
        this.scans = scans;
        this.jobservice = jobservice;
    }

    @Override
    protected ExecutionEvent decode(String payload) {
        return ExecutionEvent.decode(payload);
    }

    @Override
    protected void handle(List<ExecutionEvent> events) {
        // one transaction for the reads (the views of jobs, the policies): this thread has no request context
        List<WebhookRequest> requests = QuarkusTransaction.joiningExisting().call(() -> {
            List<WebhookRequest> all = new ArrayList<>();
            events.forEach(e -> {
                all.addAll(replication.requests(e));
                all.addAll(scans.requests(e));
            });
            return all;
        });
        if (!requests.isEmpty()) {
            jobservice.notify(requests);
        }
    }
}
