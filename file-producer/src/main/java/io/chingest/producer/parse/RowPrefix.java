package io.chingest.producer.parse;

import java.util.Objects;

/**
 * The beginning of a file up to the end of one of its rows, as bytes: how many data rows it holds (the header not
 * counted), its length in uncompressed bytes (through the line break that ends the last of those rows) and the SHA-256
 * of those bytes in lower-case hex. Two files whose first {@code bytes} hash the same begin with the same rows.
 * Immutable.
 *
 * @param lastRow the row after the prefix when it was the file's last and had no line break after it (so it may have
 *                been cut, and is not part of the prefix), or null
 */
public record RowPrefix(long rows, long bytes, String sha256, OpenRow lastRow) {

    /**
     * A file's last row without a line break after it: its uncompressed bytes and their SHA-256. Another file holds
     * the same row only where those bytes are followed by a line break or the end of that file. Immutable.
     */
    public record OpenRow(long bytes, String sha256) {
        public OpenRow {
            Objects.requireNonNull(sha256, "sha256");
            if (bytes <= 0) {
                throw new IllegalArgumentException("an open row of " + bytes + " bytes");
            }
        }
    }

    public RowPrefix {
        Objects.requireNonNull(sha256, "sha256");
        if (rows < 0 || bytes < 0) {
            throw new IllegalArgumentException("a prefix of " + rows + " rows and " + bytes + " bytes");
        }
    }

    /** A prefix whose last row ends with a line break, or that is followed by nothing worth recognising. */
    public RowPrefix(long rows, long bytes, String sha256) {
        this(rows, bytes, sha256, null);
    }
}
