package io.chingest.consumer.metrics;

import java.util.Optional;

/**
 * Whether the consumer is healthy, as its polling thread last saw it: degraded while the Kafka broker is lost, inserts
 * fail, ClickHouse or the registry cannot be reached, or the memory budget blocks reading. Written by the polling
 * thread once per loop pass, read by the health endpoint. Thread-safe.
 */
public final class ConsumerHealth {
    private volatile String degradation;
    private volatile String kafkaLost;

    /** @param why what is wrong now, or null when nothing is */
    public void update(String why) {
        degradation = why;
    }

    /**
     * @param why why the broker connection is reported lost, or null once it is back; shown before the loop's own
     *     degradation, which a lost broker usually causes
     */
    public void kafkaLost(String why) {
        kafkaLost = why;
    }

    public Optional<String> degradation() {
        String lost = kafkaLost;
        return Optional.ofNullable(lost != null ? lost : degradation);
    }
}
