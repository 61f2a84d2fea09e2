package io.chingest.producer.publish;

import io.chingest.producer.parse.RowPrefix;
import io.chingest.producer.progress.FileProgress;
import io.chingest.producer.progress.ResumePoint;
import io.chingest.producer.quarantine.RejectedRow;
import org.apache.avro.generic.GenericRecord;

/**
 * The sending of one file in chunks: records and dead letters handed over since the last {@link #commit} become
 * visible together with the position reached, or not at all. Closing without a commit discards (aborts) the open
 * chunk. {@link #prepare} may be called from a thread other than the one that calls the rest (the pipeline's reading
 * thread), one thread at a time; every other method belongs to the sending thread.
 */
public interface FileSession extends AutoCloseable {

    /** How far earlier runs got with this file: the records to skip, and whether it was sent completely. */
    FileProgress sentBefore();

    /** Where sending starts and what to tell the user about it; by default the file's own progress, nothing to say. */
    default ResumePoint resumePoint() {
        return ResumePoint.of(sentBefore());
    }

    /**
     * Encodes the record with its key and provenance and checks its size: everything of publishing that does not
     * touch the producer. Called by one thread at a time (the reading thread), which then owns the session's encoder.
     *
     * @param line the line the record starts on, for its provenance
     * @throws RecordTooLargeForKafkaException when the record is refused for its size; nothing is sent
     */
    PreparedRecord prepare(GenericRecord record, long line);

    /** Hands a prepared record to the producer, in the open chunk. Sending thread only. */
    void send(PreparedRecord record);

    /**
     * Prepares and sends on the calling thread, for callers that read and send on one thread.
     *
     * @throws RecordTooLargeForKafkaException when the record is refused for its size before anything is sent
     */
    default void publish(GenericRecord record, long line) {
        send(prepare(record, line));
    }

    /** Publishes a rejected row to the dead-letter topic, when there is one, in the open chunk. */
    void deadLetter(RejectedRow row);

    /**
     * Ends the open chunk: its records and the position {@code rowsHandled} (data records of the file handled, set
     * aside ones included) are committed together.
     *
     * @throws PublishFailedException when the chunk could not be committed; nothing of it is visible
     */
    void commit(long rowsHandled, boolean complete);

    /**
     * Commits as {@link #commit(long, boolean)}, with the file's first bytes through the last row handled, by which a
     * repaired or grown copy of the file can resume; sessions that keep no progress ignore it.
     *
     * @param prefix null when unknown (a position reached on a stop request)
     */
    default void commit(long rowsHandled, boolean complete, RowPrefix prefix) {
        commit(rowsHandled, complete);
    }

    /** Records committed by this session. */
    long published();

    /** Aborts the open chunk if there is one. */
    @Override
    void close();
}
