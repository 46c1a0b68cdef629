package io.berth.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SupervisorTest {
    @Test
    void restartsBackOffFromOneSecondDoublingToAMinute() {
        assertThat(Supervisor.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(Supervisor.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Supervisor.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(Supervisor.backoff(6)).isEqualTo(Duration.ofSeconds(32));
        assertThat(Supervisor.backoff(7)).isEqualTo(Supervisor.MAX_BACKOFF);
        assertThat(Supervisor.backoff(1000)).isEqualTo(Supervisor.MAX_BACKOFF);
    }
}
