package io.chingest.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack's commands, each run in its own JVM as docker/local-stack.sh runs them, on free ports: the
 * services outlive the JVM that started them, {@code up} is idempotent, {@code down} stops them, {@code status}
 * reports them; a failed {@code up} leaves nothing running.
 */
class LocalStackIT {
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(4);

    @TempDir
    Path directory;

    private final int[] ports = LoopbackPorts.freePorts(5);

    @AfterEach
    void stopWhateverIsLeft() {
        new LocalStack(directory, ports())
                .down(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void upStatusUpAgainDownAndStatus() throws Exception {
        CommandResult up = runInOwnJvm("up");
        assertThat(up.status()).as(up.output()).isZero();
        assertThat(up.output())
                .contains("local stack up under " + directory.toRealPath() + "; logs:\n"
                        + "  kafka: " + directory.resolve("kafka/kafka.log") + "\n"
                        + "  schema-registry: " + directory.resolve("schema-registry/schema-registry.log") + "\n"
                        + "  clickhouse: " + directory.resolve("clickhouse/clickhouse-server.err.log") + "\n");
        long kafkaPid = pidIn("kafka/kafka.pid");
        long registryPid = pidIn("schema-registry/schema-registry.pid");
        long clickHousePid = pidIn("clickhouse/clickhouse.pid");

        // the launcher's JVM has exited; the services still serve
        assertThat(clusterIdAt("127.0.0.1:" + ports[0])).isNotEmpty();
        assertThat(LoopbackHttp.get(
                                URI.create("http://127.0.0.1:" + ports[2] + "/apis/ccompat/v7/subjects"),
                                Duration.ofSeconds(10))
                        .body())
                .isEqualTo("[]");
        assertThat(LoopbackHttp.send(
                                "POST",
                                URI.create("http://127.0.0.1:" + ports[3] + "/"),
                                "text/plain",
                                "SELECT 1",
                                Duration.ofSeconds(10))
                        .body())
                .isEqualTo("1\n");

        CommandResult status = runInOwnJvm("status");
        assertThat(status.status()).isZero();
        assertThat(status.output())
                .isEqualTo("kafka            up    127.0.0.1:" + ports[0] + " (pid " + kafkaPid + ")\n"
                        + "schema-registry  up    http://127.0.0.1:" + ports[2] + "/apis/ccompat/v7 (pid " + registryPid
                        + ")\n"
                        + "clickhouse       up    http://127.0.0.1:" + ports[3] + " (native 127.0.0.1:" + ports[4]
                        + ") (pid " + clickHousePid + ")\n");

        CommandResult again = runInOwnJvm("up");
        assertThat(again.status()).isZero();
        assertThat(again.output())
                .startsWith("kafka            already running at 127.0.0.1:" + ports[0] + " (pid " + kafkaPid + ")\n"
                        + "schema-registry  already running at http://127.0.0.1:" + ports[2] + "/apis/ccompat/v7 (pid "
                        + registryPid + ")\n"
                        + "clickhouse       already running at http://127.0.0.1:" + ports[3] + " (native 127.0.0.1:"
                        + ports[4] + ") (pid " + clickHousePid + ")\n");

        CommandResult down = runInOwnJvm("down");
        assertThat(down.status()).isZero();
        assertThat(down.output().lines().sorted().toList())
                .containsExactly("clickhouse       stopped", "kafka            stopped", "schema-registry  stopped");
        for (long pid : List.of(kafkaPid, registryPid, clickHousePid)) {
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                    .as("pid " + pid)
                    .isEmpty();
        }

        CommandResult stopped = runInOwnJvm("status");
        assertThat(stopped.status()).isEqualTo(LocalStack.NOT_RUNNING);
        assertThat(stopped.output())
                .isEqualTo("kafka            down  127.0.0.1:" + ports[0] + "\n"
                        + "schema-registry  down  http://127.0.0.1:" + ports[2] + "/apis/ccompat/v7\n"
                        + "clickhouse       down  http://127.0.0.1:" + ports[3] + " (native 127.0.0.1:" + ports[4]
                        + ")\n");
    }

    @Test
    void aFailedUpStopsWhatItStarted() throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        LocalStack stack = new LocalStack(directory, ports());
        int status;
        ServerSocket taken = new ServerSocket(ports[2], 1, InetAddress.getLoopbackAddress());
        try {
            status = stack.up(new PrintStream(output, true, StandardCharsets.UTF_8));
        } finally {
            taken.close();
        }

        assertThat(status).isEqualTo(1);
        assertThat(output.toString(StandardCharsets.UTF_8))
                .contains(
                        "schema-registry failed: cannot start schema-registry at http://127.0.0.1:" + ports[2]
                                + "/apis/ccompat/v7: port 127.0.0.1:" + ports[2]
                                + " is already in use by another process\n",
                        "the local stack is not up; services started by this command were stopped again\n");
        assertThat(stack.status(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .isEqualTo(LocalStack.NOT_RUNNING);
        assertThat(directory.resolve("kafka/kafka.pid")).doesNotExist();
        assertThat(directory.resolve("clickhouse/clickhouse.pid")).doesNotExist();
    }

    private LocalStack.Ports ports() {
        return new LocalStack.Ports(ports[0], ports[1], ports[2], ports[3], ports[4]);
    }

    private CommandResult runInOwnJvm(String command) throws Exception {
        Path output = Files.createTempFile(directory.getParent(), "local-stack-" + command, ".out");
        try {
            Process process = new ProcessBuilder(
                            BuildLayout.javaExecutable(),
                            "-cp",
                            System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                            LocalStack.class.getName(),
                            command,
                            "--dir",
                            directory.toString(),
                            "--ports",
                            ports[0] + "," + ports[1] + "," + ports[2] + "," + ports[3] + "," + ports[4])
                    .redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("LocalStack " + command + " did not finish within " + COMMAND_TIMEOUT);
            }
            return new CommandResult(process.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private long pidIn(String pidFile) throws IOException {
        return Long.parseLong(Files.readString(directory.resolve(pidFile)).trim());
    }

    private static String clusterIdAt(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            return admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        }
    }

    private record CommandResult(int status, String output) {}
}
