package io.chingest.consumer.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.consumer.clickhouse.TableName;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** Which incarnation of a topic a table's offsets belong to, decided from the ledger, the topic id and the rows. */
class IncarnationDecisionTest {
    private static final TableName TABLE = TableName.parse("db.trades");
    private static final String LEDGER = "db._chingest_topic_incarnations";
    private static final String OLD = "kSpo3ZgwQuKmBTz7eqz0ZQ";
    private static final String NEW = "Xb1tSGZVTXiRZbb0yHvSfA";
    private static final RecordedIncarnation OLD_ENTRY = new RecordedIncarnation(OLD, "2026-12-01 10:00:00");
    private static final LongSupplier NOT_COUNTED = () -> {
        throw new AssertionError("the rows were counted");
    };

    private static IncarnationDecision decide(List<RecordedIncarnation> recorded, LongSupplier rows) {
        return IncarnationDecision.decide(TABLE, "trades", NEW, recorded, LEDGER, rows);
    }

    @Test
    void theRecordedIncarnationGoesOnWithoutCountingRows() {
        assertThat(decide(List.of(new RecordedIncarnation(NEW, "2026-12-01 10:00:00")), NOT_COUNTED))
                .isEqualTo(new IncarnationDecision.Same());
    }

    @Test
    void anIncarnationRecordedAfterAnEarlierOneGoesOn() {
        assertThat(decide(List.of(OLD_ENTRY, new RecordedIncarnation(NEW, "2026-12-02 10:00:00")), NOT_COUNTED))
                .isEqualTo(new IncarnationDecision.Same());
    }

    @Test
    void aTableWithoutRowsOfTheTopicRecordsTheCurrentIncarnation() {
        assertThat(decide(List.of(), () -> 0))
                .isEqualTo(new IncarnationDecision.RecordCurrent(
                        "recording in " + LEDGER + " that table db.trades holds topic trades of topic id " + NEW));
    }

    @Test
    void rowsWithoutAnEntryAreTakenAsTheCurrentIncarnationsAsAnEarlierVersionWroteThem() {
        assertThat(decide(List.of(), () -> 20_000))
                .isEqualTo(new IncarnationDecision.RecordCurrent("table db.trades holds 20000 rows of topic trades"
                        + " written before " + LEDGER + " existed: taking them as rows of the topic's current"
                        + " incarnation, topic id " + NEW + ", and recording it"));
    }

    @Test
    void rowsOfAnEarlierIncarnationAreRefusedNamingTableTopicBothIdsTheRowsAndWhatToDo() {
        assertThat(decide(List.of(OLD_ENTRY), () -> 20_000))
                .isEqualTo(new IncarnationDecision.Refuse("table db.trades holds 20000 rows of an earlier incarnation"
                        + " of topic trades (topic id " + OLD + ", first seen 2026-12-01 10:00:00), but the topic now"
                        + " has topic id " + NEW + ": it was deleted and created again and its offsets started again"
                        + " at 0, so the offsets in the table would skip records of the new topic; nothing was inserted or committed."
                        + " Delete those rows (ALTER TABLE db.trades DELETE WHERE _kafka_topic = 'trades', then wait"
                        + " until system.mutations shows it done) and run again, which records the new incarnation;"
                        + " or load the topic into another table"));
    }

    @Test
    void theRefusalNamesTheLatestOfSeveralEarlierIncarnations() {
        RecordedIncarnation later = new RecordedIncarnation("second", "2026-12-02 10:00:00");
        assertThat(decide(List.of(OLD_ENTRY, later), () -> 5))
                .isInstanceOfSatisfying(
                        IncarnationDecision.Refuse.class,
                        refuse -> assertThat(refuse.message())
                                .contains("(topic id second, first seen 2026-12-02 10:00:00)")
                                .doesNotContain(OLD));
    }

    @Test
    void afterTheEarlierIncarnationsRowsWereDeletedTheCurrentOneIsRecorded() {
        assertThat(decide(List.of(OLD_ENTRY), () -> 0))
                .isEqualTo(new IncarnationDecision.RecordCurrent("table db.trades holds no rows of topic trades of"
                        + " its earlier topic id " + OLD + ": recording in " + LEDGER + " that it now holds topic id "
                        + NEW));
    }

    @Test
    void theDeleteStatementQuotesTheTopic() {
        assertThat(IncarnationDecision.deleteSql(TableName.parse("db.my-table"), "it's"))
                .isEqualTo("ALTER TABLE db.`my-table` DELETE WHERE _kafka_topic = 'it\\'s'");
    }
}
