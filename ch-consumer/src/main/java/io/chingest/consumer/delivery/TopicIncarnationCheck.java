package io.chingest.consumer.delivery;

import io.chingest.consumer.clickhouse.TableName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks, before a table's provenance offsets are used, that they belong to the topic's current incarnation, with
 * {@link IncarnationDecision}: asks Kafka for the topic id and the ledger for what it recorded. The consumer records
 * the current incarnation where the decision says so; {@code replay} only checks. Thread-safe.
 */
public final class TopicIncarnationCheck {
    private static final Logger LOG = LoggerFactory.getLogger(TopicIncarnationCheck.class);

    private final TopicIds topicIds;
    private final IncarnationLedger ledger;
    private final TableName table;
    private final String topic;

    public TopicIncarnationCheck(TopicIds topicIds, IncarnationLedger ledger, TableName table, String topic) {
        this.topicIds = topicIds;
        this.ledger = ledger;
        this.table = table;
        this.topic = topic;
    }

    /**
     * For a consumer that will write the table: creates the ledger when missing, checks, and records the current
     * incarnation where it is not yet.
     *
     * @throws IncarnationRefusedException when the table holds rows of an earlier incarnation
     */
    public void checkAndRecord() {
        ledger.createIfMissing();
        String currentId = topicIds.currentId(topic);
        IncarnationDecision decision = decide(currentId);
        if (decision instanceof IncarnationDecision.RecordCurrent recordCurrent) {
            ledger.record(currentId);
            LOG.info("{}", recordCurrent.reason());
        } else {
            LOG.info(
                    "table {} holds topic {} of topic id {}, as {} recorded",
                    table,
                    topic,
                    currentId,
                    ledger.location());
        }
    }

    /**
     * For a run that only reads the table's offsets: checks, writes nothing.
     *
     * @throws IncarnationRefusedException when the table holds rows of an earlier incarnation
     */
    public void check() {
        decide(topicIds.currentId(topic));
    }

    private IncarnationDecision decide(String currentId) {
        IncarnationDecision decision = IncarnationDecision.decide(
                table, topic, currentId, ledger.recorded(), ledger.location(), ledger::rowsOfTopic);
        if (decision instanceof IncarnationDecision.Refuse refuse) {
            throw new IncarnationRefusedException(refuse.message());
        }
        return decision;
    }
}
