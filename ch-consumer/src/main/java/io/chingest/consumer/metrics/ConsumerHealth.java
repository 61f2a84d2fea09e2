package io.chingest.consumer.metrics;

import java.util.Optional;

/**
 * Whether the consumer is healthy, as its polling thread last saw it: degraded while inserts fail, ClickHouse or the
 * registry cannot be reached, or the memory budget blocks reading. Written by the polling thread once per loop pass,
 * read by the health endpoint. Thread-safe.
 */
public final class ConsumerHealth {
    private volatile String degradation;

    /** @param why what is wrong now, or null when nothing is */
    public void update(String why) {
        degradation = why;
    }

    public Optional<String> degradation() {
        return Optional.ofNullable(degradation);
    }
}
