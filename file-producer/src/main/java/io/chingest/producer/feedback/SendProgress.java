package io.chingest.producer.feedback;

import java.nio.file.Path;

/**
 * Hears how far a run has got, for feedback to the user: the pipeline calls it from its own thread, at the start and
 * end of each file and every {@value #ROWS_PER_UPDATE} rows in between. Implementations do no I/O that can block the
 * pipeline for long, and are used by that one thread (a display may redraw on a thread of its own).
 */
public interface SendProgress extends AutoCloseable {

    /** Rows between two {@link #advanced} calls. */
    int ROWS_PER_UPDATE = 1024;

    /** Hears nothing. */
    SendProgress NONE = new SendProgress() {
        @Override
        public void fileStarted(Path file, long sizeBytes) {}

        @Override
        public void advanced(long rows, long bytes) {}

        @Override
        public void fileEnded() {}
    };

    /** @param sizeBytes the file's size as stored (compressed files: compressed bytes) */
    void fileStarted(Path file, long sizeBytes);

    /**
     * @param rows  data rows of the current file handled so far (skipped ones of a resumed file included)
     * @param bytes bytes of the current file read so far, as stored
     */
    void advanced(long rows, long bytes);

    void fileEnded();

    @Override
    default void close() {}
}
