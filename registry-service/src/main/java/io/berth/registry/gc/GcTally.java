package io.berth.registry.gc;

import io.berth.common.gc.GcCollected;
import io.berth.common.gc.GcDeleted;
import java.util.ArrayList;
import java.util.List;

/** What one collect call did, item by item, turned into its answer. */
final class GcTally {
    final List<GcDeleted> deleted = new ArrayList<>();
    final List<String> failures = new ArrayList<>();
    int busy;
    int inUse;
    long bytes;

    void count(GcTransaction.Outcome outcome, String what, Exception e) {
        switch (outcome) {
            case BUSY -> busy++;
            case IN_USE -> inUse++;
            case FAILED -> failures.add(what + ": " + e.getMessage());
        }
    }

    GcCollected answer() {
        return new GcCollected(deleted, busy, inUse, failures, bytes);
    }
}
