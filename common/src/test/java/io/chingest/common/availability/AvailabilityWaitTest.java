package io.chingest.common.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvailabilityWaitTest {
    private final List<Duration> waits = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> infos = new ArrayList<>();
    private final List<String> statuses = new ArrayList<>();
    private boolean stopRequested;

    private AvailabilityWait waitWith(Duration first, Duration longest) {
        return new AvailabilityWait(
                first, longest, waits::add, () -> stopRequested, warnings::add, infos::add, statuses::add);
    }

    private static ServiceUnavailableException down() {
        return new ServiceUnavailableException("Kafka", "127.0.0.1:1", "no broker answered within 1 s", null);
    }

    @Test
    void waitsTwiceAsLongAfterEachFailureUpToTheLongestAndSaysWhenAvailable() throws Exception {
        int[] checks = {0};

        boolean available = waitWith(Duration.ofSeconds(1), Duration.ofSeconds(5))
                .await("Kafka at 127.0.0.1:1", () -> {
                    if (++checks[0] <= 5) {
                        throw down();
                    }
                });

        assertThat(available).isTrue();
        assertThat(waits)
                .containsExactly(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(5));
        assertThat(warnings).hasSize(5);
        assertThat(warnings.get(0))
                .isEqualTo("still unavailable: Kafka at 127.0.0.1:1: no broker answered within 1 s; next check in 1 s");
        assertThat(warnings.get(3)).endsWith("; next check in 5 s");
        assertThat(infos).containsExactly("Kafka at 127.0.0.1:1 is available after 5 failed checks");
        assertThat(statuses).hasSize(6).last().isNull();
        assertThat(statuses.get(0)).isEqualTo("unavailable: Kafka at 127.0.0.1:1: no broker answered within 1 s");
    }

    @Test
    void aServiceAvailableAtOnceIsNeitherWarnedNorAnnounced() throws Exception {
        assertThat(waitWith(Duration.ofSeconds(1), Duration.ofMinutes(5)).await("ClickHouse", () -> {}))
                .isTrue();

        assertThat(waits).isEmpty();
        assertThat(warnings).isEmpty();
        assertThat(infos).isEmpty();
        assertThat(statuses).isEmpty();
    }

    @Test
    void aStopEndsTheWaitWithoutAvailability() throws Exception {
        boolean available = waitWith(Duration.ofSeconds(1), Duration.ofMinutes(5))
                .await("Kafka", () -> {
                    stopRequested = true;
                    throw down();
                });

        assertThat(available).isFalse();
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
        assertThat(infos).isEmpty();
    }

    @Test
    void refusedCredentialsAreNotWaitedOut() {
        ServiceUnavailableException refused = ServiceUnavailableException.refused(
                "ClickHouse", "http://127.0.0.1:8123", "authentication failed: Wrong password", null);

        assertThatThrownBy(() -> waitWith(Duration.ofSeconds(1), Duration.ofMinutes(5))
                        .await("ClickHouse", () -> {
                            throw refused;
                        }))
                .isSameAs(refused);
        assertThat(waits).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void theDefaultsStartAtOneSecondAndStopGrowingAtFiveMinutes() {
        assertThat(AvailabilityWait.FIRST_WAIT).isEqualTo(Duration.ofSeconds(1));
        assertThat(AvailabilityWait.LONGEST_WAIT).isEqualTo(Duration.ofMinutes(5));
    }
}
