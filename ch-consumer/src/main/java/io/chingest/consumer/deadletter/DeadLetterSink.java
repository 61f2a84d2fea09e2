package io.chingest.consumer.deadletter;

import io.chingest.consumer.encode.RecordRejectedException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Where poison records go instead of halting the consumer. Letters are sent without waiting and acknowledged in bulk
 * by {@link #flush()}; offsets past a letter may be committed only once it is acknowledged, which
 * {@link #unacknowledged()} tells. Called by the polling thread; implementations say their thread-safety.
 */
public interface DeadLetterSink {

    /** Hands the record, with why it was rejected, to be written; returns without waiting for the write. */
    void send(ConsumerRecord<byte[], byte[]> record, RecordRejectedException reason);

    /**
     * Sends again the letters earlier flushes found failed, then waits until every letter handed over is acknowledged
     * or failed. Failed letters are kept for the next flush.
     *
     * @return the letters that failed now, the lowest offset of each partition
     */
    List<DeadLetterFailedException> flush();

    /** Per partition, the lowest offset whose letter is not acknowledged yet (sent since the last flush, or failed). */
    Map<TopicPartition, Long> unacknowledged();

    /** The topic the dead letters go to, for log lines. */
    String topic();
}
