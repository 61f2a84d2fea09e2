package io.chingest.common.registry;

/**
 * The subject, version or schema id does not exist: HTTP 404 with a Confluent error code (40401 subject, 40402 version,
 * 40403 schema). A 404 without one comes from something other than the Confluent API ({@link RegistryFaultException}).
 * Immutable.
 */
public final class SchemaNotFoundException extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    public SchemaNotFoundException(String message, int httpStatus, int errorCode) {
        super(message, httpStatus, errorCode);
    }
}
