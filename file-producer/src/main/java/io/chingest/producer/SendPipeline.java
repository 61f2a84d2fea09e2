package io.chingest.producer;

import io.chingest.producer.feedback.SendProgress;
import io.chingest.producer.map.HeaderMismatchException;
import io.chingest.producer.map.RowToAvroMapper;
import io.chingest.producer.map.TargetSchema;
import io.chingest.producer.parse.DelimitedRowReader;
import io.chingest.producer.parse.ParseSettings;
import io.chingest.producer.parse.RowParseException;
import io.chingest.producer.parse.RowPrefix;
import io.chingest.producer.progress.FileProgress;
import io.chingest.producer.progress.ResumePoint;
import io.chingest.producer.publish.FileSession;
import io.chingest.producer.publish.PublishFailedException;
import io.chingest.producer.publish.PublishOutcome;
import io.chingest.producer.publish.RecordSink;
import io.chingest.producer.quarantine.BadRowLimit;
import io.chingest.producer.quarantine.Quarantine;
import io.chingest.producer.quarantine.QuarantineException;
import io.chingest.producer.quarantine.RejectedRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.common.errors.InterruptException;

/**
 * Drives the flow file -> parse -> map -> publish for a list of files, in chunks of rows: each chunk's records and the
 * position reached are committed together ({@link FileSession}), with the file's first bytes through that position, and
 * a file an earlier run sent (partly) is resumed after its last committed chunk, or after the rows of another file of
 * its name it begins like ({@link ResumePoint}). A file that fails after a commit says how many rows are published. A row that cannot be mapped, or is too large for Kafka, goes to the quarantine and
 * the file goes on; a file fails as a whole (its open chunk discarded) when its bad rows pass the {@link BadRowLimit},
 * when the parser cannot read past a record (that record is quarantined too), or when it cannot be opened; the run then
 * goes on with the next file. A failed commit stops the run; so does a stop request, after committing the open chunk.
 *
 * <p>Two threads per file: a {@link ReadingStage} thread parses, maps and prepares the records (Avro encoding, key,
 * provenance headers, size check) and hands them over in file order through a queue bounded in bytes
 * ({@code --pipeline-buffer-bytes}, {@link #DEFAULT_PIPELINE_BUFFER_BYTES} by default); the caller's thread sends
 * them ({@code producer.send} compresses on the calling thread), quarantines the rejected rows and writes their dead
 * letters in their place in the stream, and commits the chunks. So parsing and encoding overlap with sending. The
 * reading thread is ended and joined before the file's outcome is returned, whether the file ended, failed or the run
 * stopped; a failure of that thread (a record the parser cannot read, an I/O error) is thrown again on the caller's
 * thread and handled as before.
 *
 * <p>Not thread-safe: {@link #run} runs on the caller's thread, once; the stop request may come from any thread and is
 * polled by the caller's thread, once per row.
 */
public final class SendPipeline {

    /**
     * Rows per chunk unless configured. Each commit waits for every record of the chunk to be acknowledged and for the
     * transaction markers (10-60 ms), so sending pauses once per chunk: at 10,000 rows the commits took 2.1 s of a
     * 5.0 s send of a million rows.
     */
    public static final int DEFAULT_CHUNK_ROWS = 100_000;

    /**
     * The bound of the hand-over from the reading thread to the sending thread, in bytes of records (and a fixed
     * overhead per record): at about 200 bytes a record some 30,000 records, far more than the reading thread gets
     * ahead of a producer that keeps up, and a small part of the producer's own buffer.memory.
     */
    public static final long DEFAULT_PIPELINE_BUFFER_BYTES = 8L << 20;

    private final ParseSettings parseSettings;
    private final TargetSchema target;
    private final RecordSink sink;
    private final Quarantine quarantine;
    private final BadRowLimit badRowLimit;
    private final Consumer<String> warnings;
    private final int chunkRows;
    private final boolean force;
    private final BooleanSupplier stopRequested;
    private final SendProgress progressDisplay;
    private final long pipelineBufferBytes;

    /**
     * How a pipeline sends, beside what it sends: the rows per chunk, whether files an earlier run sent are sent again,
     * the stop request (polled once per row, by the caller's thread), the progress display, and the bound of the
     * hand-over between the reading and the sending thread in bytes. Immutable.
     */
    public record Options(
            int chunkRows,
            boolean force,
            BooleanSupplier stopRequested,
            SendProgress progressDisplay,
            long pipelineBufferBytes) {
        /** The default chunk size and hand-over, no forcing, no stop request, no display. */
        public static final Options DEFAULTS =
                new Options(DEFAULT_CHUNK_ROWS, false, () -> false, SendProgress.NONE, DEFAULT_PIPELINE_BUFFER_BYTES);

        public Options withChunkRows(int rows) {
            return new Options(rows, force, stopRequested, progressDisplay, pipelineBufferBytes);
        }

        public Options withForce(boolean again) {
            return new Options(chunkRows, again, stopRequested, progressDisplay, pipelineBufferBytes);
        }

        public Options withStopRequested(BooleanSupplier stop) {
            return new Options(chunkRows, force, stop, progressDisplay, pipelineBufferBytes);
        }

        public Options withProgressDisplay(SendProgress display) {
            return new Options(chunkRows, force, stopRequested, display, pipelineBufferBytes);
        }

        public Options withPipelineBufferBytes(long bytes) {
            return new Options(chunkRows, force, stopRequested, progressDisplay, bytes);
        }
    }

    /**
     * @param sink       finished by {@link #run}
     * @param quarantine receives every rejected row; not closed here
     * @param warnings   receives one-line warnings for the user
     */
    public SendPipeline(
            ParseSettings parseSettings,
            TargetSchema target,
            RecordSink sink,
            Quarantine quarantine,
            BadRowLimit badRowLimit,
            Consumer<String> warnings,
            Options options) {
        this.parseSettings = parseSettings;
        this.target = target;
        this.sink = sink;
        this.quarantine = quarantine;
        this.badRowLimit = badRowLimit;
        this.warnings = warnings;
        this.chunkRows = options.chunkRows();
        this.force = options.force();
        this.stopRequested = options.stopRequested();
        this.progressDisplay = options.progressDisplay();
        this.pipelineBufferBytes = options.pipelineBufferBytes();
    }

    /** A pipeline with the {@linkplain Options#DEFAULTS default options}. */
    public SendPipeline(
            ParseSettings parseSettings,
            TargetSchema target,
            RecordSink sink,
            Quarantine quarantine,
            BadRowLimit badRowLimit,
            Consumer<String> warnings) {
        this(parseSettings, target, sink, quarantine, badRowLimit, warnings, Options.DEFAULTS);
    }

    /** Publishes the files in order; stops early after a failed commit or a stop request. */
    public SendReport run(List<Path> files) {
        long start = System.nanoTime();
        List<FileOutcome> outcomes = new ArrayList<>();
        PublishOutcome outcome;
        boolean stopped = false;
        try {
            for (Path file : files) {
                if (sink.hasFailed() || stopRequested.getAsBoolean()) {
                    stopped = !sink.hasFailed();
                    break;
                }
                outcomes.add(publish(file));
            }
        } finally {
            outcome = sink.finish();
        }
        return new SendReport(
                outcomes,
                outcome,
                Duration.ofNanos(System.nanoTime() - start),
                stopped || outcomes.stream().anyMatch(FileOutcome::stopped));
    }

    private FileOutcome publish(Path file) {
        FileCounts progress = new FileCounts();
        try (FileSession session = sink.open(file)) {
            progress.session = session;
            ResumePoint point = force ? ResumePoint.START : session.resumePoint();
            point.warnings().forEach(warnings);
            FileProgress before = point.progress();
            progress.skipped = before.rows();
            progress.resumeNote = point.note();
            progress.committed(before.rows(), before.prefix());
            if (before.complete()) {
                return progress.outcome(file, null);
            }
            try (DelimitedRowReader reader = DelimitedRowReader.open(file, parseSettings)) {
                progressDisplay.fileStarted(file, Files.size(file));
                RowToAvroMapper mapper = mapperFor(reader);
                // closed (its thread joined) before the reader is
                try (ReadingStage reading =
                        ReadingStage.start(reader, mapper, session, progress.skipped, pipelineBufferBytes, chunkRows)) {
                    return progress.outcome(
                            file, progress.withCommittedRows(sendRows(file, reading, session, progress)));
                }
            } catch (RowParseException e) {
                // univocity cannot go on after a record it failed to parse: quarantine it and fail the file
                progress.read++;
                String failure = reject(progress, new RejectedRow(file, e.line(), null, e.reason(), null, null));
                return progress.outcome(
                        file,
                        progress.withCommittedRows(
                                failure != null ? failure : e.getMessage() + "; the rest of the file is not read"));
            }
        } catch (PublishFailedException e) {
            return progress.outcome(file, e.getMessage());
        } catch (HeaderMismatchException | QuarantineException e) {
            return progress.outcome(file, progress.withCommittedRows(e.getMessage()));
        } catch (IOException e) {
            return progress.outcome(file, progress.withCommittedRows(file + ": cannot read the file: " + e));
        } catch (UncheckedIOException e) {
            return progress.outcome(file, progress.withCommittedRows(file + ": cannot read the file: " + e.getCause()));
        } finally {
            progressDisplay.fileEnded();
            quarantine.endOfFile(file);
        }
    }

    /**
     * Applies the reading thread's events in order: sends each record, quarantines each rejected row (its dead letter
     * in the open chunk), commits every {@code chunkRows} rows and at the end.
     *
     * @return why the file fails, or null when it was read to its end or stopped on request after a commit
     * @throws RowParseException when the reading thread met a record the parser cannot read (so does any other
     *     failure of that thread)
     * @throws InterruptException when this thread is interrupted while waiting for the reading thread
     */
    private String sendRows(Path file, ReadingStage reading, FileSession session, FileCounts progress)
            throws IOException {
        long inChunk = 0;
        while (true) {
            ReadingStage.Event event;
            try {
                event = reading.next();
            } catch (InterruptedException e) {
                throw new InterruptException(e); // restores the interrupt, as the producer's own calls would
            }
            long handled;
            RowPrefix prefix;
            if (event instanceof ReadingStage.Prepared prepared) {
                progress.read++;
                session.send(prepared.record());
                handled = prepared.rowsHandled();
                prefix = prepared.prefix();
            } else if (event instanceof ReadingStage.Rejected rejected) {
                progress.read++;
                String failure = reject(progress, rejected.row());
                if (failure != null) {
                    return failure;
                }
                handled = rejected.rowsHandled();
                prefix = rejected.prefix();
            } else if (event instanceof ReadingStage.Progress advanced) {
                progressDisplay.advanced(advanced.rowsHandled(), advanced.bytesRead());
                continue;
            } else if (event instanceof ReadingStage.End end) {
                if (badRowLimit.exceededAtEnd(progress.rejected, progress.read)) {
                    return file + ": " + badRowLimit.describeExceeded(progress.rejected, progress.read);
                }
                session.commit(end.rowsHandled(), true, end.prefix());
                progress.committed(end.rowsHandled(), end.prefix());
                return null;
            } else {
                throw rethrown(((ReadingStage.Failed) event).cause());
            }
            if (++inChunk >= chunkRows || stopRequested.getAsBoolean()) {
                // a chunk's last row carries the prefix; a stop request elsewhere commits without one
                session.commit(handled, false, prefix);
                progress.committed(handled, prefix);
                inChunk = 0;
                if (stopRequested.getAsBoolean()) {
                    progress.stopped = true;
                    return null;
                }
            }
        }
    }

    /**
     * Throws the reading thread's failure again on this thread as it was (its stack trace is the reading thread's),
     * or returns it wrapped when it is a checked exception other than an IOException.
     */
    private static RuntimeException rethrown(Throwable cause) throws IOException {
        if (cause instanceof RuntimeException unchecked) {
            throw unchecked;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        if (cause instanceof IOException io) {
            throw io;
        }
        return new IllegalStateException("the reading thread failed: " + cause, cause);
    }

    /** Quarantines the row; returns why the file fails when that passes the limit, else null. */
    private String reject(FileCounts progress, RejectedRow row) {
        progress.rejected++;
        quarantine.accept(row);
        if (badRowLimit.exceededWhileReading(progress.rejected, progress.read)) {
            return row.file() + ": " + badRowLimit.describeExceeded(progress.rejected, progress.read)
                    + ", the last at line " + row.line();
        }
        if (progress.session != null) {
            progress.session.deadLetter(row);
        }
        return null;
    }

    private RowToAvroMapper mapperFor(DelimitedRowReader reader) {
        if (!parseSettings.header()) {
            return RowToAvroMapper.byPosition(target, reader.file());
        }
        // An empty file has no header, and no rows to map either.
        RowToAvroMapper mapper = reader.header()
                .map(header -> RowToAvroMapper.byHeader(target, header))
                .orElseGet(() -> RowToAvroMapper.byPosition(target, reader.file()));
        if (!mapper.ignoredColumns().isEmpty()) {
            warnings.accept(reader.file() + ": ignoring columns that are not in the schema: "
                    + String.join(", ", mapper.ignoredColumns()));
        }
        return mapper;
    }

    /** The counts of the file being read. */
    private static final class FileCounts {
        FileSession session;
        long skipped;
        String resumeNote;
        long read;
        long rejected;
        boolean stopped;
        /** The position committed last (by this run or an earlier one), and whether it has the file's prefix. */
        long committedRows;

        boolean committedWithPrefix;
        /** Rows this run set aside up to the position committed last. */
        long rejectedCommitted;

        void committed(long rows, RowPrefix prefix) {
            committedRows = rows;
            committedWithPrefix = prefix != null && prefix.rows() == rows;
            rejectedCommitted = rejected;
        }

        /** The failure, with the rows already published when there are: a repaired copy resumes after them. */
        String withCommittedRows(String failure) {
            if (failure == null || committedRows == 0) {
                return failure;
            }
            return failure
                    + String.format(
                            Locale.ROOT,
                            "; the first %,d rows are already published%s: sending %s resumes after them",
                            committedRows,
                            rejectedCommitted > 0 ? " or set aside" : "",
                            committedWithPrefix ? "the complete file under the same name" : "the same file again");
        }

        FileOutcome outcome(Path file, String failure) {
            return new FileOutcome(
                    file,
                    read,
                    session == null ? 0 : session.published(),
                    rejected,
                    failure,
                    skipped,
                    stopped,
                    resumeNote);
        }
    }
}
