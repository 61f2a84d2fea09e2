package io.chingest.testing;

import java.nio.file.Path;

/**
 * A real service run on this machine for tests or for the local stack: started on fixed ports and a data
 * directory, stopped, and started again on the same ports and directory. Implementations are thread-safe.
 */
public interface LocalService {
    /** Short name: "kafka", "schema-registry", "clickhouse". */
    String name();

    /** What clients connect to. */
    String address();

    /** The service's directory: configuration, data, logs and pid file. */
    Path directory();

    /** The log to read when something goes wrong. */
    Path logFile();

    /**
     * Starts the service unless it already runs, and returns once it serves.
     *
     * @return true if this call started it, false if it was already running
     * @throws ServiceStartException naming the log and its last lines if it exits or does not serve in time
     */
    boolean start();

    /** Stops the service (SIGTERM, then SIGKILL after a grace period) and returns once it is gone; no-op if stopped. */
    void stop();

    /** True while the service process is alive. */
    boolean isRunning();

    /** The pid of the service process, or -1 when it is not running. */
    long pid();
}
