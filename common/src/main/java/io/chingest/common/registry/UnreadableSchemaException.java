package io.chingest.common.registry;

/**
 * The registry holds a schema under the id asked for, but it is not an Avro schema that can be parsed (a PROTOBUF or
 * JSON schema, or invalid Avro): the fault of whatever wrote that id, not of the registry. Immutable.
 */
public final class UnreadableSchemaException extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    public UnreadableSchemaException(String message, Throwable cause) {
        super(message, 200, -1, cause);
    }
}
