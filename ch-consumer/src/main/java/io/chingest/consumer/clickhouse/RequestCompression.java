package io.chingest.consumer.clickhouse;

import java.util.Locale;

/**
 * How insert request bodies travel to ClickHouse ({@code --clickhouse-compression}). {@link #LZ4} sends them in ClickHouse's
 * own compressed block format (LZ4 blocks with checksums, the server reads them with {@code decompress=1}), which every
 * server version reads; answers are never compressed (18.16 answers {@code compress=1} with an empty body, and the
 * answers here are a few bytes). Immutable.
 */
public enum RequestCompression {
    /** LZ4 on servers from {@link InsertFeatures#CURRENT} on, none on older ones (18.16 among them). */
    AUTO,
    /** Plain RowBinary bodies. */
    NONE,
    /** LZ4 bodies on every server. */
    LZ4;

    /** @throws IllegalArgumentException naming the accepted values */
    public static RequestCompression parse(String text) {
        String value = text == null ? "auto" : text.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "auto" -> AUTO;
            case "none" -> NONE;
            case "lz4" -> LZ4;
            default -> throw new IllegalArgumentException("must be auto, none or lz4, was '" + text + "'");
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
