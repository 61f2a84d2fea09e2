package io.chingest.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.common.config.ExitCodes;
import io.chingest.testing.JarProgram;
import io.chingest.testing.LocalEndpoint;
import io.chingest.testing.LoopbackPorts;
import io.chingest.testing.Poll;
import io.chingest.testing.SchemaRegistryExtension;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar with nothing listening at --bootstrap-servers: {@code send} ends within --kafka-timeout with exit
 * code 5 and one line naming the address; {@code watch} says "still unavailable" at growing intervals, /health shows
 * it, and SIGTERM still stops it. (The registry is real: the schema is registered before Kafka is asked.)
 */
@ExtendWith(SchemaRegistryExtension.class)
class KafkaUnavailableIT {
    private static final Path JAR = Path.of("target", "file-producer.jar").toAbsolutePath();
    /** A JVM start on a loaded two-core machine; far below the minute send took before the check. */
    private static final Duration MARGIN = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void sendExitsFiveWithinTheTimeoutNamingTheAddressInAFewLines() throws Exception {
        String kafka = "127.0.0.1:" + LoopbackPorts.freePort();
        Path schema = Files.writeString(dir.resolve("order.avsc"), FileProducerIT.ORDER_SCHEMA);
        Path csv = Files.writeString(dir.resolve("orders.csv"), "id,customer,qty,price,paid,day\n");

        long start = System.nanoTime();
        try (JarProgram send =
                JarProgram.start(JAR, dir, arguments("send", schema, kafka, "--kafka-timeout", "3s", csv.toString()))) {
            int exitCode = send.awaitExit(Duration.ofMinutes(2));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(exitCode).as(send.output()).isEqualTo(ExitCodes.SERVICE_UNAVAILABLE);
            assertThat(elapsed).isLessThan(Duration.ofSeconds(3).plus(MARGIN));
            assertThat(send.stderr()).isEqualTo("Kafka at " + kafka + ": no broker answered within 3 s\n");
            assertThat(send.stdout()).isEmpty();
        }
    }

    @Test
    void watchSaysStillUnavailableAtGrowingIntervalsAndHealthShowsItUntilStopped() throws Exception {
        String kafka = "127.0.0.1:" + LoopbackPorts.freePort();
        int metricsPort = LoopbackPorts.freePort();
        Path schema = Files.writeString(dir.resolve("order.avsc"), FileProducerIT.ORDER_SCHEMA);
        List<String> args = arguments(
                "watch",
                schema,
                kafka,
                "--kafka-timeout",
                "1s",
                "--metrics-port",
                String.valueOf(metricsPort),
                dir.resolve("spool").toString());
        try (JarProgram watch = JarProgram.start(JAR, dir, args)) {
            String stillUnavailable = "file-producer watch: still unavailable: Kafka at " + kafka
                    + ": no broker answered within 1 s; next check in ";
            Poll.until(
                    Duration.ofSeconds(90),
                    "three 'still unavailable' lines",
                    () -> watch.stderr().contains(stillUnavailable + "4 s"));
            assertThat(watch.stderr())
                    .startsWith(stillUnavailable + "1 s\n" + stillUnavailable + "2 s\n" + stillUnavailable + "4 s\n");

            HttpResponse<String> health = LocalEndpoint.get(metricsPort, "/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body())
                    .isEqualTo("degraded: unavailable: Kafka at " + kafka + ": no broker answered within 1 s\n");

            watch.terminate();
            assertThat(watch.awaitExit(Duration.ofMinutes(1)))
                    .as(watch.output())
                    .isEqualTo(ExitCodes.OK);
        }
    }

    private static List<String> arguments(String subcommand, Path schema, String kafka, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(
                subcommand,
                "--topic",
                "orders-" + UUID.randomUUID(),
                "--schema",
                schema.toString(),
                "--bootstrap-servers",
                kafka,
                "--schema-registry",
                SchemaRegistryExtension.url()));
        args.addAll(List.of(more));
        return args;
    }
}
