package io.chingest.producer.map;

import java.nio.file.Path;

/** A file whose header cannot feed the schema (a required field without a column, a column named twice). Immutable. */
public final class HeaderMismatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    HeaderMismatchException(Path file, long line, String reason) {
        super(file + ":" + line + ": " + reason);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
