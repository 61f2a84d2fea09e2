package io.chingest.consumer.poll;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.GroupProtocol;

/**
 * How a run is a member of its consumer group: the group protocol asked for and, for static membership, the
 * member's {@code group.instance.id}. {@link #resolve} turns {@code auto} into the protocol to use. Immutable.
 */
public record GroupMembership(GroupProtocolChoice protocol, Optional<String> instanceId) {

    /** The protocol a run uses and why, for the one log line that says so. */
    public record Resolved(GroupProtocol protocol, String reason) {}

    /**
     * The protocol to use: the one asked for, or for {@code auto} the consumer protocol when {@code brokerOffersIt}
     * answers true and no classic-only setting is given, classic otherwise. {@code brokerOffersIt} answers empty when the
     * broker could not be asked; it is not called unless needed.
     */
    public Resolved resolve(Map<String, String> consumerProperties, Supplier<Optional<Boolean>> brokerOffersIt) {
        switch (protocol) {
            case CLASSIC:
                return new Resolved(GroupProtocol.CLASSIC, "--group-protocol classic");
            case CONSUMER:
                return new Resolved(GroupProtocol.CONSUMER, "--group-protocol consumer");
            default:
                break;
        }
        for (String key : GroupProtocolChoice.CLASSIC_ONLY_SETTINGS) {
            if (consumerProperties.containsKey(key)) {
                return new Resolved(
                        GroupProtocol.CLASSIC,
                        "--consumer-property " + key + " is a setting of the classic protocol only");
            }
        }
        Optional<Boolean> offered = brokerOffersIt.get();
        if (offered.isEmpty()) {
            return new Resolved(GroupProtocol.CLASSIC, "the broker's features could not be read");
        }
        return offered.get()
                ? new Resolved(GroupProtocol.CONSUMER, "the broker offers it: feature group.version >= 1")
                : new Resolved(GroupProtocol.CLASSIC, "the broker does not offer the consumer protocol (KIP-848)");
    }

    /** Kafka's settings for this membership under the resolved protocol. */
    Map<String, String> kafkaSettings(GroupProtocol resolved) {
        return instanceId
                .map(id -> Map.of(
                        "group.protocol", resolved.name().toLowerCase(java.util.Locale.ROOT), "group.instance.id", id))
                .orElseGet(() -> Map.of("group.protocol", resolved.name().toLowerCase(java.util.Locale.ROOT)));
    }
}
