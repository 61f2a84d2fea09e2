package io.chingest.consumer.deadletter;

/** A dead letter Kafka did not acknowledge; the record stays unread and is tried again. Immutable. */
public final class DeadLetterFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeadLetterFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
