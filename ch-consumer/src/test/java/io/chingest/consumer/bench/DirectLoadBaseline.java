package io.chingest.consumer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Baseline B, the server's own load: {@code clickhouse-client --port <native port> --query "INSERT INTO t FORMAT CSV"
 * < rows.csv} of the same rows, timed from the client's start to its exit. The client comes with the server's Debian
 * packages. Stateless.
 */
final class DirectLoadBaseline {
    private static final List<Path> CLIENTS =
            List.of(Path.of("/usr/bin/clickhouse-client"), Path.of("/usr/local/bin/clickhouse-client"));
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private DirectLoadBaseline() {}

    static Duration load(int nativePort, String table, Path csv, Path workDirectory)
            throws IOException, InterruptedException {
        Path client = CLIENTS.stream()
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("clickhouse-client not found at " + CLIENTS
                        + ": install the Debian package clickhouse-client"));
        Path output = Files.createTempFile(workDirectory, "clickhouse-client-", ".txt");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(
                        client.toString(),
                        "--host",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(nativePort),
                        "--query",
                        "INSERT INTO " + table + " FORMAT CSV")
                .redirectInput(csv.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("clickhouse-client did not load " + csv + " within " + TIMEOUT);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("clickhouse-client loading " + csv + " into " + table + " exited with "
                    + process.exitValue() + ": " + Files.readString(output).strip());
        }
        return elapsed;
    }
}
