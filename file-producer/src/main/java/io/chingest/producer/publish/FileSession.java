package io.chingest.producer.publish;

import io.chingest.producer.progress.FileProgress;
import io.chingest.producer.quarantine.RejectedRow;
import org.apache.avro.generic.GenericRecord;

/**
 * The sending of one file in chunks: records and dead letters handed over since the last {@link #commit} become
 * visible together with the position reached, or not at all. Closing without a commit discards (aborts) the open
 * chunk. Used by the pipeline's thread only.
 */
public interface FileSession extends AutoCloseable {

    /** How far earlier runs got with this file: the records to skip, and whether it was sent completely. */
    FileProgress sentBefore();

    /**
     * @param line the line the record starts on, for its provenance
     * @throws RecordTooLargeForKafkaException when the record is refused for its size before anything is sent
     */
    void publish(GenericRecord record, long line);

    /** Publishes a rejected row to the dead-letter topic, when there is one, in the open chunk. */
    void deadLetter(RejectedRow row);

    /**
     * Ends the open chunk: its records and the position {@code rowsHandled} (data records of the file handled, set
     * aside ones included) are committed together.
     *
     * @throws PublishFailedException when the chunk could not be committed; nothing of it is visible
     */
    void commit(long rowsHandled, boolean complete);

    /** Records committed by this session. */
    long published();

    /** Aborts the open chunk if there is one. */
    @Override
    void close();
}
