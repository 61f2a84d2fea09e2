package io.chingest.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything needed to launch one service process and to know when it serves. Immutable, except that the
 * probe may keep a client between attempts: a spec serves one start.
 *
 * @param name           short name used in messages and file names ("kafka", "schema-registry", "clickhouse")
 * @param address        what clients connect to, for messages
 * @param directory      the service's own directory: configuration, data, logs, pid file
 * @param command        the command line of the service itself
 * @param outputLog      where the process's standard output and error go
 * @param diagnosticLogs logs whose last lines explain a failure, most telling first
 * @param ports          loopback ports the service must listen on before it counts as ready
 * @param startTimeout   how long the service may take to become ready
 * @param stopGrace      how long the service may take to stop after SIGTERM before it gets SIGKILL
 * @param probe          the protocol-level readiness check
 */
record ServiceSpec(
        String name,
        String address,
        Path directory,
        List<String> command,
        Path outputLog,
        List<Path> diagnosticLogs,
        List<Integer> ports,
        Duration startTimeout,
        Duration stopGrace,
        ReadinessProbe probe) {

    ServiceSpec {
        command = List.copyOf(command);
        diagnosticLogs = List.copyOf(diagnosticLogs);
        ports = List.copyOf(ports);
    }

    /** The file holding the pid of the running service process. */
    Path pidFile() {
        return directory.resolve(name + ".pid");
    }

    /** A string in the command line of this service's process and of no other: its directory. */
    String commandLineMarker() {
        return directory.toAbsolutePath().normalize().toString();
    }
}
