package io.chingest.consumer.insert;

import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.consumer.clickhouse.TableName;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Query ids: the same for every member, distinct per table and topic, and a prefix that matches one partition only. */
class InsertQueryIdsTest {

    @Test
    void everyMemberNamesARangeAlikeAndOtherTablesOrTopicsOtherwise() {
        InsertQueryIds ids = new InsertQueryIds(TableName.parse("db.t"), "orders");
        TopicPartition p3 = new TopicPartition("orders", 3);
        assertThat(ids.prefix(p3))
                .isEqualTo(new InsertQueryIds(TableName.parse("db.t"), "orders").prefix(p3))
                .matches("chingest-[0-9a-f]{8}-p3-")
                .isNotEqualTo(new InsertQueryIds(TableName.parse("db.u"), "orders").prefix(p3))
                .isNotEqualTo(new InsertQueryIds(TableName.parse("db.t"), "orders2").prefix(p3));
    }

    @Test
    void thePrefixOfOnePartitionIsNoPrefixOfAnother() {
        InsertQueryIds ids = new InsertQueryIds(TableName.parse("db.t"), "orders");
        assertThat(ids.prefix(new TopicPartition("orders", 31)))
                .doesNotStartWith(ids.prefix(new TopicPartition("orders", 3)));
        // No LIKE wildcard ('%', '_') can appear in an id.
        assertThat(ids.prefix(new TopicPartition("orders", 12)))
                .doesNotContain("_")
                .doesNotContain("%");
    }
}
