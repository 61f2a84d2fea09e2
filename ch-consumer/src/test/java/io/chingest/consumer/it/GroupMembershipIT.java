package io.chingest.consumer.it;

import static io.chingest.consumer.it.IngestFixture.await;
import static io.chingest.consumer.it.IngestFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.testing.ClickHouseExtension;
import io.chingest.testing.KafkaBrokerExtension;
import io.chingest.testing.Poll;
import io.chingest.testing.SchemaRegistryExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Group membership against the real broker: a static member (--instance-id) stopped and restarted gets its partitions
 * back while the other member keeps its own, under both group protocols; the default protocol on a Kafka 4 broker is
 * the consumer protocol, whose incremental rebalances lose and repeat nothing; a run that stops at the end leaves at once.
 */
@ExtendWith({KafkaBrokerExtension.class, SchemaRegistryExtension.class, ClickHouseExtension.class})
class GroupMembershipIT {
    private static final int PARTITIONS = 4;
    /** Well under the 45 s session timeout, after which a member that did not leave would be removed anyway. */
    private static final Duration LEAVE_WAIT = Duration.ofSeconds(15);

    private final IngestFixture fixture = new IngestFixture();
    private final String topic = unique("trades");
    private final String group = unique("loader");
    private final String table = "default." + unique("trades");
    private final List<RunningConsumer> started = new ArrayList<>();
    private int schemaId;

    @AfterEach
    void stopEverything() {
        started.forEach(RunningConsumer::close);
        fixture.close();
    }

    private RunningConsumer start(String... args) {
        List<String> all =
                new ArrayList<>(List.of("--topic", topic, "--group", group, "--table", table, "--create-table"));
        all.addAll(List.of(args));
        RunningConsumer consumer = RunningConsumer.start(all.toArray(String[]::new));
        started.add(consumer);
        return consumer;
    }

    private ConsumerGroupDescription group() {
        try {
            return fixture.describeGroup(group);
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe group " + group, e);
        }
    }

    private Map<TopicPartition, Long> committed() {
        try {
            return fixture.committed(group);
        } catch (Exception e) {
            return Map.of();
        }
    }

    private Map<TopicPartition, Long> all(long offset) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            offsets.put(new TopicPartition(topic, partition), offset);
        }
        return offsets;
    }

    private Optional<Set<TopicPartition>> assignmentOf(String instanceId) {
        return group().members().stream()
                .filter(member -> member.groupInstanceId().equals(Optional.of(instanceId)))
                .findFirst()
                .map(member -> member.assignment().topicPartitions());
    }

    /** True once the group has this many members holding this many partitions each; false while it does not exist yet. */
    private boolean membersHold(int members, int partitionsEach) {
        ConsumerGroupDescription description;
        try {
            description = fixture.describeGroup(group);
        } catch (Exception e) {
            return false;
        }
        return description.members().size() == members
                && description.members().stream()
                        .allMatch(
                                member -> member.assignment().topicPartitions().size() == partitionsEach);
    }

    private void publish(long from, long to) throws Exception {
        fixture.publishTrades(topic, schemaId, PARTITIONS, from, to);
    }

    @Test
    void aStaticMemberRestartedUnderTheClassicProtocolGetsItsPartitionsBack() throws Exception {
        staticMemberRestartGetsItsPartitionsBack("classic", GroupType.CLASSIC);
    }

    @Test
    void aStaticMemberRestartedUnderTheConsumerProtocolGetsItsPartitionsBack() throws Exception {
        staticMemberRestartGetsItsPartitionsBack("consumer", GroupType.CONSUMER);
    }

    private void staticMemberRestartGetsItsPartitionsBack(String protocol, GroupType type) throws Exception {
        fixture.createTopic(topic, PARTITIONS);
        schemaId = fixture.registerTrades(topic);
        publish(0, 100);
        RunningConsumer a = start("--instance-id", "member-a", "--group-protocol", protocol);
        RunningConsumer b = start("--instance-id", "member-b", "--group-protocol", protocol);
        await(
                "two members with two partitions each, every offset committed",
                () -> membersHold(2, 2) && committed().equals(all(100)));
        assertThat(group().type()).isEqualTo(type);
        Set<TopicPartition> ofA = assignmentOf("member-a").orElseThrow();
        Set<TopicPartition> ofB = assignmentOf("member-b").orElseThrow();

        assertThat(a.stop()).isZero();
        // Stopped like SIGTERM stops it, a static member stays in the group: its partitions wait for it, nobody else
        // takes them.
        assertThat(assignmentOf("member-a"))
                .as("the stopped static member's partitions")
                .contains(ofA);
        publish(100, 150);
        await("the other member to ingest its own partitions' new records", () -> {
            Map<TopicPartition, Long> now = committed();
            return ofB.stream().allMatch(partition -> now.get(partition) == 150L);
        });
        Map<TopicPartition, Long> meanwhile = committed();
        ofA.forEach(partition -> assertThat(meanwhile.get(partition))
                .as("committed offset of %s while its member was away", partition)
                .isEqualTo(100L));
        assertThat(assignmentOf("member-b")).contains(ofB);

        RunningConsumer again = start("--instance-id", "member-a", "--group-protocol", protocol);
        await(
                "the restarted member to ingest its partitions' new records",
                () -> committed().equals(all(150)));
        assertThat(assignmentOf("member-a"))
                .as("the restarted member's partitions")
                .contains(ofA);
        assertThat(assignmentOf("member-b")).contains(ofB);

        assertThat(again.stop()).isZero();
        assertThat(b.stop()).isZero();
        IdCount.of(table, PARTITIONS, 150).assertExactlyOnce();
    }

    @Test
    void underTheDefaultProtocolMembersJoiningAndLeavingLoseAndRepeatNothing() throws Exception {
        fixture.createTopic(topic, PARTITIONS);
        schemaId = fixture.registerTrades(topic);
        publish(0, 100);
        RunningConsumer a = start();
        await("the first member to commit every offset", () -> committed().equals(all(100)));
        assertThat(group().type())
                .as("the protocol chosen by default on a Kafka 4 broker")
                .isEqualTo(GroupType.CONSUMER);

        RunningConsumer b = start();
        await("two members with two partitions each", () -> membersHold(2, 2));
        publish(100, 200);
        await("both members to commit every offset", () -> committed().equals(all(200)));

        assertThat(a.stop()).isZero();
        await("the remaining member to hold every partition", () -> membersHold(1, PARTITIONS));
        publish(200, 300);
        await("the remaining member to commit every offset", () -> committed().equals(all(300)));
        assertThat(b.stop()).isZero();
        IdCount.of(table, PARTITIONS, 300).assertExactlyOnce();
    }

    @Test
    void aStaticMemberThatStopsAtTheEndLeavesTheGroupAtOnce() throws Exception {
        fixture.createTopic(topic, PARTITIONS);
        schemaId = fixture.registerTrades(topic);
        publish(0, 30);
        for (String protocol : List.of("classic", "consumer")) {
            RunningConsumer once = start("--instance-id", "member-once", "--group-protocol", protocol, "--stop-at-end");
            assertThat(once.awaitExit()).isZero();
            Poll.until(
                    LEAVE_WAIT,
                    "the finished static member to leave group " + group + " (" + protocol + ")",
                    () -> group().members().isEmpty());
        }
        List<MemberDescription> left = List.copyOf(group().members());
        assertThat(left).isEmpty();
        assertThat(committed()).isEqualTo(all(30));
        IdCount.of(table, PARTITIONS, 30).assertExactlyOnce();
    }
}
