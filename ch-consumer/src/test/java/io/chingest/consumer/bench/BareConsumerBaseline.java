package io.chingest.consumer.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Baseline A, the ceiling for any consumer of the topic on this broker: a bare KafkaConsumer in a new group, with the
 * fetch bounds ch-consumer documents (1 MiB per partition, 8 MiB per fetch, 2000 records per poll), reading every
 * record to the end and doing nothing with it. Timed from its creation, so group join is included as it is for
 * ch-consumer. Stateless.
 */
final class BareConsumerBaseline {
    private BareConsumerBaseline() {}

    static Duration read(String bootstrapServers, String group, PrefilledTopic topic) {
        Map<String, Object> properties = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                "false",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                Integer.toString(1024 * 1024),
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG,
                Integer.toString(8 * 1024 * 1024),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                "2000",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        long read = 0;
        long bytes = 0;
        long start = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            consumer.subscribe(List.of(topic.topic()));
            while (read < topic.rows()) {
                ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(500));
                read += polled.count();
                for (var record : polled) {
                    bytes += record.value().length;
                }
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (read != topic.rows() || bytes != topic.avroBytes()) {
            throw new IllegalStateException(
                    "bare consumer of topic '" + topic.topic() + "' read " + read + " records of " + bytes
                            + " B, the topic holds " + topic.rows() + " of " + topic.avroBytes() + " B");
        }
        return elapsed;
    }
}
