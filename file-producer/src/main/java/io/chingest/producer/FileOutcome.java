package io.chingest.producer;

import java.nio.file.Path;

/**
 * What became of one input file. Immutable.
 *
 * @param rowsRead  data rows read (the header not included), rejected ones included
 * @param published rows Kafka acknowledged
 * @param rejected  rows set aside in the quarantine
 * @param failure   why the file failed as a whole (a row the parser cannot read, too many bad rows, an unreadable
 *                  file, a header that does not fit), or null
 */
public record FileOutcome(Path file, long rowsRead, long published, long rejected, String failure) {

    public boolean failed() {
        return failure != null;
    }

    /** "orders.csv: 1000 rows read, 990 published, 10 rejected[, failed: reason]". */
    public String summary() {
        return file + ": " + rowsRead + " rows read, " + published + " published, " + rejected + " rejected"
                + (failure == null ? "" : ", failed: " + failure);
    }
}
