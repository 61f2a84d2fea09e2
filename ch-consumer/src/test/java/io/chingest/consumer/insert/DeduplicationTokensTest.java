package io.chingest.consumer.insert;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Tokens name the source range, the same for every member, and differ for every other range or topic. */
class DeduplicationTokensTest {

    @Test
    void aTokenIsTopicPartitionFirstAndLastOffset() {
        DeduplicationTokens tokens = new DeduplicationTokens("orders");
        assertThat(tokens.of(new TopicPartition("orders", 3), 100, 199)).isEqualTo("orders-3-100-199");
        assertThat(new DeduplicationTokens("sales.orders-2024").of(new TopicPartition("sales.orders-2024", 0), 0, 0))
                .isEqualTo("sales.orders-2024-0-0-0");
    }

    @Test
    void rangesThatReadAlikeFromTheLeftStillGetTheirOwnTokens() {
        // Topic "a-1" partition 2 and topic "a" partition 1: the last three numbers tell them apart.
        assertThat(new DeduplicationTokens("a-1").of(new TopicPartition("a-1", 2), 3, 4))
                .isNotEqualTo(new DeduplicationTokens("a").of(new TopicPartition("a", 1), 2, 3))
                .isNotEqualTo(new DeduplicationTokens("a").of(new TopicPartition("a", 12), 3, 4));
        DeduplicationTokens tokens = new DeduplicationTokens("t");
        assertThat(tokens.of(new TopicPartition("t", 1), 23, 40))
                .isNotEqualTo(tokens.of(new TopicPartition("t", 12), 3, 40));
    }
}
