package io.berth.gateway.flow;

import io.berth.common.config.GatewayConfig;
import io.berth.common.download.WriteBudget;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.internal.PlatformDependent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the gateway holds for peers that do not take it yet, all transfers together: bytes written
 * towards a client (a relayed download) or towards a service (an upload) that the socket has not
 * taken. Each transfer may queue up to {@link BudgetedPipe#QUEUE_PER_TRANSFER} while the whole stays
 * under the budget ({@code gateway.queue_budget}, by default a quarter of the direct memory the JVM allows); past it, every transfer queues
 * at most the one piece it has in hand and reads the next only once that piece is gone. A peer that
 * stopped reading then holds one piece, not megabytes, and the others are never cut: they keep
 * moving, a piece at a time, until the stalled ones give memory back or leave.
 */
@ApplicationScoped
public class QueueBudget implements WriteBudget {
    private final AtomicLong queued = new AtomicLong();
    private final long budget;

    @jakarta.inject.Inject
    public QueueBudget(GatewayConfig config, MeterRegistry metrics) {
        this(config.queueBudget() > 0 ? config.queueBudget() : PlatformDependent.maxDirectMemory() / 4);
        Gauge.builder("berth.gateway.queued.bytes", queued, AtomicLong::get)
                .description("bytes the gateway holds for clients and services that have not taken them yet").register(metrics);
        Gauge.builder("berth.gateway.queue.budget.bytes", () -> budget)
                .description("past this many queued bytes, every transfer queues one piece at a time").register(metrics);
    }

    QueueBudget(long budget) {
        this.budget = budget;
    }

    @Override
    public void queued(int bytes) {
        queued.addAndGet(bytes);
    }

    @Override
    public void taken(int bytes) {
        queued.addAndGet(-bytes);
    }

    /** Whether transfers must queue no more than the piece in hand. */
    @Override
    public boolean tight() {
        return queued.get() > budget;
    }

    public long queuedBytes() {
        return queued.get();
    }

    public long budgetBytes() {
        return budget;
    }
}
