package io.chingest.producer;

import io.chingest.common.config.ByteSizeConverter;
import io.chingest.common.config.DurationConverter;
import io.chingest.common.config.InvalidOptionException;
import io.chingest.common.config.KafkaClientSettings;
import io.chingest.common.config.OptionChecks;
import io.chingest.common.registry.RegistryAccess;
import io.chingest.common.registry.RegistryAccessOptions;
import io.chingest.common.registry.SchemaRegistryClient;
import io.chingest.common.security.KnownSecrets;
import io.chingest.common.security.SecretKeys;
import io.chingest.producer.publish.ProducerProperties;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options that say where and how to publish (picocli mixin of {@code send} and {@code watch}), checked into the
 * producer configuration and the registry URL. Its fields are set by picocli; one instance per command, one thread.
 */
public final class KafkaOptions {

    static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";
    static final long MIN_PRODUCER_BUFFER_BYTES = 1024;

    @Option(
            names = "--bootstrap-servers",
            defaultValue = DEFAULT_BOOTSTRAP_SERVERS,
            paramLabel = "HOST:PORT[,...]",
            description = "Kafka brokers to connect to first. Default: ${DEFAULT-VALUE}.")
    String bootstrapServers;

    @Option(
            names = "--schema-registry",
            defaultValue = SchemaRegistryClient.DEFAULT_URL,
            paramLabel = "URL",
            description = "Confluent-compatible schema registry base URL. Default: ${DEFAULT-VALUE}.")
    String schemaRegistry;

    @Option(
            names = "--compression",
            defaultValue = ProducerProperties.DEFAULT_COMPRESSION,
            paramLabel = "TYPE",
            description = "Compression of record batches: none, gzip, snappy, lz4 or zstd. Default: ${DEFAULT-VALUE}.")
    String compression;

    @Option(
            names = "--producer-buffer-bytes",
            defaultValue = "32MiB",
            paramLabel = "SIZE",
            converter = ByteSizeConverter.class,
            description =
                    "Memory bound of the Kafka producer (buffer.memory): rows wait for room while this much"
                            + " is unacknowledged. Sizes like 64MiB, 512KiB or bytes; at least 1KiB. Default: ${DEFAULT-VALUE}.")
    long producerBufferBytes;

    @Option(
            names = "--producer-property",
            paramLabel = "KEY=VALUE",
            split = KafkaClientSettings.ENTRY_SEPARATOR,
            splitSynopsisLabel = ";",
            description = "Further KafkaProducer property, repeatable (e.g. linger.ms=20, max.request.size=4194304,"
                    + " security.protocol=SSL), or several in one value separated by ';' (as in the config file and"
                    + " CH_INGEST_PRODUCER_PROPERTY). Overrides --kafka-config. acks, enable.idempotence and the"
                    + " serializers are fixed; bootstrap servers, buffer and compression have their own options.")
    Map<String, String> producerProperties = new LinkedHashMap<>();

    @Option(
            names = KafkaClientSettings.KAFKA_CONFIG_OPTION,
            paramLabel = "FILE",
            description = "Java properties file of Kafka producer settings (TLS, SASL and their passwords), for the"
                    + " producer and the admin and progress clients that check topics and read the progress topic.")
    String kafkaConfig;

    @Option(
            names = "--kafka-timeout",
            defaultValue = "15s",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long the start-up check may wait for a Kafka broker to answer and each topic to be"
                    + " served; then send fails with exit code 5 and watch tries again. Default: ${DEFAULT-VALUE}.")
    Duration kafkaTimeout;

    @Mixin
    RegistryAccessOptions registryAccess = new RegistryAccessOptions();

    /** @throws InvalidOptionException naming the option at fault */
    String registryUrl() {
        try {
            new SchemaRegistryClient(schemaRegistry);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException("--schema-registry", schemaRegistry, e.getMessage());
        }
        return schemaRegistry;
    }

    /** @throws InvalidOptionException naming the option at fault */
    Duration timeout() {
        return OptionChecks.positive("--kafka-timeout", kafkaTimeout);
    }

    /** @throws InvalidOptionException naming the option at fault */
    RegistryAccess registryAccess() {
        return registryAccess.access();
    }

    /** @throws InvalidOptionException naming the option at fault */
    Map<String, Object> producerConfig() {
        OptionChecks.hostPortList("--bootstrap-servers", bootstrapServers);
        if (producerBufferBytes < MIN_PRODUCER_BUFFER_BYTES) {
            throw new InvalidOptionException(
                    "--producer-buffer-bytes",
                    String.valueOf(producerBufferBytes),
                    "must be at least 1KiB (1024 bytes), was " + producerBufferBytes);
        }
        if (!ProducerProperties.COMPRESSION_TYPES.contains(compression)) {
            throw new InvalidOptionException(
                    "--compression",
                    compression,
                    "'" + compression + "' is not one of " + String.join(", ", ProducerProperties.COMPRESSION_TYPES));
        }
        Map<String, String> extra = KafkaClientSettings.combine(
                kafkaConfig,
                "--producer-property",
                producerProperties,
                ProducerProperties.RESERVED.keySet(),
                "file-producer");
        try {
            return ProducerProperties.of(bootstrapServers, producerBufferBytes, compression, extra);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(
                    kafkaConfig == null ? "--producer-property" : "--producer-property or --kafka-config",
                    SecretKeys.redacted(extra).toString(),
                    KnownSecrets.scrub(e.getMessage()));
        }
    }
}
