package io.chingest.producer.publish;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the records of one file that Kafka acknowledged. Incremented on the producer's I/O thread, read by the
 * pipeline after a flush; thread-safe.
 */
public final class DeliveryCount {

    private final AtomicLong acknowledged = new AtomicLong();

    void acknowledge() {
        acknowledged.incrementAndGet();
    }

    public long acknowledged() {
        return acknowledged.get();
    }
}
