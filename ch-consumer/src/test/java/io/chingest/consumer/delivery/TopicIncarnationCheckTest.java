package io.chingest.consumer.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chingest.consumer.clickhouse.ClickHouseUnavailableException;
import io.chingest.consumer.clickhouse.TableName;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The check around the decision, with a ledger and a topic in memory: what the consumer records, what replay leaves
 * alone, and that the table's offsets are given out only after the check passed, checked once.
 */
class TopicIncarnationCheckTest {
    private static final TableName TABLE = TableName.parse("db.trades");

    private final List<String> calls = new ArrayList<>();
    private final FakeLedger ledger = new FakeLedger();
    private String topicId = "new-id";
    private int idQuestions;

    private TopicIncarnationCheck check() {
        return new TopicIncarnationCheck(
                topic -> {
                    idQuestions++;
                    return topicId;
                },
                ledger,
                TABLE,
                "trades");
    }

    private TableOffsets checkedOffsets() {
        return new IncarnationCheckedOffsets(check(), new TableOffsets() {
            @Override
            public OptionalLong highestFrom(int partition, long from) {
                calls.add("highest p" + partition);
                return OptionalLong.of(99);
            }

            @Override
            public long rowsBetween(int partition, long first, long last) {
                calls.add("rows p" + partition);
                return 0;
            }
        });
    }

    @Test
    void aConsumerCreatesTheLedgerAndRecordsTheFirstIncarnation() {
        check().checkAndRecord();
        assertThat(ledger.created).isTrue();
        assertThat(ledger.entries).containsExactly("new-id");
    }

    @Test
    void theRecordedIncarnationIsNotRecordedAgain() {
        ledger.entries.add("new-id");
        ledger.rows = 500;
        check().checkAndRecord();
        assertThat(ledger.entries).containsExactly("new-id");
    }

    @Test
    void anEarlierIncarnationWithRowsIsRefusedAndNothingIsRecorded() {
        ledger.entries.add("old-id");
        ledger.rows = 500;
        assertThatThrownBy(() -> check().checkAndRecord())
                .isInstanceOf(IncarnationRefusedException.class)
                .hasMessageContaining("table db.trades holds 500 rows of an earlier incarnation of topic trades")
                .hasMessageContaining("old-id")
                .hasMessageContaining("new-id");
        assertThat(ledger.entries).containsExactly("old-id");
    }

    @Test
    void replayChecksWithoutCreatingOrRecordingAnything() {
        check().check();
        assertThat(ledger.created).isFalse();
        assertThat(ledger.entries).isEmpty();
        ledger.entries.add("old-id");
        ledger.rows = 1;
        assertThatThrownBy(() -> check().check()).isInstanceOf(IncarnationRefusedException.class);
    }

    @Test
    void theOffsetsAreCheckedOnceBeforeTheFirstQuestionAndThenAnswered() {
        TableOffsets offsets = checkedOffsets();
        assertThat(offsets.highestFrom(0, 0)).hasValue(99);
        assertThat(offsets.highestFrom(1, 0)).hasValue(99);
        assertThat(offsets.rowsBetween(1, 0, 9)).isZero();
        assertThat(idQuestions).isEqualTo(1);
        assertThat(ledger.entries).containsExactly("new-id");
        assertThat(calls).containsExactly("highest p0", "highest p1", "rows p1");
    }

    @Test
    void aRefusalIsFinalAndNoOffsetIsGivenOut() {
        ledger.entries.add("old-id");
        ledger.rows = 500;
        TableOffsets offsets = checkedOffsets();
        assertThatThrownBy(() -> offsets.highestFrom(0, 0)).isInstanceOf(IncarnationRefusedException.class);
        ledger.rows = 0;
        assertThatThrownBy(() -> offsets.highestFrom(1, 0)).isInstanceOf(IncarnationRefusedException.class);
        assertThat(idQuestions).isEqualTo(1);
        assertThat(calls).isEmpty();
    }

    @Test
    void aCheckThatCouldNotBeMadeIsMadeAgainAtTheNextQuestion() {
        ledger.unavailable = true;
        TableOffsets offsets = checkedOffsets();
        assertThatThrownBy(() -> offsets.highestFrom(0, 0)).isInstanceOf(ClickHouseUnavailableException.class);
        ledger.unavailable = false;
        assertThat(offsets.highestFrom(0, 0)).hasValue(99);
        assertThat(ledger.entries).containsExactly("new-id");
        assertThat(calls).containsExactly("highest p0");
    }

    /** The ledger entries of db.trades and topic trades, and the table's rows of the topic, in memory. */
    private static final class FakeLedger implements IncarnationLedger {
        final List<String> entries = new ArrayList<>();
        long rows;
        boolean created;
        boolean unavailable;

        @Override
        public String location() {
            return "db._chingest_topic_incarnations";
        }

        @Override
        public void createIfMissing() {
            if (unavailable) {
                throw new ClickHouseUnavailableException("ClickHouse down (test)", null);
            }
            created = true;
        }

        @Override
        public List<RecordedIncarnation> recorded() {
            return entries.stream()
                    .map(id -> new RecordedIncarnation(id, "2026-12-01 10:00:00"))
                    .toList();
        }

        @Override
        public void record(String topicId) {
            entries.add(topicId);
        }

        @Override
        public long rowsOfTopic() {
            return rows;
        }
    }
}
