package io.chingest.producer.map;

/**
 * A text value a field converter cannot turn into its Avro representation; carries only the reason, the caller adds
 * file, line and column. Cheap to create (no stack trace) because bad rows may be many. Immutable.
 */
final class ValueRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ValueRejectedException(String reason) {
        super(reason, null, false, false);
    }
}
