package io.chingest.producer.progress;

import java.nio.charset.StandardCharsets;
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
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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
 * transaction as its rows counts. {@link #progressOf} and {@link #lookup} read the topic to its last stable offset each
 * time, so they see whatever a transaction committed (or an {@code initTransactions} aborted) before the call; they
 * keep no record but the ones asked for. Not thread-safe: one thread.
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
        try (Admin client = Admin.create(adminProperties(connection, "file-producer-progress"))) {
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

    /** The connection's settings an Admin client knows, with its client id. */
    static Properties adminProperties(Map<String, Object> connection, String clientId) {
        Properties admin = new Properties();
        connection.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                admin.put(key, value);
            }
        });
        admin.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        return admin;
    }

    public String topic() {
        return topic;
    }

    @Override
    public FileProgress progressOf(byte[] key) {
        FileProgress[] found = {FileProgress.NONE};
        readToEnd(record -> {
            if (Arrays.equals(record.key(), key)) {
                found[0] = FileProgress.fromJson(record.value());
            }
        });
        return found[0];
    }

    /**
     * One read to the end, as {@link #progressOf}: only the values of the topic's keys ({@code <topic>/...}) are parsed,
     * and only the last matching record of each kind is kept.
     */
    @Override
    public ProgressLookup lookup(String topic, FileIdentity file, String fileName) {
        byte[] own = FileProgress.key(topic, file);
        byte[] ofTopic = (topic + "/").getBytes(StandardCharsets.UTF_8);
        byte[] name = writtenAsIs(fileName) ? fileName.getBytes(StandardCharsets.UTF_8) : null;
        FileProgress[] found = {FileProgress.NONE, null};
        readToEnd(record -> {
            if (Arrays.equals(record.key(), own)) {
                found[0] = FileProgress.fromJson(record.value());
            } else if (startsWith(record.key(), ofTopic) && (name == null || contains(record.value(), name))) {
                // parsing only the values that hold the name keeps a lookup near the cost of reading the topic
                FileProgress other = otherFile(record.value());
                if (other != null && other.prefix() != null && fileName.equals(other.fileName())) {
                    found[1] = other;
                }
            }
        });
        return new ProgressLookup(found[0], found[1]);
    }

    /** Another file's progress, or null when the value is not one this version can read: it concerns another file. */
    private static FileProgress otherFile(byte[] value) {
        try {
            return FileProgress.fromJson(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether JSON holds the name as its UTF-8 bytes, unescaped (Jackson escapes quotes, backslashes, controls). */
    private static boolean writtenAsIs(String name) {
        return name.chars().noneMatch(c -> c == '"' || c == '\\' || c < 0x20);
    }

    private static boolean contains(byte[] value, byte[] part) {
        outer:
        for (int start = 0; start <= value.length - part.length; start++) {
            for (int i = 0; i < part.length; i++) {
                if (value[start + i] != part[i]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean startsWith(byte[] key, byte[] start) {
        return key != null && key.length > start.length && Arrays.equals(key, 0, start.length, start, 0, start.length);
    }

    /** Hands each record with a value, from the beginning to the end offsets of the moment, to {@code visit}. */
    private void readToEnd(Consumer<ConsumerRecord<byte[], byte[]>> visit) {
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!end.isEmpty()) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                if (record.value() != null) {
                    visit.accept(record);
                }
            }
            end.entrySet()
                    .removeIf(partition -> consumer.position(partition.getKey(), timeout) >= partition.getValue());
            if (!end.isEmpty() && System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("cannot read the progress topic '" + topic + "' to its end within "
                        + timeout.toMillis() + " ms");
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
