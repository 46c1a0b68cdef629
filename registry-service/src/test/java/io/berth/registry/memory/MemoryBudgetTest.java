package io.berth.registry.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {
    private final MemoryBudget budget = new MemoryBudget(100);

    @Test
    void reservationsAreAdmittedInTheOrderAskedOnceThereIsRoom() {
        Future<Void> first = budget.reserve(60);
        Future<Void> second = budget.reserve(60);
        Future<Void> small = budget.reserve(10);
        assertThat(first.succeeded()).isTrue();
        // the small one would fit, but waits behind the larger one asked before it: no overtaking, no starving
        assertThat(second.isComplete()).isFalse();
        assertThat(small.isComplete()).isFalse();
        budget.give(60);
        assertThat(second.succeeded()).isTrue();
        assertThat(small.succeeded()).isTrue();
        assertThat(budget.held()).isEqualTo(70);
    }

    @Test
    void oneReservationAloneIsAdmittedWhateverItsSize() {
        assertThat(budget.reserve(500).succeeded()).isTrue();
        Future<Void> next = budget.reserve(1);
        assertThat(next.isComplete()).isFalse();
        budget.give(500);
        assertThat(next.succeeded()).isTrue();
    }

    @Test
    void takenBytesSpendTheBudgetAndWakeWaitersWhenGivenBack() {
        AtomicInteger woken = new AtomicInteger();
        budget.take(100);
        assertThat(budget.spent()).isTrue();
        budget.whenAvailable(woken::incrementAndGet);
        budget.whenAvailable(woken::incrementAndGet);
        budget.give(10);
        assertThat(woken).hasValue(2);
        assertThat(budget.spent()).isFalse();
        budget.whenAvailable(woken::incrementAndGet); // not spent: at once
        assertThat(woken).hasValue(3);
    }

    @Test
    void waitingReservationsAreAdmittedAsTakenBytesComeBack() {
        budget.take(95);
        List<Future<Void>> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiting.add(budget.reserve(30));
        }
        assertThat(waiting).noneMatch(Future::isComplete);
        budget.give(95);
        assertThat(waiting).allMatch(Future::succeeded);
        assertThat(budget.held()).isEqualTo(90);
    }
}
