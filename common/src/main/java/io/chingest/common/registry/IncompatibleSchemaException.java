package io.chingest.common.registry;

/** The schema is incompatible with the subject's earlier versions (HTTP 409). Immutable. */
public final class IncompatibleSchemaException extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    public IncompatibleSchemaException(String message, int httpStatus, int errorCode) {
        super(message, httpStatus, errorCode);
    }
}
