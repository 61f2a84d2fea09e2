package io.chingest.testing;

/**
 * How long a started service process lives. Immutable.
 */
public enum ServiceLifetime {
    /**
     * Tests: the service dies with the JVM that started it, even when that JVM is killed with SIGKILL
     * (a watchdog holds a pipe from the JVM and stops the service when the pipe reaches end of file).
     */
    TIED_TO_JVM,
    /** Local stack: a detached process in its own session that outlives its launcher, found again through a pid file. */
    DETACHED
}
