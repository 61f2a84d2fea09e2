package io.chingest.testing;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The start/stop state of one service: its process if it runs, found again by pid file for detached
 * services. Thread-safe: all methods are synchronized.
 */
final class ServiceControl {
    private final ServiceLifetime lifetime;
    private final Supplier<ServiceSpec> preparedSpec;
    private final Supplier<ServiceSpec> plainSpec;
    private ServiceProcess process;

    /**
     * @param lifetime     how long started processes live
     * @param preparedSpec writes the service's configuration files, then returns its spec (called before each launch)
     * @param plainSpec    the spec without touching files (to find a running detached process)
     */
    ServiceControl(ServiceLifetime lifetime, Supplier<ServiceSpec> preparedSpec, Supplier<ServiceSpec> plainSpec) {
        this.lifetime = lifetime;
        this.preparedSpec = preparedSpec;
        this.plainSpec = plainSpec;
    }

    synchronized boolean start() {
        if (running().isPresent()) {
            return false;
        }
        process = ServiceProcess.start(preparedSpec.get(), lifetime);
        return true;
    }

    synchronized void stop() {
        Optional<ServiceProcess> current = running();
        if (current.isPresent()) {
            current.get().stop();
        }
        process = null;
    }

    synchronized boolean isRunning() {
        return running().isPresent();
    }

    synchronized long pid() {
        return running().map(ServiceProcess::pid).orElse(-1L);
    }

    private Optional<ServiceProcess> running() {
        if (process != null && process.isAlive()) {
            return Optional.of(process);
        }
        process = lifetime == ServiceLifetime.DETACHED ? ServiceProcess.attach(plainSpec.get()).orElse(null) : null;
        return Optional.ofNullable(process);
    }
}
