package io.chingest.common.registry;

/**
 * The registry, or the URL it was given as, is at fault rather than the request: nothing answers, it answers 5xx,
 * refuses the credentials, or answers in a shape that is not the Confluent API (a 404 without a Confluent error code, a
 * 200 that is not JSON). No record is to blame; a later attempt or a fixed URL helps. The message names the URL and what
 * answered. Immutable.
 */
public class RegistryFaultException extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    public RegistryFaultException(String message, int httpStatus, int errorCode) {
        super(message, httpStatus, errorCode);
    }

    public RegistryFaultException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, httpStatus, errorCode, cause);
    }
}
