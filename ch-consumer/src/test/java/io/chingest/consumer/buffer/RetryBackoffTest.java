package io.chingest.consumer.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The wait between insert attempts. */
class RetryBackoffTest {

    @Test
    void doublesPerFailureUpToTheCap() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(200), Duration.ofSeconds(1));
        assertThat(backoff.delayMillis(1)).isEqualTo(200);
        assertThat(backoff.delayMillis(2)).isEqualTo(400);
        assertThat(backoff.delayMillis(3)).isEqualTo(800);
        assertThat(backoff.delayMillis(4)).isEqualTo(1000);
        assertThat(backoff.delayMillis(1_000_000)).isEqualTo(1000);
    }

    @Test
    void refusesACapBelowTheFirstDelay() {
        assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
