package io.chingest.consumer.delivery;

/**
 * The table holds offsets of an earlier incarnation of the topic (or the ledger that tells incarnations apart cannot
 * be kept), so no offset it holds may be used to skip records; the message names the table, the topic, both topic ids
 * and what to do. Immutable.
 */
public final class IncarnationRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IncarnationRefusedException(String message) {
        super(message);
    }

    public IncarnationRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
