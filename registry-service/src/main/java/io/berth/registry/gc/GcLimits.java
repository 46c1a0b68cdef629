package io.berth.registry.gc;

import io.berth.common.gc.GcCollect;
import io.berth.common.gc.GcItem;
import java.util.List;

/** The bounds of a collect call: a cutoff, and 1 to 100 items. */
final class GcLimits {
    static final int MAX_COLLECT = 100;

    private GcLimits() {}

    static List<GcItem> items(GcCollect request) {
        if (request.cutoff() == null || request.items() == null || request.items().size() > MAX_COLLECT) {
            throw new IllegalArgumentException("cutoff is required and items may hold at most " + MAX_COLLECT);
        }
        return request.items();
    }
}
