package io.chingest.testing;

/**
 * A local service did not come up: it exited, timed out or could not be launched. The message names the
 * service, its address, its log files and their last lines. Immutable.
 */
public final class ServiceStartException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public ServiceStartException(String message) {
        super(message);
    }

    public ServiceStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
