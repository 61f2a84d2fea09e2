package io.chingest.consumer.it;

import static io.chingest.consumer.it.IngestFixture.await;
import static io.chingest.consumer.it.IngestFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.testing.ClickHouseExtension;
import io.chingest.testing.KafkaBrokerExtension;
import io.chingest.testing.SchemaRegistryExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The consumer's Prometheus endpoint scraped during a run: the meters are there and their values follow the work, and
 * the health endpoint turns to 503 while ClickHouse is down and back to 200 when it returns.
 */
@ExtendWith({KafkaBrokerExtension.class, SchemaRegistryExtension.class, ClickHouseExtension.class})
class MetricsEndpointIT {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final IngestFixture fixture = new IngestFixture();
    private final String topic = unique("trades");
    private final String group = unique("loader");
    private final String table = "default." + unique("trades");
    private RunningConsumer consumer;

    @AfterEach
    void stopEverything() {
        if (consumer != null) {
            consumer.close();
        }
        ClickHouseExtension.server().start();
        fixture.close();
    }

    @Test
    void metricsFollowTheRunAndHealthFollowsClickHouse() throws Exception {
        fixture.createTopic(topic, 2);
        int schemaId = fixture.registerTrades(topic);
        fixture.publishTrades(topic, schemaId, 2, 0, 150);
        consumer = RunningConsumer.start(
                "--topic",
                topic,
                "--group",
                group,
                "--table",
                table,
                "--create-table",
                "--metrics-port",
                "0",
                "--batch-max-rows",
                "50",
                "--batch-max-wait",
                "200ms");
        await(
                "the endpoint serves",
                () -> consumer.run() != null && consumer.run().metricsPort() > 0);
        int port = consumer.run().metricsPort();
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        await("every row committed", () -> committed().equals(Map.of(p0, 150L, p1, 150L)));

        String scrape = get(port, "/metrics").body();
        assertThat(value(scrape, "chingest_consumer_records_total")).isEqualTo(300);
        assertThat(value(scrape, "chingest_consumer_rows_inserted_total")).isEqualTo(300);
        assertThat(value(scrape, "chingest_consumer_batch_rows_count"))
                .isEqualTo(value(scrape, "chingest_consumer_batches_total"));
        assertThat(value(scrape, "chingest_consumer_partitions_assigned")).isEqualTo(2);
        assertThat(scrape)
                .contains(
                        "chingest_consumer_insert_latency_seconds_count",
                        "chingest_consumer_buffered_bytes",
                        "chingest_consumer_inflight_bytes",
                        "chingest_consumer_partitions_paused",
                        "chingest_consumer_dead_letters_total",
                        "jvm_memory_used_bytes",
                        "jvm_gc_",
                        "kafka_consumer_fetch_manager_records_lag");
        assertThat(get(port, "/health").statusCode()).isEqualTo(200);

        ClickHouseExtension.server().stop();
        fixture.publishTrades(topic, schemaId, 2, 150, 200);
        await("health degraded while ClickHouse is down", () -> health(port) == 503);
        assertThat(get(port, "/health").body()).startsWith("degraded: inserts of " + topic);
        ClickHouseExtension.server().start();
        await(
                "healthy again and every row committed",
                () -> health(port) == 200 && committed().equals(Map.of(p0, 200L, p1, 200L)));
        assertThat(value(get(port, "/metrics").body(), "chingest_consumer_rows_inserted_total"))
                .isEqualTo(400);
        assertThat(consumer.stop()).isZero();
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
            return get(port, "/health").statusCode();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value of an untagged sample {@code name} (or of its one tagged series) in a Prometheus scrape. */
    private static double value(String scrape, String name) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$")
                .matcher(scrape);
        assertThat(sample.find()).as("sample %s in the scrape", name).isTrue();
        return Double.parseDouble(sample.group(2));
    }
}
