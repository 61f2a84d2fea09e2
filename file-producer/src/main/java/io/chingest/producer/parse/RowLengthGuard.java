package io.chingest.producer.parse;

import java.io.IOException;
import java.io.Reader;

/**
 * Hands characters to the parser but refuses to read further than one row limit (plus one input buffer) past the
 * start of the record being parsed, so a runaway record (an unclosed quote, a binary file) fails instead of
 * growing in memory. Not thread-safe: used by the one thread that drives its {@link DelimitedRowReader}.
 */
final class RowLengthGuard extends Reader {

    /** Thrown from {@link #read} when the record being parsed exceeds the allowance. */
    static final class RowTooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        RowTooLongException(long allowance) {
            super("record is longer than " + allowance + " characters");
        }
    }

    private final Reader in;
    private final long allowance;
    private long charsRead;
    private long recordStart;
    private boolean reachedEnd;

    RowLengthGuard(Reader in, long allowance) {
        this.in = in;
        this.allowance = allowance;
    }

    /** Marks where the next record starts, as the parser's character index. */
    void recordStartsAt(long charIndex) {
        recordStart = charIndex;
    }

    /** Whether the input has ended: the parser holds the last of the text. */
    boolean reachedEnd() {
        return reachedEnd;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        long room = recordStart + allowance - charsRead;
        if (room <= 0) {
            throw new RowTooLongException(allowance);
        }
        int read = in.read(buffer, offset, (int) Math.min(length, room));
        if (read > 0) {
            charsRead += read;
        } else if (read < 0) {
            reachedEnd = true;
        }
        return read;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
