package io.chingest.consumer.deadletter;

import io.chingest.consumer.encode.RecordRejectedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Where poison records go instead of halting the consumer. Called by the polling thread; implementations say their thread-safety. */
public interface DeadLetterSink {

    /**
     * Writes the record with why it was rejected, and returns once the write is acknowledged: only then may offsets past
     * it be committed.
     *
     * @throws DeadLetterFailedException when it could not be written (the record must be read again later)
     */
    void write(ConsumerRecord<byte[], byte[]> record, RecordRejectedException reason);

    /** The topic the dead letters go to, for log lines. */
    String topic();
}
