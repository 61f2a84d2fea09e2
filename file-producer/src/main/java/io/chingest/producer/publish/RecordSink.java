package io.chingest.producer.publish;

import org.apache.avro.generic.GenericRecord;

/**
 * Where the pipeline hands the records it mapped: Kafka for {@code send}, a count for {@code validate}. Used by the
 * pipeline's thread only.
 */
public interface RecordSink {

    /**
     * Takes one record; may block while buffers are full.
     *
     * @param count counts this record once it is delivered
     * @throws RecordTooLargeForKafkaException when the record is refused for its size before anything is sent
     */
    void publish(GenericRecord record, DeliveryCount count);

    /** Whether delivery has failed, so feeding more records is pointless. */
    boolean hasFailed();

    /** Waits until every record taken so far is delivered or failed. */
    void flush();

    /** Flushes, releases resources and tells what was delivered; idempotent. */
    PublishOutcome finish();
}
