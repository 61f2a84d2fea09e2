package io.chingest.consumer.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.consumer.buffer.Batch;
import io.chingest.consumer.buffer.BufferLimits;
import io.chingest.consumer.buffer.PartitionBuffers;
import io.chingest.consumer.clickhouse.ClickHouseUnavailableException;
import io.chingest.consumer.clickhouse.NewColumn;
import io.chingest.consumer.clickhouse.TableName;
import io.chingest.consumer.insert.InsertFailedException;
import io.chingest.consumer.table.InsertColumns;
import io.chingest.consumer.table.TableColumn;
import io.chingest.consumer.table.TargetTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.avro.Schema;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The exactly-once rules on their own: when the fence runs, what is asked of the table, and what each answer means. */
class BatchDeliveryTest {
    private static final TopicPartition P2 = new TopicPartition("orders", 2);

    private final List<String> calls = new ArrayList<>();
    private boolean provenance = true;
    private long rowsInRange;
    private OptionalLong highest = OptionalLong.empty();
    private RuntimeException insertFailure;
    private RuntimeException highestFailure;

    private BatchDelivery delivery() {
        TargetTable table = new TargetTable() {
            @Override
            public TableName name() {
                return TableName.parse("db.t");
            }

            @Override
            public List<TableColumn> columnsFor(Schema writerSchema) {
                return List.of();
            }

            @Override
            public List<TableColumn> refresh() {
                return List.of();
            }

            @Override
            public boolean addColumn(NewColumn column) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<Boolean> hasProvenanceColumns() {
                return Optional.of(provenance);
            }

            @Override
            public void checkUnchanged(InsertColumns encodedFor) {}
        };
        TableOffsets offsets = new TableOffsets() {
            @Override
            public OptionalLong highestFrom(int partition, long from) {
                calls.add("highest p" + partition + " from " + from);
                if (highestFailure != null) {
                    throw highestFailure;
                }
                return highest;
            }

            @Override
            public long rowsBetween(int partition, long first, long last) {
                calls.add("rows p" + partition + " " + first + ".." + last);
                return rowsInRange;
            }
        };
        return new BatchDelivery(
                batch -> {
                    calls.add("insert " + batch.firstOffset() + ".." + batch.lastOffset());
                    if (insertFailure != null) {
                        throw insertFailure;
                    }
                },
                table,
                offsets,
                partition -> calls.add("fence " + partition));
    }

    private static Batch batch(long first, int rows) {
        PartitionBuffers buffers =
                new PartitionBuffers(new BufferLimits(1000, 1000, Duration.ofSeconds(5), 10_000), () -> 0L);
        for (int i = 0; i < rows; i++) {
            buffers.offer(P2, first + i, new byte[] {1}, 1, new InsertColumns(List.of(TableColumn.of("id", "UInt8"))));
        }
        buffers.sealAll();
        return buffers.take(P2);
    }

    @Test
    void aFirstAttemptIsSentWithoutAskingTheTable() {
        DeliveryOutcome outcome = delivery().insert(batch(10, 5), 7, false);
        assertThat(outcome)
                .isEqualTo(new DeliveryOutcome.Inserted(((DeliveryOutcome.Inserted) outcome).batch(), 7, false));
        assertThat(calls).containsExactly("insert 10..14");
    }

    @Test
    void aRetryFencesThenCountsTheRangeAndIsNotSentWhenTheTableHasItAll() {
        rowsInRange = 5;
        DeliveryOutcome outcome = delivery().insert(batch(10, 5), 7, true);
        assertThat(outcome)
                .isInstanceOfSatisfying(
                        DeliveryOutcome.Inserted.class,
                        inserted -> assertThat(inserted.alreadyInTable()).isTrue());
        assertThat(calls).containsExactly("fence orders-2", "rows p2 10..14");
    }

    @Test
    void aRetryIsSentWhenTheTableHasNoneOfIt() {
        DeliveryOutcome outcome = delivery().insert(batch(10, 5), 7, true);
        assertThat(outcome)
                .isInstanceOfSatisfying(
                        DeliveryOutcome.Inserted.class,
                        inserted -> assertThat(inserted.alreadyInTable()).isFalse());
        assertThat(calls).containsExactly("fence orders-2", "rows p2 10..14", "insert 10..14");
    }

    @Test
    void partOfARangeInTheTableIsAPermanentFailureNamingIt() {
        rowsInRange = 2;
        DeliveryOutcome outcome = delivery().insert(batch(10, 5), 7, true);
        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.InsertFailed.class, failed -> {
            assertThat(failed.permanent()).isTrue();
            assertThat(failed.message())
                    .isEqualTo(
                            "table db.t holds 2 of the 5 rows of orders-2 offsets 10..14 (5 rows, 5 bytes); an insert"
                                    + " is all or nothing, so the table was changed by something else");
        });
        assertThat(calls).doesNotContain("insert 10..14");
    }

    @Test
    void withoutProvenanceColumnsARetryIsSentUnchecked() {
        provenance = false;
        delivery().insert(batch(10, 5), 7, true);
        assertThat(calls).containsExactly("insert 10..14");
    }

    @Test
    void failuresComeBackAsOutcomesTransientOrPermanent() {
        insertFailure = new InsertFailedException("refused (test)", true, null);
        assertThat(delivery().insert(batch(0, 1), 1, false))
                .isInstanceOfSatisfying(
                        DeliveryOutcome.InsertFailed.class,
                        failed -> assertThat(failed.permanent()).isTrue());
        insertFailure = new ClickHouseUnavailableException("down (test)", null);
        assertThat(delivery().insert(batch(0, 1), 1, true))
                .isInstanceOfSatisfying(
                        DeliveryOutcome.InsertFailed.class,
                        failed -> assertThat(failed.permanent()).isFalse());
    }

    @Test
    void recoveryFencesThenReadsTheHighestOffsetFromTheCommittedOne() {
        highest = OptionalLong.of(41);
        assertThat(delivery().recover(P2, 3, 30)).isEqualTo(new DeliveryOutcome.Recovered(P2, 3, OptionalLong.of(41)));
        assertThat(calls).containsExactly("fence orders-2", "highest p2 from 30");
    }

    @Test
    void recoveryWithoutProvenanceColumnsFindsNothingAndAsksNothing() {
        provenance = false;
        assertThat(delivery().recover(P2, 3, 30)).isEqualTo(new DeliveryOutcome.Recovered(P2, 3, OptionalLong.empty()));
        assertThat(calls).isEmpty();
    }

    @Test
    void offsetsOfAnEarlierTopicIncarnationRefuseTheRecoveryForGood() {
        highestFailure = new IncarnationRefusedException("earlier incarnation (test)");
        assertThat(delivery().recover(P2, 3, 30))
                .isEqualTo(new DeliveryOutcome.RecoveryRefused(P2, 3, "earlier incarnation (test)"));
    }

    @Test
    void aTopicIdKafkaCannotTellYetFailsTheRecoveryForNow() {
        highestFailure = new KafkaException("no answer (test)");
        assertThat(delivery().recover(P2, 3, 30))
                .isEqualTo(new DeliveryOutcome.RecoveryFailed(
                        P2, 3, "reading the offsets of orders-2 in table db.t failed: no answer (test)"));
    }
}
