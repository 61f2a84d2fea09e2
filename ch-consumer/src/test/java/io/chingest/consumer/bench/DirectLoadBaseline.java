package io.chingest.consumer.bench;

import io.chingest.testing.ProcessMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server's own loads: {@code clickhouse-client --port <native port> --query "INSERT INTO t FORMAT F" < rows} of the
 * same rows, timed from the client's start to its exit: baseline B with CSV (the client parses it and sends blocks),
 * C with RowBinary (what ch-consumer sends). The client comes with the server's Debian packages. Stateless.
 */
final class DirectLoadBaseline {
    private static final List<Path> CLIENTS =
            List.of(Path.of("/usr/bin/clickhouse-client"), Path.of("/usr/local/bin/clickhouse-client"));
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private DirectLoadBaseline() {}

    /** The client, run against the server's native port with one query. */
    private static ProcessBuilder client(int nativePort, String query) {
        Path client = CLIENTS.stream()
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("clickhouse-client not found at " + CLIENTS
                        + ": install the Debian package clickhouse-client"));
        return new ProcessBuilder(
                client.toString(), "--host", "127.0.0.1", "--port", Integer.toString(nativePort), "--query", query);
    }

    /** A load's time and the client's CPU time. */
    record Load(Duration elapsed, long clientCpuNanos) {}

    static Load load(int nativePort, String table, String format, Path input, Path workDirectory)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile(workDirectory, "clickhouse-client-", ".txt");
        long start = System.nanoTime();
        Process process = client(nativePort, "INSERT INTO " + table + " FORMAT " + format)
                .redirectInput(input.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        long clientCpu;
        try (ProcessMemory.Sampler sampler = ProcessMemory.sample(process.pid(), Duration.ofMillis(20))) {
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("clickhouse-client did not load " + input + " within " + TIMEOUT);
            }
            clientCpu = sampler.cpuNanos();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("clickhouse-client loading " + input + " into " + table + " exited with "
                    + process.exitValue() + ": " + Files.readString(output).strip());
        }
        return new Load(elapsed, clientCpu);
    }

    /** Writes the rows of {@code table} to {@code output} in {@code format}, untimed: the input of a later load. */
    static void dump(int nativePort, String table, String format, Path output)
            throws IOException, InterruptedException {
        Process process = client(nativePort, "SELECT * FROM " + table + " FORMAT " + format)
                .redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("clickhouse-client could not write " + table + " to " + output);
        }
    }
}
