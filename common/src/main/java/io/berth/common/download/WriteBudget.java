package io.berth.common.download;

/**
 * Bytes written towards a peer that its socket has not taken yet, counted across every transfer of a
 * process so that slow peers together cannot hold more than a budget: {@link #queued} as a write is
 * handed over, {@link #taken} once it is done (or failed); {@link #tight()} while the total is over
 * the budget, when a transfer should hold no more than the piece it has in hand.
 */
public interface WriteBudget {
    /** No budget: each transfer is bounded by its own write queue only. */
    WriteBudget NONE = new WriteBudget() {
        @Override
        public void queued(int bytes) { }

        @Override
        public void taken(int bytes) { }

        @Override
        public boolean tight() {
            return false;
        }
    };

    void queued(int bytes);

    void taken(int bytes);

    boolean tight();
}
