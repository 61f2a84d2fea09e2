package io.chingest.consumer.delivery;

import java.util.List;

/**
 * The entries of one table and one topic in the ledger of topic incarnations, and how many rows of that topic the
 * table holds. Implementations are thread-safe.
 */
public interface IncarnationLedger {

    /** The ledger table's name, for messages. */
    String location();

    /**
     * Creates the ledger table when it is missing.
     *
     * @throws IncarnationRefusedException when it cannot be created (the message holds the statement to run by hand)
     * @throws io.chingest.consumer.clickhouse.ClickHouseUnavailableException when ClickHouse cannot be asked
     */
    void createIfMissing();

    /** The incarnations recorded for the table and topic, earliest first; empty when none is, or there is no ledger. */
    List<RecordedIncarnation> recorded();

    /** Records that the table's offsets of the topic belong to the incarnation of this topic id. */
    void record(String topicId);

    /** Rows of the topic in the table, whatever their partition and offset. */
    long rowsOfTopic();
}
