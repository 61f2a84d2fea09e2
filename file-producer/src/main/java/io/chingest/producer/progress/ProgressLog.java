package io.chingest.producer.progress;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the compacted progress topic with {@code isolation.level=read_committed}: only progress committed in the same
 * transaction as its rows counts. {@link #progressOf} reads the topic to its last stable offset each time, so it
 * sees whatever a transaction committed (or an {@code initTransactions} aborted) before the call; it keeps no record
 * but the one asked for. Not thread-safe: one thread.
 */
public final class ProgressLog implements ProgressReader, AutoCloseable {

    /**
     * Short, because the topic ends in a transaction marker: the poll that reaches it returns no record and waits out
     * its whole timeout while the position moves past the marker; at 200 ms that was most of the time a lookup took.
     */
    private static final Duration POLL = Duration.ofMillis(10);

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Duration timeout;
    private final List<TopicPartition> partitions;

    private ProgressLog(String topic, KafkaConsumer<byte[], byte[]> consumer, Duration timeout) {
        this.topic = topic;
        this.consumer = consumer;
        this.timeout = timeout;
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        this.partitions = infos.stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
    }

    /**
     * Creates the progress topic when it is missing (compacted, one partition, the cluster's replication factor) and
     * opens a reader of it.
     *
     * @param connection the Kafka connection and security settings (bootstrap.servers, security.*, ...)
     */
    public static ProgressLog open(String topic, Map<String, Object> connection, Duration timeout)
            throws InterruptedException {
        Properties admin = new Properties();
        connection.forEach((key, value) -> {
            if (org.apache.kafka.clients.admin.AdminClientConfig.configNames().contains(key)) {
                admin.put(key, value);
            }
        });
        admin.put(org.apache.kafka.clients.admin.AdminClientConfig.CLIENT_ID_CONFIG, "file-producer-progress");
        try (Admin client = Admin.create(admin)) {
            NewTopic newTopic = new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            client.createTopics(List.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(
                        "cannot create the progress topic '" + topic + "': "
                                + e.getCause().getMessage(),
                        e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "cannot create the progress topic '" + topic + "' within " + timeout.toMillis() + " ms", e);
        }
        Properties properties = new Properties();
        connection.forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key)) {
                properties.put(key, value);
            }
        });
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "file-producer-progress");
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new ProgressLog(
                topic,
                new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                timeout);
    }

    public String topic() {
        return topic;
    }

    @Override
    public FileProgress progressOf(byte[] key) {
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
        FileProgress found = FileProgress.NONE;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!end.isEmpty()) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                if (record.value() != null && Arrays.equals(record.key(), key)) {
                    found = FileProgress.fromJson(record.value());
                }
            }
            end.entrySet()
                    .removeIf(partition -> consumer.position(partition.getKey(), timeout) >= partition.getValue());
            if (!end.isEmpty() && System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("cannot read the progress topic '" + topic + "' to its end within "
                        + timeout.toMillis() + " ms");
            }
        }
        return found;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
