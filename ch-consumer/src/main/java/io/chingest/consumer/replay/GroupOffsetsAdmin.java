package io.chingest.consumer.replay;

import io.chingest.common.config.ExitCodes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * What a replay asks Kafka's Admin API: the group's members, the topic's partitions with their log start, end and
 * committed offsets, offsets for a time, and the change of the committed offsets. Each call waits at most the timeout.
 * Not thread-safe: one per replay.
 */
final class GroupOffsetsAdmin {
    private final Admin admin;
    private final String group;
    private final String topic;
    private final Duration timeout;

    GroupOffsetsAdmin(Admin admin, String group, String topic, Duration timeout) {
        this.admin = admin;
        this.group = group;
        this.topic = topic;
        this.timeout = timeout;
    }

    /** The group's current members as "member id (client id, host[, instance id])"; empty when the group has none or does not exist. */
    List<String> members() {
        ConsumerGroupDescription description;
        try {
            description = await(
                    admin.describeConsumerGroups(List.of(group))
                            .describedGroups()
                            .get(group),
                    "describe group " + group);
        } catch (GroupIdNotFoundException e) {
            return List.of();
        }
        List<String> members = new ArrayList<>();
        for (MemberDescription member : description.members()) {
            members.add("member " + member.consumerId() + " (client id " + member.clientId() + ", host " + member.host()
                    + member.groupInstanceId().map(id -> ", instance id " + id).orElse("") + ")");
        }
        return members;
    }

    /** Every partition of the topic with its offsets, by partition number. */
    Map<Integer, PartitionOffsets> partitions() {
        TopicDescription description;
        try {
            description =
                    await(admin.describeTopics(List.of(topic)).topicNameValues().get(topic), "describe topic " + topic);
        } catch (UnknownTopicOrPartitionException e) {
            throw new ReplayRefusedException("topic " + topic + " does not exist", ExitCodes.INVALID_INPUT);
        }
        List<TopicPartition> partitions = description.partitions().stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, OffsetAndMetadata> committed = await(
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(),
                "read the committed offsets of group " + group);
        Map<Integer, PartitionOffsets> result = new TreeMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            result.put(
                    partition.partition(),
                    new PartitionOffsets(
                            partition.partition(),
                            starts.get(partition),
                            ends.get(partition),
                            offset == null ? OptionalLong.empty() : OptionalLong.of(offset.offset())));
        }
        return result;
    }

    /** The topic's id, which Kafka gives each incarnation of the topic anew. */
    String topicId() {
        return await(admin.describeTopics(List.of(topic)).topicNameValues().get(topic), "describe topic " + topic)
                .topicId()
                .toString();
    }

    /** Per partition, the earliest offset whose record's timestamp is at or after the time; absent where there is none. */
    Map<Integer, Long> offsetsAtOrAfter(Instant time, Iterable<Integer> partitions) {
        List<TopicPartition> all = new ArrayList<>();
        partitions.forEach(partition -> all.add(new TopicPartition(topic, partition)));
        Map<Integer, Long> found = new HashMap<>();
        offsets(all, OffsetSpec.forTimestamp(time.toEpochMilli())).forEach((partition, offset) -> {
            if (offset >= 0) {
                found.put(partition.partition(), offset);
            }
        });
        return found;
    }

    /** Sets the group's committed offsets of the moved partitions. */
    void commit(List<ReplayPlan.Move> moves) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ReplayPlan.Move move : moves) {
            offsets.put(new TopicPartition(topic, move.partition()), new OffsetAndMetadata(move.next()));
        }
        try {
            await(
                    admin.alterConsumerGroupOffsets(group, offsets).all(),
                    "change the committed offsets of group " + group);
        } catch (GroupNotEmptyException | UnknownMemberIdException e) {
            throw new ReplayRefusedException(
                    "group " + group + " got a member while the replay was prepared; nothing was changed"
                            + " (stop its consumers and run the replay again): " + e.getMessage(),
                    ExitCodes.GROUP_ACTIVE);
        }
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec));
        Map<TopicPartition, ListOffsetsResultInfo> answer =
                await(admin.listOffsets(request).all(), "list the offsets of topic " + topic);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        answer.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    /** The future's value; its failure's cause is rethrown when it is a Kafka error, so callers can tell them apart. */
    private <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                if (cause instanceof GroupIdNotFoundException
                        || cause instanceof UnknownTopicOrPartitionException
                        || cause instanceof GroupNotEmptyException
                        || cause instanceof UnknownMemberIdException) {
                    throw cause;
                }
                throw new KafkaUnavailableException("cannot " + what + ": " + cause.getMessage(), cause);
            }
            throw new KafkaUnavailableException("cannot " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException("cannot " + what + ": no answer from Kafka within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while trying to " + what, e);
        }
    }

    /** Kafka could not be asked; the message says what was being asked. */
    static final class KafkaUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KafkaUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
