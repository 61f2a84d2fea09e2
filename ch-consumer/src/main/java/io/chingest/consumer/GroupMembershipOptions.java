package io.chingest.consumer;

import io.chingest.consumer.poll.GroupMembership;
import io.chingest.consumer.poll.GroupProtocolChoice;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import picocli.CommandLine.Option;

/**
 * How {@code run} is a member of its consumer group: static membership and the group protocol.
 * Picocli mixin; fields set by picocli, one instance per command, one thread.
 */
public final class GroupMembershipOptions {
    /** What Kafka accepts as a group.instance.id (JoinGroupRequest's rule). */
    private static final Pattern INSTANCE_ID = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    @Option(
            names = "--instance-id",
            paramLabel = "ID",
            description =
                    "Static group membership (Kafka group.instance.id), unique per member and kept across restarts: a member"
                            + " restarted within the session timeout gets its partitions back without a rebalance. Off by default.")
    String instanceId;

    @Option(
            names = "--group-protocol",
            paramLabel = "auto|consumer|classic",
            defaultValue = "auto",
            description =
                    "Consumer group protocol: consumer = KIP-848 (broker-side assignment, incremental rebalances; Kafka 4.0+"
                            + " brokers), classic = JoinGroup/SyncGroup, auto = consumer where the broker offers it, else classic"
                            + " (default: ${DEFAULT-VALUE}).")
    String groupProtocol;

    /**
     * Checks the options against each other and against the --consumer-property settings the chosen protocol refuses.
     *
     * @throws InvalidSettingException naming the option or setting at fault
     */
    static GroupMembership validated(String groupProtocol, String instanceId, Map<String, String> consumerProperties) {
        GroupProtocolChoice protocol = GroupProtocolChoice.parse(groupProtocol == null ? "auto" : groupProtocol)
                .orElseThrow(() -> new InvalidSettingException(
                        "--group-protocol must be auto, consumer or classic, was '" + groupProtocol + "'"));
        if (consumerProperties.containsKey(ConsumerConfig.GROUP_PROTOCOL_CONFIG)) {
            throw new InvalidSettingException(
                    "--consumer-property " + ConsumerConfig.GROUP_PROTOCOL_CONFIG + " is set by --group-protocol");
        }
        if (consumerProperties.containsKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)) {
            throw new InvalidSettingException(
                    "--consumer-property " + ConsumerConfig.GROUP_INSTANCE_ID_CONFIG + " is set by --instance-id");
        }
        if (protocol == GroupProtocolChoice.CONSUMER) {
            for (String key : GroupProtocolChoice.CLASSIC_ONLY_SETTINGS) {
                if (consumerProperties.containsKey(key)) {
                    throw new InvalidSettingException(
                            "--consumer-property " + key + " is not allowed with --group-protocol consumer (the"
                                    + " broker's group.consumer.* settings govern it); leave it out or use --group-protocol classic");
                }
            }
        }
        if (protocol == GroupProtocolChoice.CLASSIC) {
            for (String key : GroupProtocolChoice.CONSUMER_ONLY_SETTINGS) {
                if (consumerProperties.containsKey(key)) {
                    throw new InvalidSettingException(
                            "--consumer-property " + key + " needs --group-protocol consumer (or auto)");
                }
            }
        }
        Optional<String> id = Optional.empty();
        if (instanceId != null) {
            if (!INSTANCE_ID.matcher(instanceId).matches()) {
                throw new InvalidSettingException(
                        "--instance-id '" + instanceId + "' must be 1 to 249 letters, digits, '.', '_' or '-'");
            }
            id = Optional.of(instanceId);
        }
        return new GroupMembership(protocol, id);
    }
}
