package io.chingest.producer;

import io.chingest.common.registry.SchemaRegistryClient;
import io.chingest.common.wire.AvroWireDecoder;
import io.chingest.producer.progress.FileProgress;
import io.chingest.testing.KafkaBrokerExtension;
import io.chingest.testing.SchemaRegistryExtension;
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

    /**
     * Reads the committed records of a topic whose rows carry a long {@code id} from 1 to {@code rows}: how many ids
     * are missing, how many extra copies there are, and any id outside the range.
     */
    static RowIds rowIds(String topic, int rows) {
        AvroWireDecoder decoder = new AvroWireDecoder(new SchemaRegistryClient(SchemaRegistryExtension.url()));
        int[] seen = new int[rows + 1];
        List<Long> unexpected = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : of(topic)) {
            long id = (Long) decoder.decode(record.value()).get("id");
            if (id < 1 || id > rows) {
                unexpected.add(id);
            } else {
                seen[(int) id]++;
            }
        }
        long lost = 0;
        long duplicated = 0;
        for (int id = 1; id <= rows; id++) {
            lost += seen[id] == 0 ? 1 : 0;
            duplicated += Math.max(0, seen[id] - 1);
        }
        return new RowIds(lost, duplicated, unexpected);
    }

    /** What {@link #rowIds} found; all zero and empty when every row is there exactly once. */
    record RowIds(long lost, long duplicated, List<Long> unexpected) {
        static final RowIds EACH_ONCE = new RowIds(0, 0, List.of());
    }
}
