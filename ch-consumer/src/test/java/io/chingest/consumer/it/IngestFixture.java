package io.chingest.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.common.registry.SchemaRegistryClient;
import io.chingest.common.wire.AvroWireEncoder;
import io.chingest.consumer.deadletter.DeadLetterHeaders;
import io.chingest.testing.ClickHouseExtension;
import io.chingest.testing.KafkaBrokerExtension;
import io.chingest.testing.Poll;
import io.chingest.testing.SchemaRegistryExtension;
import io.chingest.testing.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What the consumer's integration tests do around it: topics, schema registration, publishing wire-format records
 * with a plain producer, reading end and committed offsets and dead letters, querying ClickHouse and waiting for conditions.
 * Not thread-safe: one per test.
 */
final class IngestFixture implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(90);
    static final Path CONSUMER_JAR = Path.of(System.getProperty("chingest.consumer.jar", "target/ch-consumer.jar"))
            .toAbsolutePath();
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final Admin admin;
    private final KafkaProducer<byte[], byte[]> producer;
    private final SchemaRegistryClient registry;

    IngestFixture() {
        Properties adminProperties = new Properties();
        adminProperties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerExtension.bootstrapServers());
        admin = Admin.create(adminProperties);
        Properties producerProperties = new Properties();
        producerProperties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerExtension.bootstrapServers());
        producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProperties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producerProperties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(producerProperties);
        registry = new SchemaRegistryClient(SchemaRegistryExtension.url());
    }

    /** A topic, group or table name not used before in this JVM. */
    static String unique(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() + "_" + NAMES.incrementAndGet();
    }

    void createTopic(String topic, int partitions) throws Exception {
        Topics.createServed(admin, topic, partitions);
    }

    /** The topic's id, which Kafka gives each incarnation of the topic anew. */
    String topicId(String topic) throws Exception {
        return admin.describeTopics(List.of(topic))
                .topicNameValues()
                .get(topic)
                .get()
                .topicId()
                .toString();
    }

    /** Deletes the topic and creates it again with the same name: a new incarnation, whose offsets start at 0 again. */
    void recreateTopic(String topic, int partitions) throws Exception {
        admin.deleteTopics(List.of(topic)).all().get();
        // The broker refuses to create a topic of the name while the deletion is still under way.
        Poll.until(WAIT, "topic " + topic + " to be created again after its deletion", () -> {
            try {
                Topics.createServed(admin, topic, partitions);
                return true;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    return false;
                }
                throw new IllegalStateException(e);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Registers the trade schema under the topic's value subject; returns its id. */
    int registerTrades(String topic) {
        return registry.register(SchemaRegistryClient.valueSubject(topic), Trades.SCHEMA);
    }

    /** Publishes trades with sequences [from, to) to each of the partitions, in order; offsets equal sequences on a new topic. */
    void publishTrades(String topic, int schemaId, int partitions, long from, long to) throws Exception {
        AvroWireEncoder encoder = new AvroWireEncoder(schemaId, Trades.SCHEMA);
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (int partition = 0; partition < partitions; partition++) {
            for (long seq = from; seq < to; seq++) {
                sent.add(producer.send(
                        new ProducerRecord<>(topic, partition, null, encoder.encode(Trades.record(partition, seq)))));
            }
        }
        for (Future<RecordMetadata> each : sent) {
            each.get();
        }
    }

    /** Publishes trades with sequences [from, to) to one partition, each with the given record timestamp. */
    void publishTradesAt(String topic, int schemaId, int partition, long from, long to, long timestampMillis)
            throws Exception {
        AvroWireEncoder encoder = new AvroWireEncoder(schemaId, Trades.SCHEMA);
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (long seq = from; seq < to; seq++) {
            sent.add(producer.send(new ProducerRecord<>(
                    topic, partition, timestampMillis, null, encoder.encode(Trades.record(partition, seq)))));
        }
        for (Future<RecordMetadata> each : sent) {
            each.get();
        }
    }

    /** The group as the broker describes it: members, their assignments, the protocol type. */
    ConsumerGroupDescription describeGroup(String group) throws ExecutionException, InterruptedException {
        return admin.describeConsumerGroups(List.of(group))
                .describedGroups()
                .get(group)
                .get();
    }

    /** Registers a record schema under the topic's value subject; returns its id. */
    int register(String topic, Schema schema) {
        return registry.register(SchemaRegistryClient.valueSubject(topic), schema);
    }

    void publishRaw(String topic, int partition, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, partition, null, value)).get();
    }

    /** Publishes the same value {@code count} times to one partition, waiting for all of them at the end. */
    void publishRaw(String topic, int partition, byte[] value, int count) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(producer.send(new ProducerRecord<>(topic, partition, null, value)));
        }
        for (Future<RecordMetadata> each : sent) {
            each.get();
        }
    }

    /** The records in a topic of one partition: its end offset. */
    long recordsIn(String topic) throws Exception {
        return endOffsets(topic, 1).get(new TopicPartition(topic, 0));
    }

    Map<TopicPartition, Long> endOffsets(String topic, int partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int partition = 0; partition < partitions; partition++) {
            latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    Map<TopicPartition, Long> committed(String group) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get();
        Map<TopicPartition, Long> committed = new HashMap<>();
        offsets.forEach((partition, offset) -> {
            if (offset != null) {
                committed.put(partition, offset.offset());
            }
        });
        return committed;
    }

    /** Reads the dead-letter topic's only partition until {@code expected} letters arrived; returns them by original offset. */
    List<ConsumerRecord<byte[], byte[]>> deadLetters(String topic, int expected) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerExtension.bootstrapServers());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(properties)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            reader.assign(List.of(partition));
            reader.seekToBeginning(List.of(partition));
            Instant deadline = Instant.now().plus(WAIT);
            while (records.size() < expected && Instant.now().isBefore(deadline)) {
                reader.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        Map<Long, ConsumerRecord<byte[], byte[]>> byOriginalOffset = new HashMap<>();
        records.forEach(
                record -> byOriginalOffset.put(Long.parseLong(header(record, DeadLetterHeaders.OFFSET)), record));
        assertThat(records).as("dead letters").hasSize(expected);
        return byOriginalOffset.keySet().stream()
                .sorted()
                .map(byOriginalOffset::get)
                .toList();
    }

    /** A header's value as text, or null. */
    static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static String query(String sql) {
        return ClickHouseExtension.query(sql);
    }

    /** Polls the condition until it holds or the wait is over. */
    static void await(String what, BooleanSupplier condition) {
        Poll.until(WAIT, what, condition);
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
