package io.berth.gateway.flow;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Reads from a service that are small while the {@link QueueBudget} is spent. A transfer that pauses
 * because its client stopped reading holds the last piece it read; with the 1 MiB reads that make blob
 * relays fast, a thousand stalled clients would hold a GiB. So each read of a connection given here
 * asks the budget first: its usual size while the budget is loose, {@link #TIGHT_READ} while it is spent.
 */
public final class BudgetedReads {
    /** The most one read takes while the budget is spent: what a client that stalls then costs. */
    public static final int TIGHT_READ = 16 << 10;

    private BudgetedReads() {}

    /** Makes the reads of {@code connection} (a Vert.x connection over Netty) follow the budget. */
    public static void apply(HttpConnection connection, QueueBudget budget) {
        if (connection instanceof ConnectionBase base) {
            Channel channel = base.channel();
            ChannelConfig config = channel.config();
            RecvByteBufAllocator usual = config.getRecvByteBufAllocator();
            config.setRecvByteBufAllocator(new Allocator(usual, budget));
        }
    }

    private record Allocator(RecvByteBufAllocator usual, QueueBudget budget) implements RecvByteBufAllocator {
        @Override
        public Handle newHandle() {
            return new BudgetedHandle((ExtendedHandle) usual.newHandle(), budget);
        }
    }

    private static final class BudgetedHandle implements RecvByteBufAllocator.ExtendedHandle {
        private final RecvByteBufAllocator.ExtendedHandle usual;
        private final QueueBudget budget;

        BudgetedHandle(RecvByteBufAllocator.ExtendedHandle usual, QueueBudget budget) {
            this.usual = usual;
            this.budget = budget;
        }

        @Override
        public ByteBuf allocate(ByteBufAllocator alloc) {
            return budget.tight() ? alloc.ioBuffer(guess()) : usual.allocate(alloc);
        }

        @Override
        public int guess() {
            return budget.tight() ? Math.min(usual.guess(), TIGHT_READ) : usual.guess();
        }

        @Override
        public void reset(ChannelConfig config) {
            usual.reset(config);
        }

        @Override
        public void incMessagesRead(int numMessages) {
            usual.incMessagesRead(numMessages);
        }

        @Override
        public void lastBytesRead(int bytes) {
            usual.lastBytesRead(bytes);
        }

        @Override
        public int lastBytesRead() {
            return usual.lastBytesRead();
        }

        @Override
        public void attemptedBytesRead(int bytes) {
            usual.attemptedBytesRead(bytes);
        }

        @Override
        public int attemptedBytesRead() {
            return usual.attemptedBytesRead();
        }

        @Override
        public boolean continueReading() {
            return usual.continueReading();
        }

        @Override
        public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
            return usual.continueReading(maybeMoreDataSupplier);
        }

        @Override
        public void readComplete() {
            usual.readComplete();
        }
    }
}
