package io.berth.gateway.flow;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;

/**
 * Streams a body from a peer to another, reading more only while what is written and not yet taken
 * stays small: at most {@link #QUEUE_PER_TRANSFER} for this transfer, and nothing beyond the piece in
 * hand while the {@link QueueBudget} of all transfers is spent. Unlike Vert.x's pipe, it counts every
 * byte it queues, which is what lets the budget see a peer that stopped reading.
 * <p>
 * The result completes when the source has ended and its end was written (the destination is ended
 * here), and fails with the first failure of either side; the caller then tears down both (never from
 * inside the failing write: the failure arrives in a later callback).
 */
public final class BudgetedPipe {
    /** What one transfer may queue when the budget is not spent: enough to keep a fast link busy. */
    public static final int QUEUE_PER_TRANSFER = 4 << 20;

    private final ReadStream<Buffer> source;
    private final WriteStream<Buffer> destination;
    private final QueueBudget budget;
    private final Promise<Void> result = Promise.promise();
    private long mine;
    private boolean paused;

    private BudgetedPipe(ReadStream<Buffer> source, WriteStream<Buffer> destination, QueueBudget budget) {
        this.source = source;
        this.destination = destination;
        this.budget = budget;
    }

    /** Starts streaming {@code source} (paused by the caller until now) to {@code destination}. */
    public static Future<Void> pipe(ReadStream<Buffer> source, WriteStream<Buffer> destination, QueueBudget budget) {
        BudgetedPipe pipe = new BudgetedPipe(source, destination, budget);
        pipe.start();
        return pipe.result.future();
    }

    private void start() {
        source.exceptionHandler(result::tryFail);
        destination.exceptionHandler(result::tryFail);
        source.endHandler(v -> destination.end().onComplete(ended -> {
            if (ended.succeeded()) {
                result.tryComplete();
            } else {
                result.tryFail(ended.cause());
            }
        }));
        source.handler(this::write);
        source.resume();
    }

    private void write(Buffer piece) {
        int n = piece.length();
        mine += n;
        budget.queued(n);
        destination.write(piece).onComplete(done -> {
            mine -= n;
            budget.taken(n);
            if (done.failed()) {
                result.tryFail(done.cause());
            } else if (paused && mine <= resumeBelow() && !result.future().isComplete()) {
                paused = false;
                source.resume();
            }
        });
        if (!paused && (mine >= QUEUE_PER_TRANSFER || budget.tight() && mine > 0)) {
            paused = true;
            source.pause();
        }
    }

    private long resumeBelow() {
        return budget.tight() ? 0 : QUEUE_PER_TRANSFER / 2;
    }
}
