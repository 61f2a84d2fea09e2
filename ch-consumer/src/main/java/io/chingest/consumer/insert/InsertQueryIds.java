package io.chingest.consumer.insert;

import io.chingest.consumer.buffer.Batch;
import io.chingest.consumer.clickhouse.TableName;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.apache.kafka.common.TopicPartition;

/**
 * Query ids of inserts: {@code chingest-<tag>-p<partition>-<first>-<last>}, where the tag is a hash of table and topic.
 * Every member of the group names the insert of one offset range alike, so a running insert of a partition can be
 * found (and fenced) by any member, and ClickHouse refuses to run two inserts of the same range at once. The id uses
 * only letters, digits and '-', none of which is a LIKE wildcard. Immutable, thread-safe.
 */
public final class InsertQueryIds {
    private final String tag;

    public InsertQueryIds(TableName table, String topic) {
        CRC32 crc = new CRC32();
        crc.update((table + "\n" + topic).getBytes(StandardCharsets.UTF_8));
        this.tag = String.format("%08x", crc.getValue());
    }

    public String of(Batch batch) {
        return prefix(batch.partition()) + batch.firstOffset() + "-" + batch.lastOffset();
    }

    /** The start shared by the ids of every insert of the partition's records. */
    public String prefix(TopicPartition partition) {
        return "chingest-" + tag + "-p" + partition.partition() + "-";
    }
}
