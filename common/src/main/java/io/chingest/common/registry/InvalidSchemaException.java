package io.chingest.common.registry;

/** The registry rejected the schema as invalid (HTTP 422). Immutable. */
public final class InvalidSchemaException extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    public InvalidSchemaException(String message, int httpStatus, int errorCode) {
        super(message, httpStatus, errorCode);
    }
}
