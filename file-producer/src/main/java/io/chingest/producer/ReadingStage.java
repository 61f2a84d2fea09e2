package io.chingest.producer;

import io.chingest.producer.feedback.SendProgress;
import io.chingest.producer.handover.ByteBoundedQueue;
import io.chingest.producer.handover.StageThread;
import io.chingest.producer.map.RowToAvroMapper;
import io.chingest.producer.parse.DelimitedRowReader;
import io.chingest.producer.publish.FileSession;
import io.chingest.producer.publish.PreparedRecord;
import io.chingest.producer.quarantine.RejectedRow;
import java.nio.file.Path;
import org.apache.avro.generic.GenericRecord;

/**
 * The reading half of sending one file, on two daemon threads of its own, so that parsing, encoding and the
 * producer's sending and compressing overlap: a {@link MappingStage} ({@value #READER_THREAD_NAME}) parses and maps
 * the rows, an {@link EncodingStage} ({@value #ENCODER_THREAD_NAME}) {@link FileSession#prepare prepares} each record
 * (encode, key, headers, size check), and the sending thread takes a stream of {@link Event}s in file order. Each
 * hand-over is a {@link ByteBoundedQueue}. It decides nothing about chunks, limits or quarantine: it reports what each
 * row became, and the sending thread applies the rules, so dead letters and commits keep their place in the stream.
 * Rows an earlier run sent are counted and not mapped. A failure of either thread ends the stream with {@link Failed}
 * in its place.
 *
 * <p>Threads: {@link #start}, {@link #next} and {@link #close} belong to the sending thread; the reader and mapper are
 * used by the reading thread alone, the session's {@code prepare} by the encoding thread alone, until {@link #close}
 * has joined both. Memory: the {@code capacityBytes} given to {@link #start} is split in two halves, one per hand-over
 * (reader to encoder: {@link Mapped} rows by their {@linkplain Mapped#estimate estimated size}; encoder to
 * sender: prepared records by their bytes), each event counted with {@value #EVENT_OVERHEAD_BYTES} bytes of overhead;
 * besides that, each thread holds the one event it waits to hand over, and an event larger than its half passes alone.
 */
final class ReadingStage implements AutoCloseable {

    static final String READER_THREAD_NAME = "file-producer-reader";
    static final String ENCODER_THREAD_NAME = "file-producer-encoder";

    /** The bytes counted per event besides its data: the event, the record and arrays around the bytes, the headers. */
    static final int EVENT_OVERHEAD_BYTES = 128;

    /**
     * The bytes counted per field of a mapped record besides its characters: the record's slot and the object holding
     * the value (a String and its array, a box, a BigDecimal).
     */
    static final int FIELD_OVERHEAD_BYTES = 64;

    /** What the sending thread takes, in file order. */
    sealed interface Event {}

    /**
     * A data row mapped and prepared.
     *
     * @param rowsHandled the data rows of the file handled up to this one, this one included
     */
    record Prepared(long rowsHandled, PreparedRecord record) implements Event {}

    /** A data row set aside: it could not be mapped, or is too large for Kafka. */
    record Rejected(long rowsHandled, RejectedRow row) implements Event {}

    /** Every {@value SendProgress#ROWS_PER_UPDATE} rows: how far the reading is. */
    record Progress(long rowsHandled, long bytesRead) implements Event {}

    /** The file was read to its end. */
    record End(long rowsHandled) implements Event {}

    /** The reading or encoding failed (a record the parser cannot read, an I/O error): the stream ends here. */
    record Failed(Throwable cause) implements Event {}

    /**
     * A data row mapped, from the reading thread to the encoding thread, which replaces it with {@link Prepared} or
     * {@link Rejected}: the sending thread never sees one. It carries the record's text because a record the encoder
     * finds too large for Kafka is rejected with it, and by then the reader is at another record.
     *
     * @param text          the record as it is in the file, or null when the parser cannot tell
     * @param estimatedSize see {@link #estimate}
     */
    record Mapped(long rowsHandled, Path file, long line, GenericRecord record, String text, long estimatedSize)
            implements Event {

        /**
         * An upper estimate of the heap a mapped row holds: {@value ReadingStage#EVENT_OVERHEAD_BYTES} bytes, plus
         * {@value ReadingStage#FIELD_OVERHEAD_BYTES} per field of the record, plus two bytes a character (UTF-16 at most) twice
         * over: once for the record's text, once for its values, which are never longer than the text they were
         * parsed from (a string value is the parsed String itself; a number or date takes less than its digits;
         * defaults are shared, not copied). Without the text, the values' characters.
         */
        static long estimate(GenericRecord record, String text, Iterable<String> values) {
            long chars;
            if (text != null) {
                chars = 2L * text.length();
            } else {
                chars = 0;
                for (String value : values) {
                    chars += value == null ? 0 : value.length();
                }
            }
            return EVENT_OVERHEAD_BYTES
                    + (long) FIELD_OVERHEAD_BYTES
                            * record.getSchema().getFields().size()
                    + 2 * chars;
        }
    }

    private final StageThread<Event> reading;
    private final StageThread<Event> encoding;

    private ReadingStage(StageThread<Event> reading, StageThread<Event> encoding) {
        this.reading = reading;
        this.encoding = encoding;
    }

    /**
     * Starts reading {@code reader}'s rows, skipping the first {@code skipRows}.
     *
     * @param capacityBytes the bound of both hand-overs together, in bytes: half of it each (at least one byte each)
     */
    static ReadingStage start(
            DelimitedRowReader reader, RowToAvroMapper mapper, FileSession session, long skipRows, long capacityBytes) {
        long toEncoder = Math.max(1, capacityBytes / 2);
        long toSender = Math.max(1, capacityBytes - capacityBytes / 2);
        StageThread<Event> reading = StageThread.start(
                READER_THREAD_NAME,
                toEncoder,
                ReadingStage::sizeOf,
                Failed::new,
                new MappingStage(reader, mapper, skipRows));
        StageThread<Event> encoding = StageThread.start(
                ENCODER_THREAD_NAME, toSender, ReadingStage::sizeOf, Failed::new, new EncodingStage(reading, session));
        return new ReadingStage(reading, encoding);
    }

    /**
     * The next event; after {@link End} or {@link Failed} there is none.
     *
     * @throws InterruptedException when the sending thread is interrupted while waiting
     */
    Event next() throws InterruptedException {
        return encoding.next();
    }

    /**
     * Ends both threads wherever they are and waits for them: each stops at its next hand-over. The reader they used
     * is the caller's to close afterwards. An interrupt while waiting is kept for the caller.
     */
    @Override
    public void close() {
        // The reading side first: closing its hand-over also wakes the encoding thread when it waits for a row.
        reading.close();
        encoding.close();
    }

    /** Whether both threads have ended (for tests). */
    boolean ended() {
        return reading.ended() && encoding.ended();
    }

    /** Bytes queued now in the hand-over from the reading to the encoding thread (for tests). */
    long mappedBytesQueued() {
        return reading.queuedBytes();
    }

    /** Bytes queued now in the hand-over from the encoding to the sending thread (for tests). */
    long preparedBytesQueued() {
        return encoding.queuedBytes();
    }

    private static long sizeOf(Event event) {
        if (event instanceof Mapped mapped) {
            return mapped.estimatedSize();
        }
        long data = 0;
        if (event instanceof Prepared prepared) {
            data = prepared.record().sizeInBytes();
        } else if (event instanceof Rejected rejected) {
            RejectedRow row = rejected.row();
            data = 2L * (length(row.column()) + length(row.reason()) + length(row.value()) + length(row.text()));
        }
        return EVENT_OVERHEAD_BYTES + data;
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }
}
