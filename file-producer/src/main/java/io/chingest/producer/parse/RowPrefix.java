package io.chingest.producer.parse;

import java.util.Objects;

/**
 * The beginning of a file up to the end of one of its rows, as bytes: how many data rows it holds (the header not
 * counted), its length in uncompressed bytes (through the line break that ends the last of those rows) and the SHA-256
 * of those bytes in lower-case hex. Two files whose first {@code bytes} hash the same begin with the same rows.
 * Immutable.
 */
public record RowPrefix(long rows, long bytes, String sha256) {

    public RowPrefix {
        Objects.requireNonNull(sha256, "sha256");
        if (rows < 0 || bytes < 0) {
            throw new IllegalArgumentException("a prefix of " + rows + " rows and " + bytes + " bytes");
        }
    }
}
