package io.chingest.producer.parse;

import java.nio.file.Path;

/** A file that cannot be read as the configured delimited format; the message names the file and line. Immutable. */
public final class RowParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;
    private final String reason;

    public RowParseException(Path file, long line, String reason, Throwable cause) {
        super(file + ":" + line + ": " + reason, cause);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    /** Why the record cannot be read, without file and line. */
    public String reason() {
        return reason;
    }

    public Path file() {
        return file;
    }

    /** The 1-based line the failing record starts on. */
    public long line() {
        return line;
    }
}
