package io.chingest.producer.publish;

import io.chingest.common.wire.AvroWireEncoder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes Avro records of one schema to one topic in the Confluent wire format and counts what Kafka acknowledged.
 * Memory is the producer's buffer.memory: {@code publish} blocks while the buffer is full. After the first failed
 * send {@link #hasFailed()} turns true so the caller stops feeding records. {@code publish} and {@code finish} are
 * for one thread; the counters are updated from the producer's I/O thread.
 */
public final class KafkaRecordPublisher {

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final AvroWireEncoder encoder;
    private final Counter sent;
    private final Counter acknowledged;
    private final Counter failed;
    private final AtomicReference<Exception> firstError = new AtomicReference<>();
    private PublishOutcome outcome;

    /** @param producer owned from now on: {@link #finish()} closes it */
    public KafkaRecordPublisher(Producer<byte[], byte[]> producer, String topic, AvroWireEncoder encoder,
            MeterRegistry metrics) {
        this.producer = producer;
        this.topic = topic;
        this.encoder = encoder;
        this.sent = metrics.counter("producer.records.sent", "topic", topic);
        this.acknowledged = metrics.counter("producer.records.acknowledged", "topic", topic);
        this.failed = metrics.counter("producer.records.failed", "topic", topic);
    }

    /** Encodes the record and hands it to the producer without a key; blocks while the producer's buffer is full. */
    public void publish(GenericRecord record) {
        if (outcome != null) {
            throw new IllegalStateException("publisher to topic '" + topic + "' has finished");
        }
        byte[] payload = encoder.encode(record);
        sent.increment();
        try {
            producer.send(new ProducerRecord<>(topic, null, payload), this::completed);
        } catch (RuntimeException e) {
            // Failures before the record is queued (too large, buffer wait timed out, producer closed) are not
            // reported through the callback.
            fail(e);
        }
    }

    /** Whether a send has failed; further records would be pointless. */
    public boolean hasFailed() {
        return firstError.get() != null;
    }

    /**
     * Waits for every record handed over to be acknowledged or failed, closes the producer and tells the outcome.
     * Calling it again returns the same outcome.
     */
    public PublishOutcome finish() {
        if (outcome == null) {
            try {
                producer.flush();
            } finally {
                producer.close();
            }
            outcome = new PublishOutcome(topic, (long) sent.count(), (long) acknowledged.count(),
                    (long) failed.count(), firstError.get());
        }
        return outcome;
    }

    private void completed(RecordMetadata metadata, Exception error) {
        if (error == null) {
            acknowledged.increment();
        } else {
            fail(error);
        }
    }

    private void fail(Exception error) {
        failed.increment();
        firstError.compareAndSet(null, error);
    }
}
