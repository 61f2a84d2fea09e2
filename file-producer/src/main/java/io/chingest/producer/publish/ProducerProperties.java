package io.chingest.producer.publish;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Builds and checks the KafkaProducer configuration: every row must be acknowledged by all in-sync replicas exactly
 * once (acks=all, idempotence; the transactional.id is added per file), and the producer's memory is capped by
 * buffer.memory. Stateless.
 */
public final class ProducerProperties {

    public static final long DEFAULT_BUFFER_BYTES = 32L * 1024 * 1024;
    public static final String DEFAULT_COMPRESSION = "lz4";
    public static final List<String> COMPRESSION_TYPES = List.of("none", "gzip", "snappy", "lz4", "zstd");

    /** Properties set by their own option or fixed because the delivery promise depends on them, with the reason. */
    public static final Map<String, String> RESERVED = Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "set it with --bootstrap-servers",
            ProducerConfig.BUFFER_MEMORY_CONFIG, "set it with --producer-buffer-bytes",
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "set it with --compression",
            ProducerConfig.ACKS_CONFIG, "fixed to all: a row counts as sent only when all in-sync replicas have it",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "fixed to true: retries must not duplicate rows",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, "fixed: keys and values are bytes in the Confluent wire format",
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    "fixed: keys and values are bytes in the Confluent wire format",
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                    "set by file-producer: one per topic and file, so a restarted run" + " fences the one it replaces");

    private ProducerProperties() {}

    /**
     * @param extra further producer properties given by the user
     * @throws IllegalArgumentException naming the property that is unknown, reserved or invalid
     */
    public static Map<String, Object> of(
            String bootstrapServers, long bufferBytes, String compression, Map<String, String> extra) {
        if (!COMPRESSION_TYPES.contains(compression)) {
            throw new IllegalArgumentException(
                    "compression '" + compression + "' is not one of " + String.join(", ", COMPRESSION_TYPES));
        }
        Map<String, Object> properties = new HashMap<>();
        for (Map.Entry<String, String> property : extra.entrySet()) {
            String key = property.getKey();
            if (RESERVED.containsKey(key)) {
                throw new IllegalArgumentException(
                        "Kafka producer property '" + key + "' cannot be given: " + RESERVED.get(key));
            }
            if (!ProducerConfig.configNames().contains(key)) {
                throw new IllegalArgumentException("'" + key + "' is not a Kafka producer property");
            }
            properties.put(key, property.getValue());
        }
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.BUFFER_MEMORY_CONFIG, bufferBytes);
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "file-producer");
        try {
            new ProducerConfig(properties);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("invalid Kafka producer configuration: " + e.getMessage(), e);
        }
        return Map.copyOf(properties);
    }

    /** How long the producer may block waiting for metadata or buffer room (max.block.ms), for waits before sending. */
    public static Duration maxBlock(Map<String, Object> properties) {
        return Duration.ofMillis(new ProducerConfig(properties).getLong(ProducerConfig.MAX_BLOCK_MS_CONFIG));
    }
}
