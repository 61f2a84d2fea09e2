package io.chingest.producer;

import io.chingest.producer.feedback.SendProgress;
import io.chingest.producer.handover.ByteBoundedQueue;
import io.chingest.producer.map.RowMappingException;
import io.chingest.producer.map.RowToAvroMapper;
import io.chingest.producer.parse.DelimitedRowReader;
import io.chingest.producer.parse.ParsedRow;
import io.chingest.producer.parse.RowPrefix;
import io.chingest.producer.publish.FileSession;
import io.chingest.producer.publish.PreparedRecord;
import io.chingest.producer.publish.RecordTooLargeForKafkaException;
import io.chingest.producer.quarantine.RejectedRow;
import java.util.ArrayList;
import java.util.List;

/**
 * The reading half of sending one file, on a daemon thread of its own ({@value #THREAD_NAME}): parses the rows, maps
 * them, and {@link FileSession#prepare prepares} each record (encode, key, headers, size check), handing the sending
 * thread a stream of {@link Event}s in file order through a {@link ByteBoundedQueue}, so parsing and encoding overlap
 * with the producer's sending and compressing. It decides nothing about chunks, limits or quarantine: it reports what
 * each row became, and the sending thread applies the rules, so dead letters and commits keep their place in the
 * stream. Rows an earlier run sent are counted and not mapped. The rows where the sending thread will commit a chunk,
 * and the end, carry the file's {@link RowPrefix} through them (hashed by the reader as it reads), which the commit
 * records so that a repaired or grown copy of the file can resume there.
 *
 * <p>Events cross in batches of up to {@value #BATCH_EVENTS} events and an eighth of the hand-over's bound: one
 * wake-up of the sending thread per batch instead of one per row, which cost both threads a park and an unpark (system
 * time) for every row whenever the sending thread had caught up.
 *
 * <p>Threads: {@link #start} and {@link #next} and {@link #close} belong to the sending thread; the reader, mapper and
 * the session's {@code prepare} are used by the reading thread alone until {@link #close} has joined it. Memory: the
 * queue's capacity in events (a batch larger than that alone), each counted with {@value #EVENT_OVERHEAD_BYTES} bytes
 * of overhead, plus the batch being filled and the batch being sent, each at most an eighth of the capacity and one
 * event.
 */
final class ReadingStage implements AutoCloseable {

    static final String THREAD_NAME = "file-producer-reader";

    /** The bytes counted per event besides its data: the event, the record and arrays around the bytes, the headers. */
    static final int EVENT_OVERHEAD_BYTES = 128;

    /** The most events a batch holds. */
    static final int BATCH_EVENTS = 256;

    /** A batch is handed over once its bytes reach the capacity divided by this. */
    static final int BATCHES_PER_CAPACITY = 8;

    /** What the reading thread hands over, in file order. */
    sealed interface Event {}

    /**
     * A data row mapped and prepared.
     *
     * @param rowsHandled the data rows of the file handled up to this one, this one included
     * @param prefix      the file through this row, on the rows where a chunk ends; else null
     */
    record Prepared(long rowsHandled, PreparedRecord record, RowPrefix prefix) implements Event {}

    /** A data row set aside: it could not be mapped, or is too large for Kafka. */
    record Rejected(long rowsHandled, RejectedRow row, RowPrefix prefix) implements Event {}

    /** Every {@value SendProgress#ROWS_PER_UPDATE} rows: how far the reading is. */
    record Progress(long rowsHandled, long bytesRead) implements Event {}

    /** The file was read to its end; {@code prefix} is the file through its last row. */
    record End(long rowsHandled, RowPrefix prefix) implements Event {}

    /** The reading failed (a record the parser cannot read, an I/O error): the stream ends here. */
    record Failed(Throwable cause) implements Event {}

    private final ByteBoundedQueue<Batch> queue;
    private final long batchBytes;
    private final Thread thread;
    /** The batch the sending thread takes its events from, and the next event's place in it. */
    private Batch taken = Batch.EMPTY;

    private int takenIndex;

    /** Events in file order and their bytes as {@link #sizeOf} counts them. */
    private record Batch(List<Event> events, long bytes) {
        static final Batch EMPTY = new Batch(List.of(), 0);
    }

    private ReadingStage(
            DelimitedRowReader reader,
            RowToAvroMapper mapper,
            FileSession session,
            long skipRows,
            long capacityBytes,
            long chunkRows) {
        this.queue = new ByteBoundedQueue<>(capacityBytes, Batch::bytes);
        this.batchBytes = Math.max(1, capacityBytes / BATCHES_PER_CAPACITY);
        this.thread = new Thread(() -> read(reader, mapper, session, skipRows, chunkRows), THREAD_NAME);
        thread.setDaemon(true);
    }

    /**
     * Starts reading {@code reader}'s rows, skipping the first {@code skipRows}, with the file's prefix on the rows
     * where the sending thread commits a chunk: every {@code chunkRows} rows after those skipped, and at the end.
     *
     * @param capacityBytes the hand-over's bound in bytes
     */
    static ReadingStage start(
            DelimitedRowReader reader,
            RowToAvroMapper mapper,
            FileSession session,
            long skipRows,
            long capacityBytes,
            long chunkRows) {
        ReadingStage stage = new ReadingStage(reader, mapper, session, skipRows, capacityBytes, chunkRows);
        stage.thread.start();
        return stage;
    }

    /** Starts reading with a prefix at the end only. */
    static ReadingStage start(
            DelimitedRowReader reader, RowToAvroMapper mapper, FileSession session, long skipRows, long capacityBytes) {
        return start(reader, mapper, session, skipRows, capacityBytes, Long.MAX_VALUE);
    }

    /**
     * The next event; after {@link End} or {@link Failed} there is none.
     *
     * @throws InterruptedException when the sending thread is interrupted while waiting
     */
    Event next() throws InterruptedException {
        if (takenIndex == taken.events().size()) {
            taken = queue.take();
            takenIndex = 0;
        }
        return taken.events().get(takenIndex++);
    }

    /**
     * Ends the reading thread wherever it is and waits for it: it stops at its next hand-over. The reader it used is
     * the caller's to close afterwards. An interrupt while waiting is kept for the caller.
     */
    @Override
    public void close() {
        queue.close();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the reading thread has ended (for tests). */
    boolean ended() {
        return !thread.isAlive();
    }

    private void read(
            DelimitedRowReader reader, RowToAvroMapper mapper, FileSession session, long skipRows, long chunkRows) {
        Batcher batch = new Batcher();
        try {
            long handled = 0;
            for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
                handled++;
                if (handled % SendProgress.ROWS_PER_UPDATE == 0
                        && !batch.add(new Progress(handled, reader.bytesRead()))) {
                    return;
                }
                if (handled <= skipRows) {
                    continue; // sent by an earlier run
                }
                // hashing the rows read since the last chunk: once per chunk, the sending thread commits there
                RowPrefix prefix = (handled - skipRows) % chunkRows == 0 ? reader.prefix() : null;
                if (!batch.add(readRow(reader, mapper, session, row, handled, prefix))) {
                    return;
                }
            }
            batch.addLast(new End(handled, reader.prefix()));
        } catch (InterruptedException e) {
            // nothing here interrupts this thread (close() closes the queue instead); an interrupt just ends it
        } catch (Throwable e) { // any failure of the reading thread is the sending thread's to report
            try {
                batch.addLast(new Failed(e));
            } catch (InterruptedException ignored) {
                // closed meanwhile: nobody waits for the failure
            }
        }
    }

    /** Collects the reading thread's events into batches and hands each over when it is full. */
    private final class Batcher {
        private List<Event> events = new ArrayList<>(BATCH_EVENTS);
        private long bytes;

        /** @return false when the hand-over is closed */
        boolean add(Event event) throws InterruptedException {
            append(event);
            return (events.size() < BATCH_EVENTS && bytes < batchBytes) || handOver();
        }

        /** Adds the stream's last event and hands over what is left. */
        void addLast(Event event) throws InterruptedException {
            append(event);
            handOver();
        }

        private void append(Event event) {
            events.add(event);
            bytes += sizeOf(event);
        }

        private boolean handOver() throws InterruptedException {
            Batch batch = new Batch(events, bytes);
            events = new ArrayList<>(BATCH_EVENTS);
            bytes = 0;
            return queue.put(batch);
        }
    }

    private static Event readRow(
            DelimitedRowReader reader,
            RowToAvroMapper mapper,
            FileSession session,
            ParsedRow row,
            long handled,
            RowPrefix prefix) {
        try {
            return new Prepared(handled, session.prepare(mapper.map(row), row.line()), prefix);
        } catch (RowMappingException e) {
            return new Rejected(
                    handled,
                    new RejectedRow(
                            row.file(), row.line(), e.column(), e.reason(), e.value(), reader.currentRecordText()),
                    prefix);
        } catch (RecordTooLargeForKafkaException e) {
            return new Rejected(
                    handled,
                    new RejectedRow(row.file(), row.line(), null, e.getMessage(), null, reader.currentRecordText()),
                    prefix);
        }
    }

    private static long sizeOf(Event event) {
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
