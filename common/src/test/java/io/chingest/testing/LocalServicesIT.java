package io.chingest.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({KafkaBrokerExtension.class, SchemaRegistryExtension.class, ClickHouseExtension.class})
class LocalServicesIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String SCHEMA_JSON = "application/vnd.schemaregistry.v1+json";
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void kafkaTopicCarriesOneRecordFromProducerToConsumer() throws Exception {
        String topic = "local-services-it";
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerExtension.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        RecordMetadata written;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KafkaBrokerExtension.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new StringSerializer())) {
            written = producer.send(new ProducerRecord<>(topic, "key-1", "value-1"))
                    .get(30, TimeUnit.SECONDS);
        }
        assertThat(written.partition()).isZero();
        assertThat(written.offset()).isZero();

        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerExtension.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "local-services-it",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            Instant deadline = Instant.now().plus(DEADLINE);
            while (read.isEmpty() && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
        }
        assertThat(read).hasSize(1);
        assertThat(read.get(0).key()).isEqualTo("key-1");
        assertThat(read.get(0).value()).isEqualTo("value-1");
        assertThat(read.get(0).offset()).isZero();
    }

    @Test
    void registryStoresASchemaAndReturnsItById() throws Exception {
        String schema = "{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Row\\\",\\\"fields\\\":"
                + "[{\\\"name\\\":\\\"id\\\",\\\"type\\\":\\\"long\\\"}]}";
        HttpResponse<String> registered = http.send(
                HttpRequest.newBuilder(URI.create(
                                SchemaRegistryExtension.url() + "/subjects/local-services-it-value/versions"))
                        .header("Content-Type", SCHEMA_JSON)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"" + schema + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(registered.statusCode()).isEqualTo(200);
        String id = registered.body().replaceAll("[^0-9]", "");
        assertThat(registered.body()).isEqualTo("{\"id\":" + id + "}");

        HttpResponse<String> byId = http.send(
                HttpRequest.newBuilder(URI.create(SchemaRegistryExtension.url() + "/schemas/ids/" + id))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(byId.statusCode()).isEqualTo(200);
        assertThat(byId.body()).contains("\"schema\":\"" + schema + "\"");
    }

    @Test
    void registryRejectsABackwardIncompatibleSchema() throws Exception {
        String subject = SchemaRegistryExtension.url() + "/subjects/local-services-it-compat-value/versions";
        String first = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\",\\\"fields\\\":"
                + "[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"string\\\"}]}\"}";
        String incompatible = first.replace("string", "int");
        assertThat(post(subject, first).statusCode()).isEqualTo(200);

        HttpResponse<String> rejected = post(subject, incompatible);

        assertThat(rejected.statusCode()).isEqualTo(409);
        HttpResponse<String> config = http.send(
                HttpRequest.newBuilder(URI.create(SchemaRegistryExtension.url() + "/config"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(config.body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
    }

    @Test
    void clickHouseKeepsInsertedRowsAcrossARestart() {
        ClickHouseExtension.query("DROP TABLE IF EXISTS local_services_it");
        ClickHouseExtension.query("CREATE TABLE local_services_it (id UInt32, name String, tag LowCardinality(String))"
                + " ENGINE = MergeTree ORDER BY id");
        ClickHouseExtension.query("INSERT INTO local_services_it VALUES (2, 'two', 'b'), (1, 'one', 'a')");
        assertThat(ClickHouseExtension.query("SELECT id, name, tag FROM local_services_it ORDER BY id"))
                .isEqualTo("1\tone\ta\n2\ttwo\tb\n");
        ClickHouseServer server = ClickHouseExtension.server();
        int httpPort = server.httpPort();
        long pidBefore = server.pid();

        server.stop();
        assertThat(server.isRunning()).isFalse();
        assertThatThrownBy(() -> ClickHouseExtension.query("SELECT 1")).hasMessageContaining("ConnectException");
        server.start();

        assertThat(server.httpPort()).isEqualTo(httpPort);
        assertThat(server.pid()).isNotEqualTo(pidBefore);
        assertThat(ClickHouseExtension.query("SELECT id, name, tag FROM local_services_it ORDER BY id"))
                .isEqualTo("1\tone\ta\n2\ttwo\tb\n");
        assertThat(ClickHouseExtension.query("SELECT toString(toDateTime(86400))"))
                .isEqualTo("1970-01-02 00:00:00\n");
    }

    @Test
    void clickHouseQueryFailureCarriesTheServerMessage() {
        assertThatThrownBy(() -> ClickHouseExtension.query("SELECT * FROM no_such_table_here"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("Table default.no_such_table_here doesn't exist");
    }

    private HttpResponse<String> post(String uri, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(uri))
                        .header("Content-Type", SCHEMA_JSON)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
