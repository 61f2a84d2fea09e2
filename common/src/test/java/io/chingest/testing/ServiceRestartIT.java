package io.chingest.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
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
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Kafka and the registry stop and start again on the same ports; Kafka keeps its data, the registry does not. */
@ExtendWith({KafkaBrokerExtension.class, SchemaRegistryExtension.class})
class ServiceRestartIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void kafkaKeepsItsRecordsAcrossARestartOnTheSamePort() throws Exception {
        String topic = "service-restart-it";
        String bootstrap = KafkaBrokerExtension.bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "before restart")).get(30, TimeUnit.SECONDS);
        }
        KafkaBroker broker = KafkaBrokerExtension.broker();
        long pidBefore = broker.pid();

        broker.stop();
        assertThat(broker.isRunning()).isFalse();
        assertThat(broker.pid()).isEqualTo(-1);
        assertThat(ProcessHandle.of(pidBefore).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(broker.start()).isTrue();

        assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
        assertThat(broker.start()).isFalse();
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG, "service-restart-it",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            Instant deadline = Instant.now().plus(DEADLINE);
            while (values.isEmpty() && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
            }
        }
        assertThat(values).containsExactly("before restart");
    }

    @Test
    void registryComesBackEmptyWithBackwardCompatibilityOnTheSamePort() {
        SchemaRegistry registry = SchemaRegistryExtension.registry();
        String url = SchemaRegistryExtension.url();
        String schema = "{\"schema\":\"{\\\"type\\\":\\\"string\\\"}\"}";
        assertThat(LoopbackHttp.send(
                                "POST",
                                URI.create(url + "/subjects/restart-it-value/versions"),
                                "application/vnd.schemaregistry.v1+json",
                                schema,
                                DEADLINE)
                        .statusCode())
                .isEqualTo(200);

        registry.stop();
        assertThat(registry.isRunning()).isFalse();
        registry.start();

        assertThat(registry.url()).isEqualTo(url);
        assertThat(LoopbackHttp.get(URI.create(url + "/subjects"), DEADLINE).body())
                .isEqualTo("[]");
        assertThat(LoopbackHttp.get(URI.create(url + "/config"), DEADLINE).body())
                .isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
    }
}
