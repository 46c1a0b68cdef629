package io.berth.registry.scrub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The scrub's pacing, by the bytes counted (no clock assertions). */
class ThrottleTest {
    @Test
    void theWaitIsWhatTheBytesReadAreDueAtTheRateMinusTheTimeSpent() {
        long second = 1_000_000_000L;
        assertThat(Throttle.waitNanos(1_000, 1_000, 0)).isEqualTo(second);
        assertThat(Throttle.waitNanos(1_000, 1_000, second / 4)).isEqualTo(3 * second / 4);
        assertThat(Throttle.waitNanos(5_000_000, 10_000_000, 0)).isEqualTo(second / 2);
        assertThat(Throttle.waitNanos(1_000, 1_000, 2 * second)).as("slower than the rate: no wait").isZero();
        assertThat(Throttle.waitNanos(0, 1, 0)).isZero();
    }

    @Test
    void aThrottleCountsWhatWasReadAndRefusesARateBelowOneByte() throws InterruptedException {
        Throttle throttle = new Throttle(Long.MAX_VALUE / 2);
        throttle.read(300);
        throttle.read(700);
        assertThat(throttle.bytes()).isEqualTo(1_000);
        assertThatThrownBy(() -> new Throttle(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
