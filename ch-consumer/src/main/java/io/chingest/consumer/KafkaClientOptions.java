package io.chingest.consumer;

import io.chingest.common.config.DurationConverter;
import io.chingest.common.config.InvalidOptionException;
import io.chingest.common.config.KafkaClientSettings;
import io.chingest.consumer.poll.ConsumerProperties;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the Kafka cluster is and how to talk to it.
 * Picocli mixin shared by the subcommands that reach Kafka; fields set by picocli, one instance per command, one thread.
 */
public final class KafkaClientOptions {

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            defaultValue = "127.0.0.1:9092",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(
            names = "--kafka-timeout",
            paramLabel = "DURATION",
            defaultValue = "15s",
            converter = DurationConverter.class,
            description =
                    "How long the start-up check may wait for a Kafka broker to answer and confirm the topic (default:"
                            + " ${DEFAULT-VALUE}); then the run fails with exit code 5, or a daemon 'run' tries again.")
    Duration timeout;

    @Option(
            names = "--consumer-property",
            paramLabel = "KEY=VALUE",
            split = KafkaClientSettings.ENTRY_SEPARATOR,
            splitSynopsisLabel = ";",
            description =
                    "Extra Kafka consumer setting; repeatable, or several in one value separated by ';' (as in the config"
                            + " file and CH_INGEST_CONSUMER_PROPERTY). Overrides --kafka-config. Its security.*, sasl.* and ssl.*"
                            + " settings apply to the dead-letter producer too.")
    Map<String, String> consumerProperties = new LinkedHashMap<>();

    @Option(
            names = KafkaClientSettings.KAFKA_CONFIG_OPTION,
            paramLabel = "FILE",
            description =
                    "Java properties file of Kafka client settings (TLS, SASL and their passwords), for the consumer"
                            + " and, for its security.*, sasl.* and ssl.* settings, the dead-letter producer.")
    String kafkaConfig;

    /**
     * The --kafka-config file's settings overridden by the --consumer-property entries.
     *
     * @throws InvalidOptionException when the file cannot be read or sets a key ch-consumer owns
     */
    Map<String, String> clientProperties() {
        return KafkaClientSettings.combine(
                kafkaConfig, "--consumer-property", consumerProperties, ConsumerProperties.RESERVED, "ch-consumer");
    }
}
