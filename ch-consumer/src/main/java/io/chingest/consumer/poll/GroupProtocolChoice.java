package io.chingest.consumer.poll;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Which Kafka consumer group protocol a run asks for: {@code classic} (JoinGroup/SyncGroup, client-side assignment),
 * {@code consumer} (KIP-848: the broker assigns, rebalances are incremental and take no group-wide pause), or
 * {@code auto}, the consumer protocol where the broker offers it and classic elsewhere. Immutable.
 */
public enum GroupProtocolChoice {
    CLASSIC,
    CONSUMER,
    AUTO;

    /** Consumer settings the KafkaConsumer (4.1) refuses under the consumer protocol: the broker governs them there. */
    public static final List<String> CLASSIC_ONLY_SETTINGS = List.of(
            ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
            ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
            ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG);
    /** Consumer settings the KafkaConsumer refuses under the classic protocol. */
    public static final List<String> CONSUMER_ONLY_SETTINGS = List.of(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG);

    /** The choice named (any case), or empty for a name that is none. */
    public static Optional<GroupProtocolChoice> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (GroupProtocolChoice choice : values()) {
            if (choice.name().equalsIgnoreCase(name.strip())) {
                return Optional.of(choice);
            }
        }
        return Optional.empty();
    }

    /** The name as the option takes it. */
    public String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
