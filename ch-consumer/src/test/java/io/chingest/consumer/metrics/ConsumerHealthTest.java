package io.chingest.consumer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsumerHealthTest {
    private static final String LOST = "unavailable: Kafka at 127.0.0.1:9092: no broker connection for 4 s";

    private final ConsumerHealth health = new ConsumerHealth();

    @Test
    void aLostBrokerIsShownBeforeTheLoopsOwnDegradationUntilItIsBack() {
        health.update("inserts of t-0 into the table fail");
        health.kafkaLost(LOST);
        assertThat(health.degradation()).hasValue(LOST);

        health.update(null);
        assertThat(health.degradation()).hasValue(LOST);

        health.kafkaLost(null);
        assertThat(health.degradation()).isEmpty();
    }
}
