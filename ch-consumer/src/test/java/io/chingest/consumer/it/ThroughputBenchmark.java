package io.chingest.consumer.it;

import io.chingest.common.registry.SchemaRegistryClient;
import io.chingest.common.wire.AvroWireEncoder;
import io.chingest.consumer.metrics.ConsumerMetrics;
import io.chingest.consumer.poll.ConsumerProperties;
import io.chingest.testing.BenchmarkReport;
import io.chingest.testing.ClickHouseExtension;
import io.chingest.testing.KafkaBrokerExtension;
import io.chingest.testing.SchemaRegistryExtension;
import io.chingest.testing.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Measures ch-consumer's end-to-end rate (Kafka to ClickHouse rows per second, 16-column trade rows) against a baseline
 * measured in the same run on the same topic: a bare KafkaConsumer reading every record and doing nothing with it.
 * Not a test: {@code mvn -B -Pbenchmark -pl ch-consumer -am verify -DskipTests -Dbenchmark.records=N} runs it, or
 * {@code java -cp <test class path> io.chingest.consumer.it.ThroughputBenchmark [records]}.
 */
public final class ThroughputBenchmark {
    private static final int PARTITIONS = 4;

    private ThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long perPartition = (args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L) / PARTITIONS;
        long records = perPartition * PARTITIONS;
        String topic = IngestFixture.unique("bench");
        publish(topic, perPartition);

        Duration baseline = bareConsumerTime(topic, records);
        String table = "default." + IngestFixture.unique("bench");
        long start = System.nanoTime();
        ConsumerMetrics metrics;
        int exit;
        try (RunningConsumer consumer = RunningConsumer.start("--topic", topic, "--group", IngestFixture.unique("bench"),
                "--table", table, "--create-table", "--stop-at-end")) {
            metrics = consumer.metrics();
            exit = consumer.awaitExit();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        String count = ClickHouseExtension.query("SELECT count() FROM " + table + " FORMAT TabSeparated").strip();
        System.out.printf("records %d, exit %d, rows in ClickHouse %s, batches %d, RowBinary bytes %d%n", records, exit, count,
                metrics.batches(), metrics.bytesInserted());
        System.out.print(new BenchmarkReport("ch-consumer benchmark: " + records + " trade rows (16 columns) on a topic of "
                + PARTITIONS + " partitions")
                .baseline("bare KafkaConsumer reading every record", records, baseline)
                .measured("ch-consumer run: decode, encode, insert, commit", records, elapsed)
                .format());
        System.out.printf("JVM heap used now: %d MiB of max %d MiB%n",
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20, Runtime.getRuntime().maxMemory() >> 20);
        System.exit(0);
    }

    private static void publish(String topic, long perPartition) throws Exception {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerExtension.bootstrapServers());
        try (Admin client = Admin.create(admin)) {
            Topics.createServed(client, topic, PARTITIONS);
        }
        int schemaId = new SchemaRegistryClient(SchemaRegistryExtension.url()).register(SchemaRegistryClient.valueSubject(topic), Trades.SCHEMA);
        AvroWireEncoder encoder = new AvroWireEncoder(schemaId, Trades.SCHEMA);
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerExtension.bootstrapServers());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
            for (long seq = 0; seq < perPartition; seq++) {
                for (int partition = 0; partition < PARTITIONS; partition++) {
                    producer.send(new ProducerRecord<>(topic, partition, null, encoder.encode(Trades.record(partition, seq))));
                }
            }
            producer.flush();
        }
        System.out.printf("published %d records in %.1f s%n", perPartition * PARTITIONS, (System.nanoTime() - start) / 1e9);
    }

    private static Duration bareConsumerTime(String topic, long records) {
        Properties properties = ConsumerProperties.of(KafkaBrokerExtension.bootstrapServers(), IngestFixture.unique("bare"), Map.of());
        long read = 0;
        long start = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            consumer.subscribe(List.of(topic));
            while (read < records) {
                ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(500));
                read += polled.count();
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
