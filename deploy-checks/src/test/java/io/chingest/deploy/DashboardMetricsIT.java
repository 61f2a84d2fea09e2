package io.chingest.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.deploy.ComposeFile.Service;
import io.chingest.testing.ClickHouseExtension;
import io.chingest.testing.JarProgram;
import io.chingest.testing.KafkaBrokerExtension;
import io.chingest.testing.LoopbackPorts;
import io.chingest.testing.Poll;
import io.chingest.testing.SchemaRegistryExtension;
import io.chingest.testing.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment's monitoring against the real programs: a consumer and a file-producer watcher run from their jars
 * with the environment compose gives them (addresses, topic, group, table and ports replaced by this run's, the JVM
 * sized as in a 512 MiB container), load the sample file through the local Kafka, registry and ClickHouse, and are
 * scraped before and after. Every metric name the Grafana dashboards and the Prometheus configuration read must be one
 * the programs serve, and the values must follow the load.
 */
@ExtendWith({KafkaBrokerExtension.class, SchemaRegistryExtension.class, ClickHouseExtension.class})
class DashboardMetricsIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final int SAMPLE_ROWS = 12_000;

    @TempDir
    Path work;

    private JarProgram consumer;
    private JarProgram producer;

    @AfterEach
    void stopPrograms() {
        if (consumer != null) {
            consumer.close();
        }
        if (producer != null) {
            producer.close();
        }
    }

    @Test
    void everyMetricTheDashboardsReadIsServedAndFollowsALoadedFile() throws Exception {
        ComposeFile compose = ComposeFile.read(DeploymentFiles.compose());
        Dockerfile dockerfile = Dockerfile.read(DeploymentFiles.dockerfile());
        String run = Long.toString(System.currentTimeMillis(), 36)
                + ThreadLocalRandom.current().nextInt(1000);
        String topic = "orders-" + run;
        String table = "default.orders_" + run;
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerExtension.bootstrapServers()))) {
            Topics.createServed(admin, topic, 2);
        }
        ClickHouseExtension.query(initScript().replace("default.orders", table));

        Path spool = Files.createDirectories(work.resolve("spool"));
        int consumerPort = LoopbackPorts.freePort();
        int producerPort = LoopbackPorts.freePort();
        String group = "loader-" + run;
        Map<String, String> replaced = Map.of(
                "CH_INGEST_TOPIC", topic,
                "CH_INGEST_GROUP", group,
                "CH_INGEST_TABLE", table,
                "CH_INGEST_DEAD_LETTER_TOPIC", topic + ".dlq",
                "CH_INGEST_SCHEMA",
                        DeploymentFiles.docker().resolve("sample/orders.avsc").toString());
        Service consumerService = compose.service("ch-consumer-1");
        Map<String, String> consumerEnvironment =
                containerEnvironment(consumerService, dockerfile.stage("ch-consumer"), replaced, consumerPort);
        consumer = JarProgram.startLauncher(
                Path.of(System.getProperty("chingest.consumer.launcher")),
                consumerEnvironment,
                work,
                consumerService.command());

        Service producerService = compose.service("file-producer");
        Map<String, String> producerEnvironment =
                containerEnvironment(producerService, dockerfile.stage("file-producer"), replaced, producerPort);
        List<String> producerCommand = producerService.command().stream()
                .map(word -> word.equals("/spool") ? spool.toString() : word)
                .toList();
        producer = JarProgram.start(
                List.of(),
                Path.of(System.getProperty("chingest.producer.jar")),
                producerEnvironment,
                work,
                producerCommand);

        String consumerUrl = "http://127.0.0.1:" + consumerPort;
        String producerUrl = "http://127.0.0.1:" + producerPort;
        await(
                "both programs serve /health with 200",
                () -> Scrape.status(consumerUrl + "/health") == 200 && Scrape.status(producerUrl + "/health") == 200);
        Scrape consumerBefore = Scrape.of(consumerUrl + "/metrics");
        Scrape producerBefore = Scrape.of(producerUrl + "/metrics");
        assertThat(consumerBefore.sum("chingest_consumer_rows_inserted_total")).isZero();
        assertThat(producerBefore.sum("chingest_producer_rows_published_total")).isZero();

        // A writer's way into the spool: write under a name the watcher leaves alone, then rename.
        Path partial = spool.resolve("incoming/.orders.csv.part");
        Files.createDirectories(partial.getParent());
        Files.copy(DeploymentFiles.docker().resolve("sample/orders.csv"), partial);
        Files.move(partial, spool.resolve("incoming/orders.csv"), StandardCopyOption.ATOMIC_MOVE);

        await("the file sent and every row inserted", () -> {
            try {
                return Scrape.of(producerUrl + "/metrics")
                                        .sum(
                                                "chingest_producer_files_total",
                                                labels -> labels.contains("outcome=\"done\""))
                                == 1
                        && Scrape.of(consumerUrl + "/metrics").sum("chingest_consumer_rows_inserted_total")
                                == SAMPLE_ROWS;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        // Micrometer adds Kafka's per-partition metrics when it next looks for new ones (every 60 s), not at
        // assignment:
        // Prometheus sees the lag of a partition within a minute of the consumer taking it.
        await("the lag of both partitions served", () -> {
            try {
                return Scrape.of(consumerUrl + "/metrics").samples("kafka_consumer_fetch_manager_records_lag").stream()
                                .filter(sample -> sample.labels().contains("topic=\"" + topic + "\""))
                                .count()
                        == 2;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        assertThat(ClickHouseExtension.query(
                                "SELECT count(), uniqExact(order_id) FROM " + table + " FORMAT TabSeparated")
                        .trim())
                .isEqualTo(SAMPLE_ROWS + "\t" + SAMPLE_ROWS);

        // The member id compose gives the service is the one the consumer joined with (static membership).
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerExtension.bootstrapServers()))) {
            assertThat(admin.describeConsumerGroups(List.of(group))
                            .all()
                            .get()
                            .get(group)
                            .members())
                    .extracting(member -> member.groupInstanceId().orElse("(dynamic)"))
                    .containsExactly(consumerEnvironment.get("CH_INGEST_INSTANCE_ID"));
        }

        Scrape consumerAfter = Scrape.of(consumerUrl + "/metrics");
        Scrape producerAfter = Scrape.of(producerUrl + "/metrics");
        Set<String> served = new TreeSet<>(consumerAfter.names());
        served.addAll(producerAfter.names());
        Map<String, Set<String>> missing = new LinkedHashMap<>();
        GrafanaDashboards.read(DeploymentFiles.grafanaDashboards())
                .expressionsByPanel()
                .forEach((panel, expressions) ->
                        expressions.forEach(expression -> PromQl.metricNames(expression).stream()
                                .filter(name -> !served.contains(name))
                                .forEach(name -> missing.computeIfAbsent(panel, key -> new TreeSet<>())
                                        .add(name))));
        assertThat(missing)
                .as("metric names the dashboards read that no program serves; they serve " + served)
                .isEmpty();
        assertThat(PrometheusConfig.read(DeploymentFiles.prometheusConfig()).ruleFiles())
                .as("Prometheus rules read no metric")
                .isEmpty();
        assertThat(producerAfter.names())
                .as("the producer's heap, shown beside the consumers'")
                .contains("jvm_memory_used_bytes");

        // The values follow the load: the file's rows and bytes at both ends, batches and their latency, lag per
        // partition.
        assertThat(producerAfter.sum("chingest_producer_rows_read_total")).isEqualTo(SAMPLE_ROWS);
        assertThat(producerAfter.sum("chingest_producer_rows_published_total")).isEqualTo(SAMPLE_ROWS);
        assertThat(producerAfter.sum("chingest_producer_bytes_read_total"))
                .isEqualTo(Files.size(DeploymentFiles.docker().resolve("sample/orders.csv")));
        assertThat(producerAfter.sum("chingest_producer_rows_rejected_total")).isZero();
        assertThat(producerAfter.sum("chingest_producer_files_total", labels -> labels.contains("outcome=\"failed\"")))
                .isZero();
        assertThat(consumerAfter.sum("chingest_consumer_bytes_inserted_bytes_total"))
                .isGreaterThan(consumerBefore.sum("chingest_consumer_bytes_inserted_bytes_total"));
        double batches = consumerAfter.sum("chingest_consumer_batches_total");
        assertThat(batches).isPositive();
        assertThat(consumerAfter.sum("chingest_consumer_insert_latency_seconds_count"))
                .isGreaterThanOrEqualTo(batches);
        assertThat(consumerAfter.sum(
                        "chingest_consumer_insert_latency_seconds_bucket", labels -> labels.contains("le=\"+Inf\"")))
                .isEqualTo(consumerAfter.sum("chingest_consumer_insert_latency_seconds_count"));
        assertThat(consumerAfter.sum("chingest_consumer_batch_rows_sum")).isEqualTo(SAMPLE_ROWS);
        assertThat(consumerAfter.sum("chingest_consumer_insert_failures_total")).isZero();
        assertThat(consumerAfter.sum("chingest_consumer_dead_letters_total")).isZero();
        assertThat(consumerAfter.sum("chingest_consumer_partitions_assigned")).isEqualTo(2);
        Set<String> lagged = consumerAfter.samples("kafka_consumer_fetch_manager_records_lag").stream()
                .filter(sample -> sample.labels().contains("topic=\"" + topic + "\""))
                .map(sample -> sample.labels().replaceAll(".*partition=\"([0-9]+)\".*", "$1"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(lagged).as("partitions with a lag series").containsExactly("0", "1");
        assertThat(consumerAfter.names())
                .contains("chingest_consumer_buffered_bytes", "chingest_consumer_inflight_bytes");

        // The heap is half of the 512 MiB limit, as -XX:MaxRAMPercentage=50 in the image makes it.
        for (Scrape scrape : List.of(consumerAfter, producerAfter)) {
            double heapMax = scrape.sum("jvm_memory_max_bytes", labels -> labels.contains("area=\"heap\""));
            assertThat(heapMax / (1 << 20)).as("heap limit, MiB").isBetween(200.0, 256.0);
            assertThat(scrape.sum("jvm_memory_used_bytes", labels -> labels.contains("area=\"heap\"")))
                    .isPositive();
        }

        consumer.terminate();
        producer.terminate();
        assertThat(consumer.awaitExit(Duration.ofSeconds(90)))
                .as(consumer.output())
                .isZero();
        assertThat(producer.awaitExit(Duration.ofSeconds(90)))
                .as(producer.output())
                .isZero();
    }

    /**
     * The environment the container gives the program: the image's ENV, then compose's; the services' addresses, the
     * names that must be this run's, and the metrics port replaced; the JVM told the container's memory limit.
     */
    private static Map<String, String> containerEnvironment(
            Service service, Dockerfile.Stage stage, Map<String, String> replaced, int metricsPort) {
        Map<String, String> environment = new LinkedHashMap<>(stage.environment());
        environment.putAll(service.environment());
        environment.replaceAll((name, value) -> replaced.getOrDefault(name, value));
        environment.computeIfPresent(
                "CH_INGEST_BOOTSTRAP_SERVERS", (name, value) -> KafkaBrokerExtension.bootstrapServers());
        environment.computeIfPresent("CH_INGEST_SCHEMA_REGISTRY", (name, value) -> SchemaRegistryExtension.url());
        environment.computeIfPresent("CH_INGEST_CLICKHOUSE_URL", (name, value) -> ClickHouseExtension.httpUrl());
        environment.computeIfPresent("CH_INGEST_CLICKHOUSE_USER", (name, value) -> "default");
        environment.computeIfPresent("CH_INGEST_CLICKHOUSE_PASSWORD", (name, value) -> "");
        environment.put("CH_INGEST_METRICS_PORT", Integer.toString(metricsPort));
        String limit = service.memoryLimit().orElseThrow();
        // -XX:MaxRAM stands in for the container's limit, which the JVM reads from its cgroup in a container.
        environment.computeIfPresent("JAVA_OPTS", (name, value) -> value + " -XX:MaxRAM=" + limit);
        environment.computeIfPresent("JAVA_TOOL_OPTIONS", (name, value) -> value + " -XX:MaxRAM=" + limit);
        assertThat(environment.keySet())
                .as(service.name() + ": the JVM options the image sets")
                .containsAnyOf("JAVA_OPTS", "JAVA_TOOL_OPTIONS");
        return environment;
    }

    private static String initScript() throws IOException {
        return Files.readAllLines(
                        DeploymentFiles.docker().resolve("clickhouse/initdb/01-orders.sql"), StandardCharsets.UTF_8)
                .stream()
                .filter(line -> !line.startsWith("--"))
                .collect(Collectors.joining("\n"))
                .trim()
                .replaceFirst(";$", "");
    }

    /** Polls until {@code condition} holds; a time-out names what was awaited and shows both programs' output. */
    private void await(String what, BooleanSupplier condition) {
        try {
            Poll.until(TIMEOUT, what, condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + output(), e);
        }
    }

    private String output() {
        return (consumer == null ? "" : consumer.output()) + "\n" + (producer == null ? "" : producer.output());
    }
}
