package io.chingest.common.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GrowingWaitsTest {
    @Test
    void eachWaitIsTwiceThePreviousUpToTheLongest() {
        GrowingWaits waits = new GrowingWaits(Duration.ofSeconds(1), Duration.ofSeconds(5));

        assertThat(waits.after(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(2));
        assertThat(waits.after(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(4));
        assertThat(waits.after(Duration.ofSeconds(4))).isEqualTo(Duration.ofSeconds(5));
        assertThat(waits.after(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aLongestShorterThanTheFirstIsRefused() {
        assertThatThrownBy(() -> new GrowingWaits(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("waits need 0 < first <= longest, were PT2S and PT1S");
    }
}
