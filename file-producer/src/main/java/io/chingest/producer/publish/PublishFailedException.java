package io.chingest.producer.publish;

/** A chunk Kafka did not commit (a failed send, a fenced producer); nothing of it is visible. Immutable. */
public final class PublishFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
