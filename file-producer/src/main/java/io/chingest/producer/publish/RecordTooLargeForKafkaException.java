package io.chingest.producer.publish;

/** A record refused before sending because Kafka would refuse it for its size; the row is rejected. Immutable. */
public final class RecordTooLargeForKafkaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RecordTooLargeForKafkaException(String reason) {
        super(reason, null, false, false);
    }
}
