package io.chingest.consumer.poll;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The Kafka consumer's configuration: raw byte values, no auto-commit, earliest offsets for a new group, committed
 * transactions only, and fetch
 * sizes bounded so that Kafka's own buffering of fetched records stays bounded too. Stateless.
 */
public final class ConsumerProperties {
    /** Per-partition bytes one fetch may return: Kafka's default, named here because the memory bound depends on it. */
    static final int MAX_PARTITION_FETCH_BYTES = 1024 * 1024;
    /** Bytes one fetch response may hold across partitions. */
    static final int FETCH_MAX_BYTES = 8 * 1024 * 1024;

    static final int MAX_POLL_RECORDS = 2000;

    /** Settings the program owns; a --consumer-property may not change them. */
    public static final Set<String> RESERVED = Set.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            ConsumerConfig.GROUP_ID_CONFIG,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);

    /** Prefixes of client settings every Kafka client of the program needs alike: connection security. */
    private static final List<String> SHARED_PREFIXES = List.of("security.", "sasl.", "ssl.", "client.dns.lookup");

    private ConsumerProperties() {}

    /** The entries of {@code overrides} that the program's other Kafka clients (the dead-letter producer) take too. */
    public static Map<String, String> sharedClientSettings(Map<String, String> overrides) {
        Map<String, String> shared = new HashMap<>();
        overrides.forEach((key, value) -> {
            if (SHARED_PREFIXES.stream().anyMatch(key::startsWith)) {
                shared.put(key, value);
            }
        });
        return shared;
    }

    /** As {@link #of(String, String, Map)}, with the group protocol and static membership of {@code membership}. */
    public static Properties of(
            String bootstrapServers,
            String group,
            Map<String, String> overrides,
            GroupMembership membership,
            GroupProtocol protocol) {
        Properties properties = of(bootstrapServers, group, overrides);
        properties.putAll(membership.kafkaSettings(protocol));
        return properties;
    }

    public static Properties of(String bootstrapServers, String group, Map<String, String> overrides) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // file-producer publishes in transactions: rows of an aborted or unfinished one must never reach the table.
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(MAX_PARTITION_FETCH_BYTES));
        properties.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(FETCH_MAX_BYTES));
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(MAX_POLL_RECORDS));
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "ch-consumer-" + group);
        properties.putAll(overrides);
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return properties;
    }
}
