package io.chingest.consumer.it;

import static io.chingest.consumer.it.IngestFixture.await;
import static io.chingest.consumer.it.IngestFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.common.config.ExitCodes;
import io.chingest.testing.ClickHouseExtension;
import io.chingest.testing.JarProgram;
import io.chingest.testing.KafkaBroker;
import io.chingest.testing.KafkaBrokerExtension;
import io.chingest.testing.LoopbackPorts;
import io.chingest.testing.Poll;
import io.chingest.testing.SchemaRegistryExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon whose Kafka broker goes away while it runs: after --kafka-timeout it says "still unavailable" and /health
 * shows it; when the broker is back it says so, /health is ok again and the rows published since reach the table once.
 */
@ExtendWith({KafkaBrokerExtension.class, SchemaRegistryExtension.class, ClickHouseExtension.class})
class KafkaLostWhileRunningIT {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** How long the broker's absence may take to show: --kafka-timeout, a sample a second, a loaded machine. */
    private static final Duration NOTICE = Duration.ofSeconds(45);

    private final IngestFixture fixture = new IngestFixture();
    private final String topic = unique("trades");
    private final String group = unique("loader");
    private final String table = "default." + unique("trades");

    @TempDir
    Path directory;

    @AfterEach
    void closeFixture() {
        fixture.close();
    }

    @Test
    void aBrokerLostWhileRunningIsReportedAndItsReturnToo() throws Exception {
        String kafka = KafkaBrokerExtension.bootstrapServers();
        KafkaBroker broker = KafkaBrokerExtension.broker();
        fixture.createTopic(topic, 2);
        int schemaId = fixture.registerTrades(topic);
        fixture.publishTrades(topic, schemaId, 2, 0, 100);
        int metricsPort = LoopbackPorts.freePort();
        try (JarProgram process = JarProgram.start(
                IngestFixture.CONSUMER_JAR,
                directory,
                "run",
                "--topic",
                topic,
                "--group",
                group,
                "--table",
                table,
                "--create-table",
                "--bootstrap-servers",
                kafka,
                "--schema-registry",
                SchemaRegistryExtension.url(),
                "--clickhouse-url",
                ClickHouseExtension.httpUrl(),
                "--kafka-timeout",
                "3s",
                "--metrics-port",
                String.valueOf(metricsPort),
                "--batch-max-rows",
                "50",
                "--batch-max-wait",
                "200ms")) {
            TopicPartition p0 = new TopicPartition(topic, 0);
            TopicPartition p1 = new TopicPartition(topic, 1);
            await("the first rows committed", () -> committed().equals(Map.of(p0, 100L, p1, 100L)));
            assertThat(health(metricsPort)).isEqualTo(200);
            assertThat(process.stderr()).as(process.output()).doesNotContain("still unavailable");

            try {
                broker.stop();
                Poll.until(
                        NOTICE,
                        "a 'still unavailable' line about Kafka",
                        () -> process.stderr()
                                .contains("still unavailable: Kafka at " + kafka + ": no broker connection for "));
                assertThat(process.stderr()
                                .lines()
                                .filter(line -> line.contains("still unavailable: Kafka at " + kafka))
                                .findFirst())
                        .as(process.output())
                        .hasValueSatisfying(
                                line -> assertThat(line)
                                        .containsPattern(
                                                "WARN .*still unavailable: Kafka at " + kafka
                                                        + ": no broker connection for \\d+ s; the client keeps reconnecting, next report in 1 s$"));
                Poll.until(NOTICE, "/health degraded by the lost broker", () -> health(metricsPort) == 503);
                assertThat(get(metricsPort).body())
                        .startsWith("degraded: unavailable: Kafka at " + kafka + ": no broker connection for ");
            } finally {
                broker.start();
            }

            Poll.until(
                    NOTICE,
                    "the line saying Kafka is back",
                    () -> process.stderr().contains("Kafka at " + kafka + " is available again after "));
            Poll.until(NOTICE, "/health ok again", () -> health(metricsPort) == 200);
            fixture.publishTrades(topic, schemaId, 2, 100, 200);
            await("every row committed", () -> committed().equals(Map.of(p0, 200L, p1, 200L)));
            IdCount.of(table, 2, 200).assertExactlyOnce();
            assertThat(IdCount.of(table, 2, 200).rows()).isEqualTo(400);

            process.terminate();
            assertThat(process.awaitExit(IngestFixture.WAIT))
                    .as(process.output())
                    .isEqualTo(ExitCodes.OK);
        }
    }

    private Map<TopicPartition, Long> committed() {
        try {
            return fixture.committed(group);
        } catch (Exception e) {
            return Map.of();
        }
    }

    private static int health(int port) {
        try {
            return get(port).statusCode();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    private static HttpResponse<String> get(int port) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
