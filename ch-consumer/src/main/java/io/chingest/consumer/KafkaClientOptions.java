package io.chingest.consumer;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the Kafka cluster is and how to talk to it.
 * Picocli mixin shared by the subcommands that reach Kafka; fields set by picocli, one instance per command, one thread.
 */
public final class KafkaClientOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", defaultValue = "127.0.0.1:9092",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--consumer-property", paramLabel = "KEY=VALUE",
            description = "Extra Kafka consumer setting; repeatable.")
    Map<String, String> consumerProperties = new LinkedHashMap<>();
}
