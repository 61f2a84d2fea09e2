package io.chingest.producer;

import io.chingest.producer.progress.FileProgress;
import io.chingest.testing.KafkaBrokerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic of the test broker as ch-consumer will, with isolation.level=read_committed: every committed record
 * from the beginning to the last stable offset of each partition. Stateless.
 */
final class CommittedRecords {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private CommittedRecords() {}

    /** Every committed record of the topic, partition by partition in offset order. */
    static List<ConsumerRecord<byte[], byte[]>> of(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KafkaBrokerExtension.bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                        false,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, DEADLINE)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, DEADLINE));
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (!end.isEmpty()) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                end.entrySet().removeIf(partition -> consumer.position(partition.getKey()) >= partition.getValue());
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("topic " + topic + " not read to its end within " + DEADLINE);
                }
            }
        }
        return records;
    }

    /** The rows the progress topic of {@code topic} says are committed, from its last committed record; 0 without one. */
    static long rowsInProgress(String topic) {
        List<ConsumerRecord<byte[], byte[]>> progress = of(topic + ".progress");
        return progress.isEmpty()
                ? 0
                : FileProgress.fromJson(progress.get(progress.size() - 1).value())
                        .rows();
    }
}
