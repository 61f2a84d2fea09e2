package io.chingest.consumer.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.junit.jupiter.api.Test;

/** Which protocol a run uses for each choice and broker answer, and the consumer settings it gets. */
class GroupMembershipTest {
    private static final GroupMembership AUTO = new GroupMembership(GroupProtocolChoice.AUTO, Optional.empty());
    private final AtomicInteger asked = new AtomicInteger();

    private Supplier<Optional<Boolean>> broker(Optional<Boolean> answer) {
        return () -> {
            asked.incrementAndGet();
            return answer;
        };
    }

    @Test
    void autoUsesTheConsumerProtocolWhereTheBrokerOffersIt() {
        GroupMembership.Resolved resolved = AUTO.resolve(Map.of(), broker(Optional.of(true)));
        assertThat(resolved.protocol()).isEqualTo(GroupProtocol.CONSUMER);
        assertThat(resolved.reason()).isEqualTo("the broker offers it: feature group.version >= 1");
    }

    @Test
    void autoFallsBackToClassicWhenTheBrokerLacksItOrCannotBeAsked() {
        assertThat(AUTO.resolve(Map.of(), broker(Optional.of(false))).protocol())
                .isEqualTo(GroupProtocol.CLASSIC);
        GroupMembership.Resolved unknown = AUTO.resolve(Map.of(), broker(Optional.empty()));
        assertThat(unknown.protocol()).isEqualTo(GroupProtocol.CLASSIC);
        assertThat(unknown.reason()).isEqualTo("the broker's features could not be read");
    }

    @Test
    void autoKeepsClassicForAClassicOnlySettingWithoutAskingTheBroker() {
        GroupMembership.Resolved resolved =
                AUTO.resolve(Map.of("session.timeout.ms", "10000"), broker(Optional.of(true)));
        assertThat(resolved.protocol()).isEqualTo(GroupProtocol.CLASSIC);
        assertThat(resolved.reason())
                .isEqualTo("--consumer-property session.timeout.ms is a setting of the classic protocol only");
        assertThat(asked).hasValue(0);
    }

    @Test
    void anExplicitChoiceIsUsedWithoutAskingTheBroker() {
        assertThat(new GroupMembership(GroupProtocolChoice.CLASSIC, Optional.empty())
                        .resolve(Map.of(), broker(Optional.of(true)))
                        .protocol())
                .isEqualTo(GroupProtocol.CLASSIC);
        assertThat(new GroupMembership(GroupProtocolChoice.CONSUMER, Optional.empty())
                        .resolve(Map.of(), broker(Optional.of(false)))
                        .protocol())
                .isEqualTo(GroupProtocol.CONSUMER);
        assertThat(asked).hasValue(0);
    }

    @Test
    void theConsumerGetsTheProtocolAndTheInstanceId() {
        Properties dynamic = ConsumerProperties.of("b:9092", "g", Map.of(), AUTO, GroupProtocol.CONSUMER);
        assertThat(dynamic.getProperty("group.protocol")).isEqualTo("consumer");
        assertThat(dynamic.getProperty("group.instance.id")).isNull();
        Properties fixed = ConsumerProperties.of(
                "b:9092",
                "g",
                Map.of(),
                new GroupMembership(GroupProtocolChoice.AUTO, Optional.of("m-1")),
                GroupProtocol.CLASSIC);
        assertThat(fixed.getProperty("group.protocol")).isEqualTo("classic");
        assertThat(fixed.getProperty("group.instance.id")).isEqualTo("m-1");
        assertThat(fixed.getProperty("group.id")).isEqualTo("g");
    }
}
