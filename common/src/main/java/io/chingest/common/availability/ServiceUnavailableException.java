package io.chingest.common.availability;

/**
 * A service needed at start-up is not there or not what was asked for: nothing answers at its address, it refused the
 * credentials, it is not the service named, or a topic does not exist. The message is one line naming the service,
 * its address and the cause; a program ends with {@link io.chingest.common.config.ExitCodes#SERVICE_UNAVAILABLE} or, as
 * a daemon, tries again. Immutable.
 */
public final class ServiceUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String address;
    private final boolean refused;

    /**
     * A service that may become available by waiting.
     *
     * @param service "Kafka", "ClickHouse", ...
     * @param address the bootstrap servers or URL asked
     * @param cause   what went wrong, one line
     */
    public ServiceUnavailableException(String service, String address, String cause, Throwable error) {
        this(service, address, cause, error, false);
    }

    private ServiceUnavailableException(
            String service, String address, String cause, Throwable error, boolean refused) {
        super(service + " at " + address + ": " + cause, error);
        this.address = address;
        this.refused = refused;
    }

    /** A service that answered and refused the credentials or the access: waiting does not change that. */
    public static ServiceUnavailableException refused(String service, String address, String cause, Throwable error) {
        return new ServiceUnavailableException(service, address, cause, error, true);
    }

    /** Whether the service refused the credentials or the access, so that trying again only repeats the refusal. */
    public boolean refused() {
        return refused;
    }

    /** The bootstrap servers or URL that was asked. */
    public String address() {
        return address;
    }
}
