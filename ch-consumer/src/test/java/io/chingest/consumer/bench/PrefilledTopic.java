package io.chingest.consumer.bench;

import io.chingest.common.registry.SchemaRegistryClient;
import io.chingest.common.wire.AvroWireEncoder;
import io.chingest.testing.Topics;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A new topic filled with the same rows in two forms before anything is measured: Confluent wire-format Avro records
 * on the topic (the same count on each partition, acknowledged by the broker) and a CSV file of the same rows for
 * clickhouse-client. Immutable once written.
 *
 * @param topic     the filled topic
 * @param rows      records on the topic, lines in the file
 * @param csv       the file
 * @param avroBytes wire-format bytes of all records
 * @param csvBytes  bytes of the file
 */
record PrefilledTopic(String topic, long rows, Path csv, long avroBytes, long csvBytes) {
    private static final int CSV_BUFFER = 1 << 20;

    /** Creates {@code topic} with {@code partitions} partitions and fills it with {@code perPartition} rows each. */
    static PrefilledTopic write(
            Admin admin,
            String bootstrapServers,
            String registryUrl,
            String topic,
            int partitions,
            long perPartition,
            BenchmarkRows shape,
            Path csv)
            throws Exception {
        Topics.createServed(admin, topic, partitions);
        int schemaId = new SchemaRegistryClient(registryUrl)
                .register(SchemaRegistryClient.valueSubject(topic), shape.schema());
        AvroWireEncoder encoder = new AvroWireEncoder(schemaId, shape.schema());
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        long avroBytes = 0;
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(bootstrapServers));
                BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder(512);
            for (long seq = 0; seq < perPartition; seq++) {
                for (int partition = 0; partition < partitions; partition++) {
                    long id = BenchmarkRows.id(partitions, partition, seq);
                    byte[] value = encoder.encode(shape.record(id, partition, seq));
                    avroBytes += value.length;
                    producer.send(new ProducerRecord<>(topic, partition, null, value), (metadata, error) -> {
                        if (error == null) {
                            acknowledged.incrementAndGet();
                        } else {
                            firstError.compareAndSet(null, error);
                        }
                    });
                    line.setLength(0);
                    shape.appendCsv(line, id, partition, seq);
                    out.append(line);
                }
            }
            producer.flush();
        }
        long rows = perPartition * partitions;
        if (acknowledged.get() != rows) {
            throw new IllegalStateException(
                    "filling topic '" + topic + "': " + acknowledged.get() + " of " + rows + " records acknowledged",
                    firstError.get());
        }
        PrefilledTopic filled = new PrefilledTopic(topic, rows, csv, avroBytes, Files.size(csv));
        System.out.printf(
                "filled topic %s with %d %s rows (%.0f B Avro, %.0f B CSV per row) in %.1f s%n",
                topic,
                rows,
                shape.name(),
                (double) avroBytes / rows,
                (double) filled.csvBytes / rows,
                Duration.ofNanos(System.nanoTime() - start).toMillis() / 1e3);
        return filled;
    }

    private static Map<String, Object> producerProperties(String bootstrapServers) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class.getName(),
                ProducerConfig.LINGER_MS_CONFIG,
                "20",
                ProducerConfig.BATCH_SIZE_CONFIG,
                Integer.toString(256 * 1024),
                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                "lz4");
    }
}
