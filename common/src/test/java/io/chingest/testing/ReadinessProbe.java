package io.chingest.testing;

/**
 * Asks a service over its own protocol whether it serves. Implementations must be thread-safe.
 */
@FunctionalInterface
interface ReadinessProbe extends AutoCloseable {
    /** True when the service answers as it should; false or an exception while it is still starting. */
    boolean isReady() throws Exception;

    /** Releases what the probe kept between attempts (a client, connections); called once waiting ends. */
    @Override
    default void close() {}
}
