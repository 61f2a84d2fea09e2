package io.chingest.common.registry;

/** The registry answered 5xx or could not be reached after all retries; the message names the URL and attempts. Immutable. */
public final class RegistryUnavailableException extends RegistryFaultException {
    private static final long serialVersionUID = 1L;

    public RegistryUnavailableException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, httpStatus, errorCode, cause);
    }
}
