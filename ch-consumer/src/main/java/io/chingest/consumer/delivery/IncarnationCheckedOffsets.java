package io.chingest.consumer.delivery;

import io.chingest.consumer.clickhouse.ClickHouseConnection;
import io.chingest.consumer.clickhouse.TableName;
import java.util.OptionalLong;

/**
 * The table's offsets, given out only once {@link TopicIncarnationCheck} found them to be of the topic's current
 * incarnation (checked at the first question or the first insert, so a run whose table is created later or whose
 * ClickHouse answers later checks it then, and a table it creates gets its entry before its first row). A check that
 * could not be made is made again at the next question; a refusal is final. Thread-safe: recoveries of several
 * partitions run on several insert workers, one of them checks.
 */
public final class IncarnationCheckedOffsets implements TableOffsets {
    private final TopicIncarnationCheck check;
    private final TableOffsets offsets;
    private boolean checked;
    private IncarnationRefusedException refused;

    public IncarnationCheckedOffsets(TopicIncarnationCheck check, TableOffsets offsets) {
        this.check = check;
        this.offsets = offsets;
    }

    /** The offsets of the topic in a ClickHouse table, checked against the ledger in the table's database. */
    public static IncarnationCheckedOffsets inClickHouse(
            ClickHouseConnection clickHouse, TableName table, String topic, TopicIds topicIds) {
        return new IncarnationCheckedOffsets(
                new TopicIncarnationCheck(
                        topicIds, new ClickHouseIncarnationLedger(clickHouse, table, topic), table, topic),
                new ClickHouseTableOffsets(clickHouse, table, topic));
    }

    @Override
    public void checkIncarnation() {
        ensureChecked();
    }

    /** @throws IncarnationRefusedException when the table holds offsets of an earlier incarnation of the topic */
    @Override
    public OptionalLong highestFrom(int partition, long from) {
        ensureChecked();
        return offsets.highestFrom(partition, from);
    }

    /** @throws IncarnationRefusedException when the table holds offsets of an earlier incarnation of the topic */
    @Override
    public long rowsBetween(int partition, long first, long last) {
        ensureChecked();
        return offsets.rowsBetween(partition, first, last);
    }

    private synchronized void ensureChecked() {
        if (refused != null) {
            throw refused;
        }
        if (checked) {
            return;
        }
        try {
            check.checkAndRecord();
            checked = true;
        } catch (IncarnationRefusedException e) {
            refused = e;
            throw e;
        }
    }
}
