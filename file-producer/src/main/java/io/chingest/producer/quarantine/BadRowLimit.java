package io.chingest.producer.quarantine;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * How many rejected rows a file may have before it fails as a whole: a count ({@code 100}), a share of the rows read
 * ({@code 1%}, checked once {@value #MIN_ROWS_FOR_RATIO} rows are read and again at the end of the file, so the first
 * bad rows of a file do not fail it at once) or no limit. Immutable.
 */
public final class BadRowLimit {

    /** Rows a file must have read before a ratio limit is applied while reading. */
    public static final long MIN_ROWS_FOR_RATIO = 1000;

    public static final BadRowLimit NONE = new BadRowLimit(-1, null, "unlimited");

    private final long maxRows;
    private final BigDecimal maxRatio;
    private final String text;

    private BadRowLimit(long maxRows, BigDecimal maxRatio, String text) {
        this.maxRows = maxRows;
        this.maxRatio = maxRatio;
        this.text = text;
    }

    /**
     * Reads {@code N}, {@code P%} (0 to 100, decimals allowed) or {@code unlimited}.
     *
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public static BadRowLimit parse(String text) {
        String value = text.strip();
        if (value.equalsIgnoreCase("unlimited")) {
            return NONE;
        }
        try {
            if (value.endsWith("%")) {
                BigDecimal percent =
                        new BigDecimal(value.substring(0, value.length() - 1).strip());
                if (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
                    throw new IllegalArgumentException("'" + text + "' is not a share between 0% and 100%");
                }
                return new BadRowLimit(-1, percent.movePointLeft(2), value);
            }
            long rows = Long.parseLong(value);
            if (rows < 0) {
                throw new IllegalArgumentException("'" + text + "' is negative");
            }
            return new BadRowLimit(rows, null, value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a number of rows (100), a share (1%) or" + " unlimited");
        }
    }

    public static BadRowLimit ofRows(long rows) {
        return parse(Long.toString(rows));
    }

    /** Whether {@code rejected} bad rows among {@code read} rows, with more rows to come, are past the limit. */
    public boolean exceededWhileReading(long rejected, long read) {
        if (maxRatio != null) {
            return read >= MIN_ROWS_FOR_RATIO && exceedsRatio(rejected, read);
        }
        return maxRows >= 0 && rejected > maxRows;
    }

    /** Whether {@code rejected} bad rows among the {@code read} rows of a whole file are past the limit. */
    public boolean exceededAtEnd(long rejected, long read) {
        if (maxRatio != null) {
            return read > 0 && exceedsRatio(rejected, read);
        }
        return maxRows >= 0 && rejected > maxRows;
    }

    /** "more than 10 bad rows" / "more than 1% bad rows (12 of 1000)", for the reason a file failed. */
    public String describeExceeded(long rejected, long read) {
        if (maxRatio != null) {
            return String.format(
                    Locale.ROOT,
                    "more than %s of the rows are bad (%d of %d rows read; --max-bad-rows)",
                    text,
                    rejected,
                    read);
        }
        return "more than " + maxRows + " bad row" + (maxRows == 1 ? "" : "s") + " (--max-bad-rows)";
    }

    private boolean exceedsRatio(long rejected, long read) {
        return BigDecimal.valueOf(rejected).compareTo(maxRatio.multiply(BigDecimal.valueOf(read))) > 0;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BadRowLimit limit && limit.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
