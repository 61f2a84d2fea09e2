package io.chingest.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chingest.consumer.poll.GroupMembership;
import io.chingest.consumer.poll.GroupProtocolChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** --instance-id and --group-protocol on run: defaults, accepted values, and the settings each protocol refuses. */
class GroupMembershipOptionsTest {
    private static final List<String> REQUIRED =
            List.of("--topic", "trades", "--group", "loader", "--table", "market.trades");

    private static GroupMembership membership(String... args) {
        List<String> all = new ArrayList<>(REQUIRED);
        all.addAll(List.of(args));
        RunCommand command = new RunCommand(false);
        new CommandLine(command).parseArgs(all.toArray(String[]::new));
        return command.options().validated().membership();
    }

    @Test
    void byDefaultTheProtocolIsChosenAutomaticallyAndMembershipIsDynamic() {
        assertThat(membership()).isEqualTo(new GroupMembership(GroupProtocolChoice.AUTO, Optional.empty()));
    }

    @Test
    void eachProtocolAndAnInstanceIdAreTaken() {
        assertThat(membership("--group-protocol", "CONSUMER", "--instance-id", "loader-1.a_b")
                        .protocol())
                .isEqualTo(GroupProtocolChoice.CONSUMER);
        assertThat(membership("--group-protocol", "classic").protocol()).isEqualTo(GroupProtocolChoice.CLASSIC);
        assertThat(membership("--instance-id", "loader-1.a_b").instanceId()).contains("loader-1.a_b");
        assertThat(membership("--instance-id", "x".repeat(249)).instanceId()).contains("x".repeat(249));
    }

    @Test
    void anUnknownProtocolIsRefused() {
        assertThatThrownBy(() -> membership("--group-protocol", "eager"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("--group-protocol must be auto, consumer or classic, was 'eager'");
    }

    @Test
    void anInstanceIdKafkaWouldRefuseIsRefused() {
        assertThatThrownBy(() -> membership("--instance-id", "host 1"))
                .hasMessage("--instance-id 'host 1' must be 1 to 249 letters, digits, '.', '_' or '-'");
        assertThatThrownBy(() -> membership("--instance-id", "")).hasMessageStartingWith("--instance-id '' must be");
        assertThatThrownBy(() -> membership("--instance-id", "x".repeat(250)))
                .hasMessageStartingWith("--instance-id 'xxx");
    }

    @Test
    void theMembershipSettingsCannotComeInThroughConsumerProperties() {
        assertThatThrownBy(() -> membership("--consumer-property", "group.protocol=consumer"))
                .hasMessage("--consumer-property group.protocol is set by --group-protocol");
        assertThatThrownBy(() -> membership("--consumer-property", "group.instance.id=a"))
                .hasMessage("--consumer-property group.instance.id is set by --instance-id");
    }

    @Test
    void theConsumerProtocolRefusesTheClassicOnlySettingsAndClassicTheConsumerOnlyOne() {
        for (String key : List.of("session.timeout.ms", "heartbeat.interval.ms", "partition.assignment.strategy")) {
            assertThatThrownBy(() -> membership("--group-protocol", "consumer", "--consumer-property", key + "=1"))
                    .hasMessage("--consumer-property " + key
                            + " is not allowed with --group-protocol consumer (the broker's"
                            + " group.consumer.* settings govern it); leave it out or use --group-protocol classic");
            assertThat(membership("--group-protocol", "auto", "--consumer-property", key + "=1")
                            .protocol())
                    .isEqualTo(GroupProtocolChoice.AUTO);
        }
        assertThatThrownBy(() -> membership(
                        "--group-protocol", "classic", "--consumer-property", "group.remote.assignor=uniform"))
                .hasMessage("--consumer-property group.remote.assignor needs --group-protocol consumer (or auto)");
    }
}
