package io.chingest.consumer.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.common.availability.GrowingWaits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KafkaLivenessTest {
    private static final String LOST = "still unavailable: Kafka at 127.0.0.1:9092: no broker connection for ";

    private long now = 1_000_000;
    private boolean connected = true;
    private int samples;
    private final List<String> warnings = new ArrayList<>();
    private final List<String> infos = new ArrayList<>();
    private final List<String> statuses = new ArrayList<>();
    private final KafkaLiveness liveness = new KafkaLiveness(
            "127.0.0.1:9092",
            Duration.ofSeconds(3),
            new GrowingWaits(Duration.ofSeconds(1), Duration.ofSeconds(4)),
            () -> now,
            () -> {
                samples++;
                return connected;
            },
            warnings::add,
            infos::add,
            statuses::add);

    /** Checks every 100 ms for {@code millis}, as a busy polling thread would. */
    private void runFor(long millis) {
        for (long end = now + millis; now < end; now += 100) {
            liveness.check();
        }
    }

    @Test
    void aConnectionLostNoLongerThanTheBoundIsNotReported() {
        runFor(5_000);
        connected = false;
        runFor(3_000);
        connected = true;
        runFor(2_000);

        assertThat(warnings).isEmpty();
        assertThat(infos).isEmpty();
        assertThat(statuses).isEmpty();
    }

    @Test
    void theConnectionIsSampledAtMostOnceASecond() {
        runFor(10_000);

        assertThat(samples).isEqualTo(10);
    }

    @Test
    void aLostConnectionIsReportedAtGrowingIntervalsAndShownUntilItIsBack() {
        connected = false;
        runFor(20_000);

        assertThat(warnings)
                .containsExactly(
                        LOST + "4 s; the client keeps reconnecting, next report in 1 s",
                        LOST + "5 s; the client keeps reconnecting, next report in 2 s",
                        LOST + "7 s; the client keeps reconnecting, next report in 4 s",
                        LOST + "11 s; the client keeps reconnecting, next report in 4 s",
                        LOST + "15 s; the client keeps reconnecting, next report in 4 s",
                        LOST + "19 s; the client keeps reconnecting, next report in 4 s");
        assertThat(statuses).last().isEqualTo("unavailable: Kafka at 127.0.0.1:9092: no broker connection for 19 s");
        assertThat(infos).isEmpty();

        connected = true;
        runFor(3_000);

        assertThat(infos).containsExactly("Kafka at 127.0.0.1:9092 is available again after 20 s");
        assertThat(statuses).last().isNull();
        assertThat(warnings).hasSize(6);
    }

    @Test
    void aSecondLossStartsAgainFromTheBoundAndTheFirstInterval() {
        connected = false;
        runFor(8_000);
        connected = true;
        runFor(1_000);
        warnings.clear();

        connected = false;
        runFor(6_000);

        assertThat(warnings)
                .containsExactly(
                        LOST + "4 s; the client keeps reconnecting, next report in 1 s",
                        LOST + "5 s; the client keeps reconnecting, next report in 2 s");
        assertThat(statuses).last().isEqualTo("unavailable: Kafka at 127.0.0.1:9092: no broker connection for 5 s");
    }
}
