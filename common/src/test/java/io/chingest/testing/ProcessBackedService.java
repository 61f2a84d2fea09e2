package io.chingest.testing;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Base of the services this package runs as processes: it keeps the start/stop state of one service process,
 * found again by its pid file for detached services, so each service only says how it is configured and
 * launched. Thread-safe: the state methods are synchronized.
 */
abstract class ProcessBackedService implements LocalService {
    private final String name;
    private final Path directory;
    private final String logFileName;
    private final ServiceLifetime lifetime;
    private ServiceProcess process;

    /**
     * @param name        the service's short name
     * @param directory   configuration, data, logs and pid file; kept across restarts
     * @param logFileName the log to read when something goes wrong, inside {@code directory}
     * @param lifetime    how long started processes live
     */
    ProcessBackedService(String name, Path directory, String logFileName, ServiceLifetime lifetime) {
        this.name = name;
        this.directory = directory.toAbsolutePath().normalize();
        this.logFileName = logFileName;
        this.lifetime = lifetime;
    }

    /** Writes the service's configuration files, then returns its spec; called before each launch. */
    abstract ServiceSpec preparedSpec();

    /** The spec without touching any file, to find a running detached process. */
    abstract ServiceSpec plainSpec();

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Path directory() {
        return directory;
    }

    @Override
    public final Path logFile() {
        return directory.resolve(logFileName);
    }

    @Override
    public final synchronized boolean start() {
        if (running().isPresent()) {
            return false;
        }
        process = ServiceProcess.start(preparedSpec(), lifetime);
        return true;
    }

    @Override
    public final synchronized void stop() {
        running().ifPresent(ServiceProcess::stop);
        process = null;
    }

    @Override
    public final synchronized boolean isRunning() {
        return running().isPresent();
    }

    @Override
    public final synchronized long pid() {
        return running().map(ServiceProcess::pid).orElse(-1L);
    }

    private Optional<ServiceProcess> running() {
        if (process != null && process.isAlive()) {
            return Optional.of(process);
        }
        process = lifetime == ServiceLifetime.DETACHED
                ? ServiceProcess.attach(plainSpec()).orElse(null)
                : null;
        return Optional.ofNullable(process);
    }
}
