package io.chingest.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One running service process: launched with a {@link ServiceLifetime}, awaited until it serves, stopped with
 * SIGTERM and then SIGKILL after a grace period. Not thread-safe: its owner (one service object) serialises calls.
 */
final class ServiceProcess {
    /**
     * Runs the service as a child of bash; bash holds the read end of a pipe from the launching JVM and stops
     * the service (SIGTERM, SIGKILL after the grace period) when that pipe reaches end of file, which happens
     * when the JVM closes it in stop() or when the JVM dies in any way, SIGKILL included. Because bash stays the
     * service's parent until it has waited for it, its pid cannot be reused under the watchdog's feet.
     * Arguments: grace seconds, pid file, service command...
     */
    private static final String WATCHDOG_SCRIPT = """
            set -u
            grace=$1
            pid_file=$2
            shift 2
            stop_service() {
              trap '' TERM INT HUP
              kill -TERM "$service" 2>/dev/null
              ( sleep "$grace"; kill -KILL "$service" 2>/dev/null ) &
              killer=$!
              disown "$killer"
              wait "$service"
              status=$?
              kill -KILL "$killer" "$watch" 2>/dev/null
              exit "$status"
            }
            trap stop_service TERM INT HUP
            exec 3<&0 </dev/null
            "$@" 3<&- &
            service=$!
            echo "$service" > "$pid_file.tmp" && mv -f "$pid_file.tmp" "$pid_file"
            ( while read -r -u 3 _; do :; done; kill -TERM $$ ) &
            watch=$!
            disown "$watch"
            exec 3<&-
            wait "$service"
            status=$?
            kill -KILL "$watch" 2>/dev/null
            exit "$status"
            """;

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration PID_FILE_TIMEOUT = Duration.ofSeconds(10);
    private static final int LOG_LINES = 25;

    private final ServiceSpec spec;
    private final Process launched; // bash watchdog or detached service; null when attached by pid file
    private final ProcessHandle service;

    private ServiceProcess(ServiceSpec spec, Process launched, ProcessHandle service) {
        this.spec = spec;
        this.launched = launched;
        this.service = service;
    }

    /** Launches the service and returns once it serves; on any failure the process is gone and the exception says why. */
    static ServiceProcess start(ServiceSpec spec, ServiceLifetime lifetime) {
        for (int port : spec.ports()) {
            if (!LoopbackPorts.isFree(port)) {
                throw new ServiceStartException("cannot start " + spec.name() + " at " + spec.address()
                        + ": port 127.0.0.1:" + port + " is already in use by another process");
            }
        }
        Instant started = Instant.now();
        ServiceProcess process = launch(spec, lifetime);
        try {
            process.awaitReady(started);
            System.err.printf(
                    Locale.ROOT,
                    "[local-services] %s ready at %s in %.1f s (pid %d, log %s)%n",
                    spec.name(),
                    spec.address(),
                    Duration.between(started, Instant.now()).toMillis() / 1000.0,
                    process.pid(),
                    spec.diagnosticLogs().get(0));
            return process;
        } catch (RuntimeException e) {
            process.kill();
            throw e;
        }
    }

    /** The detached service whose pid file is in the spec's directory, if that process is alive and is this service. */
    static Optional<ServiceProcess> attach(ServiceSpec spec) {
        Path pidFile = spec.pidFile();
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).trim());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> commandLineOf(handle).contains(spec.commandLineMarker()))
                .map(handle -> new ServiceProcess(spec, null, handle));
    }

    long pid() {
        return service.pid();
    }

    boolean isAlive() {
        return launched != null ? launched.isAlive() : service.isAlive();
    }

    /** SIGTERM, then SIGKILL when the service has not exited within its grace period; returns once it is gone. */
    void stop() {
        Instant stopping = Instant.now();
        Duration grace = spec.stopGrace();
        if (isWatchdog()) {
            closeWatchdogPipe();
            if (!waitFor(launched.toHandle(), grace.plusSeconds(5))) {
                kill();
            }
        } else {
            service.destroy();
            if (!waitFor(service, grace)) {
                service.destroyForcibly();
                waitFor(service, Duration.ofSeconds(10));
            }
        }
        deletePidFile();
        System.err.printf(
                Locale.ROOT,
                "[local-services] %s stopped in %.1f s%n",
                spec.name(),
                Duration.between(stopping, Instant.now()).toMillis() / 1000.0);
    }

    /** True when {@code launched} is the bash watchdog (tied lifetime) rather than the service itself. */
    private boolean isWatchdog() {
        return launched != null && launched.pid() != service.pid();
    }

    private void kill() {
        service.destroyForcibly();
        if (launched != null) {
            launched.destroyForcibly();
            waitFor(launched.toHandle(), Duration.ofSeconds(10));
        }
        waitFor(service, Duration.ofSeconds(10));
        deletePidFile();
    }

    private static ServiceProcess launch(ServiceSpec spec, ServiceLifetime lifetime) {
        try {
            Files.createDirectories(spec.directory());
            Files.deleteIfExists(spec.pidFile());
            Files.writeString(
                    spec.outputLog(),
                    "=== " + Instant.now() + " starting " + spec.name() + ": " + String.join(" ", spec.command())
                            + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new ServiceStartException("cannot prepare " + spec.directory() + " for " + spec.name(), e);
        }
        List<String> command = new ArrayList<>();
        if (lifetime == ServiceLifetime.TIED_TO_JVM) {
            command.addAll(List.of(
                    "bash",
                    "-c",
                    WATCHDOG_SCRIPT,
                    "service-watchdog",
                    Long.toString(Math.max(1, spec.stopGrace().toSeconds())),
                    spec.pidFile().toString()));
        } else {
            command.add("setsid"); // its own session: a Ctrl-C in the launcher's terminal does not reach it
        }
        command.addAll(spec.command());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(spec.directory().toFile())
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(spec.outputLog().toFile()));
        if (lifetime == ServiceLifetime.DETACHED) {
            builder.redirectInput(
                    ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ServiceStartException(
                    "cannot launch " + spec.name() + " (" + command.get(0) + "): " + e.getMessage(), e);
        }
        if (lifetime == ServiceLifetime.DETACHED) {
            writePidFile(spec.pidFile(), process.pid());
            return new ServiceProcess(spec, process, process.toHandle());
        }
        return new ServiceProcess(spec, process, awaitServicePid(spec, process));
    }

    private static ProcessHandle awaitServicePid(ServiceSpec spec, Process watchdog) {
        Instant deadline = Instant.now().plus(PID_FILE_TIMEOUT);
        while (true) {
            try {
                String text = Files.readString(spec.pidFile()).trim();
                if (!text.isEmpty()) {
                    Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(text));
                    if (handle.isPresent()) {
                        return handle.get();
                    }
                    // the service exited at once; its watchdog exits with its status
                    String exit = waitFor(watchdog.toHandle(), Duration.ofSeconds(5))
                            ? " with code " + watchdog.exitValue()
                            : "";
                    watchdog.destroyForcibly();
                    throw new ServiceStartException(
                            spec.name() + " exited" + exit + " before it served at " + spec.address() + logTails(spec));
                }
            } catch (IOException | NumberFormatException e) {
                // not written yet
            }
            if (!watchdog.isAlive() || Instant.now().isAfter(deadline)) {
                watchdog.destroyForcibly();
                throw new ServiceStartException(spec.name() + " did not start: no pid in " + spec.pidFile()
                        + " from its watchdog (exit " + (watchdog.isAlive() ? "none" : watchdog.exitValue())
                        + ")" + logTails(spec));
            }
            pause();
        }
    }

    private void awaitReady(Instant started) {
        try (ReadinessProbe probe = spec.probe()) {
            awaitReady(started, probe);
        }
    }

    private void awaitReady(Instant started, ReadinessProbe probe) {
        Instant deadline = started.plus(spec.startTimeout());
        String lastProblem = "no answer yet";
        while (true) {
            if (!isAlive()) {
                String exit = launched != null && !launched.isAlive() ? " with code " + launched.exitValue() : "";
                throw new ServiceStartException(
                        spec.name() + " exited" + exit + " before it served at " + spec.address() + logTails(spec));
            }
            if (!ListeningSockets.allListenedBy(service, spec.ports())) {
                lastProblem = "not yet listening on ports " + spec.ports();
            } else {
                try {
                    if (probe.isReady()) {
                        return;
                    }
                    lastProblem = "readiness check answered not ready";
                } catch (Exception e) {
                    lastProblem = "readiness check failed: " + e;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new ServiceStartException(spec.name() + " did not become ready at " + spec.address() + " within "
                        + spec.startTimeout().toSeconds() + " s (" + lastProblem + ")" + logTails(spec));
            }
            pause();
        }
    }

    private void closeWatchdogPipe() {
        try {
            OutputStream pipe = launched.getOutputStream();
            pipe.close();
        } catch (IOException e) {
            // already closed: the watchdog has seen end of file
        }
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(spec.pidFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + spec.pidFile(), e);
        }
    }

    private static void writePidFile(Path pidFile, long pid) {
        try {
            Path temporary = pidFile.resolveSibling(pidFile.getFileName() + ".tmp");
            Files.writeString(temporary, pid + System.lineSeparator());
            Files.move(
                    temporary,
                    pidFile,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + pidFile, e);
        }
    }

    private static boolean waitFor(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static String commandLineOf(ProcessHandle process) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return process.info().commandLine().orElse("");
        }
    }

    static String logTails(ServiceSpec spec) {
        StringBuilder text = new StringBuilder();
        for (Path log : spec.diagnosticLogs()) {
            text.append(System.lineSeparator())
                    .append("--- last lines of ")
                    .append(log)
                    .append(':')
                    .append(System.lineSeparator())
                    .append(LogTail.lastLines(log, LOG_LINES));
        }
        return text.toString();
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceStartException("interrupted while waiting for a service", e);
        }
    }
}
