package io.chingest.producer.quarantine;

/** A rejected row that could not be set aside (the rejects file cannot be written); fails the file. Immutable. */
public final class QuarantineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QuarantineException(String message, Throwable cause) {
        super(message, cause);
    }
}
