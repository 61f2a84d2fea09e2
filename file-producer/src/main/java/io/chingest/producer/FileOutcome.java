package io.chingest.producer;

import java.nio.file.Path;

/**
 * What became of one input file in one run. Immutable.
 *
 * @param rowsRead     data rows read by this run (the header not included), rejected ones included
 * @param published    rows committed to Kafka by this run
 * @param rejected     rows set aside in the quarantine by this run
 * @param failure      why the file failed as a whole (a row the parser cannot read, too many bad rows, an unreadable
 *                     file, a header that does not fit, a chunk Kafka did not commit), or null
 * @param sentEarlier  data rows an earlier run had already handled, skipped by this one
 * @param stopped      whether a stop request ended the file early, after committing what was read
 * @param resumeNote   how the rows sent earlier were found when not by the file's own progress (another file of the
 *                     same name that began with the same bytes), or null
 */
public record FileOutcome(
        Path file,
        long rowsRead,
        long published,
        long rejected,
        String failure,
        long sentEarlier,
        boolean stopped,
        String resumeNote) {

    /** The outcome of a file resumed by its own progress, if at all. */
    public FileOutcome(
            Path file,
            long rowsRead,
            long published,
            long rejected,
            String failure,
            long sentEarlier,
            boolean stopped) {
        this(file, rowsRead, published, rejected, failure, sentEarlier, stopped, null);
    }

    /** The outcome of a file read from its start and not stopped. */
    public FileOutcome(Path file, long rowsRead, long published, long rejected, String failure) {
        this(file, rowsRead, published, rejected, failure, 0, false);
    }

    public boolean failed() {
        return failure != null;
    }

    /**
     * "orders.csv: 1000 rows read, 990 published, 10 rejected", followed by ", 500 rows sent earlier",
     * (or the {@code resumeNote}), ", stopped (run again to resume)" or ", failed: reason" when they apply.
     */
    public String summary() {
        return file + ": " + rowsRead + " rows read, " + published + " published, " + rejected + " rejected"
                + (sentEarlier == 0
                        ? ""
                        : ", " + (resumeNote != null ? resumeNote : sentEarlier + " rows sent earlier"))
                + (stopped ? ", stopped (run again to resume)" : "")
                + (failure == null ? "" : ", failed: " + failure);
    }
}
