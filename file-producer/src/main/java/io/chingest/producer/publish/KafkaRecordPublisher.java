package io.chingest.producer.publish;

import io.chingest.common.wire.AvroWireEncoder;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes Avro records of one schema to one topic in the Confluent wire format and counts what Kafka acknowledged.
 * Memory is the producer's buffer.memory: {@code publish} blocks while the buffer is full. After the first failed
 * send {@link #hasFailed()} turns true so the caller stops feeding records. A record Kafka would refuse for its size is
 * refused before sending ({@link RecordTooLargeForKafkaException}). The counts are plain fields that metrics observe.
 * {@code publish}, {@code flush} and {@code finish} are for one thread; the counts are updated from the producer's
 * I/O thread.
 */
public final class KafkaRecordPublisher implements RecordSink {

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final AvroWireEncoder encoder;
    private final RecordSizeLimit sizeLimit;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> firstError = new AtomicReference<>();
    private PublishOutcome outcome;

    /**
     * @param producer  owned from now on: {@link #finish()} closes it
     * @param sizeLimit the producer's record size limit
     * @param metrics   observes the counts
     */
    public KafkaRecordPublisher(Producer<byte[], byte[]> producer, String topic, AvroWireEncoder encoder,
            RecordSizeLimit sizeLimit, MeterRegistry metrics) {
        this.producer = producer;
        this.topic = topic;
        this.encoder = encoder;
        this.sizeLimit = sizeLimit;
        FunctionCounter.builder("producer.records.sent", sent, AtomicLong::get).tag("topic", topic).register(metrics);
        FunctionCounter.builder("producer.records.acknowledged", acknowledged, AtomicLong::get).tag("topic", topic)
                .register(metrics);
        FunctionCounter.builder("producer.records.failed", failed, AtomicLong::get).tag("topic", topic)
                .register(metrics);
    }

    /** Encodes the record and hands it to the producer without a key; blocks while the producer's buffer is full. */
    public void publish(GenericRecord record) {
        publish(record, null);
    }

    /**
     * Encodes the record and hands it to the producer without key or headers; blocks while the producer's buffer is
     * full.
     *
     * @param count counts the acknowledgement of this record too, or null
     * @throws RecordTooLargeForKafkaException when Kafka would refuse the record for its size; nothing was sent
     */
    @Override
    public void publish(GenericRecord record, DeliveryCount count) {
        if (outcome != null) {
            throw new IllegalStateException("publisher to topic '" + topic + "' has finished");
        }
        byte[] payload = encoder.encode(record);
        String refusal = sizeLimit.refusal(null, payload, new Header[0]);
        if (refusal != null) {
            throw new RecordTooLargeForKafkaException(refusal);
        }
        sent.incrementAndGet();
        try {
            producer.send(new ProducerRecord<>(topic, null, payload), (metadata, error) -> completed(error, count));
        } catch (RuntimeException e) {
            // Failures before the record is queued (too large, buffer wait timed out, producer closed) are not
            // reported through the callback.
            fail(e);
        }
    }

    /** Whether a send has failed; further records would be pointless. */
    @Override
    public boolean hasFailed() {
        return firstError.get() != null;
    }

    /** Waits until every record handed over so far is acknowledged or failed. */
    @Override
    public void flush() {
        producer.flush();
    }

    /**
     * Waits for every record handed over to be acknowledged or failed, closes the producer and tells the outcome.
     * Calling it again returns the same outcome.
     */
    @Override
    public PublishOutcome finish() {
        if (outcome == null) {
            try {
                producer.flush();
            } finally {
                producer.close();
            }
            outcome = new PublishOutcome(topic, sent.get(), acknowledged.get(), failed.get(), firstError.get());
        }
        return outcome;
    }

    private void completed(Exception error, DeliveryCount count) {
        if (error == null) {
            acknowledged.incrementAndGet();
            if (count != null) {
                count.acknowledge();
            }
        } else {
            fail(error);
        }
    }

    private void fail(Exception error) {
        failed.incrementAndGet();
        firstError.compareAndSet(null, error);
    }
}
