package io.chingest.consumer.encode;

/** One encoded row would exceed the per-batch byte limit, so no batch could ever hold it. Immutable. */
public final class RowTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long limitBytes;

    public RowTooLargeException(long limitBytes) {
        super("the encoded row is larger than the batch limit of " + limitBytes + " bytes (--batch-max-bytes)");
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
