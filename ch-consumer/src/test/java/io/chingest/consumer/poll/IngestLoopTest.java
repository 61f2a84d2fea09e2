package io.chingest.consumer.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chingest.common.availability.GrowingWaits;
import io.chingest.common.metrics.IngestMetrics;
import io.chingest.common.registry.RegistryUnavailableException;
import io.chingest.common.wire.AvroWireEncoder;
import io.chingest.common.wire.ConfluentWireFormat;
import io.chingest.common.wire.WireFormatException;
import io.chingest.consumer.buffer.Batch;
import io.chingest.consumer.buffer.BufferLimits;
import io.chingest.consumer.buffer.PartitionBuffers;
import io.chingest.consumer.buffer.RetryBackoff;
import io.chingest.consumer.buffer.Ticker;
import io.chingest.consumer.clickhouse.NewColumn;
import io.chingest.consumer.clickhouse.TableName;
import io.chingest.consumer.commit.OffsetCommitter;
import io.chingest.consumer.deadletter.BreakerLimits;
import io.chingest.consumer.deadletter.DeadLetterBreaker;
import io.chingest.consumer.deadletter.DeadLetterFailedException;
import io.chingest.consumer.deadletter.DeadLetterSink;
import io.chingest.consumer.delivery.BatchDelivery;
import io.chingest.consumer.delivery.DeliveryOutcome;
import io.chingest.consumer.delivery.IncarnationRefusedException;
import io.chingest.consumer.delivery.TableOffsets;
import io.chingest.consumer.encode.RecordRejectedException;
import io.chingest.consumer.encode.RecordRowEncoder;
import io.chingest.consumer.insert.BatchInserter;
import io.chingest.consumer.insert.InsertFailedException;
import io.chingest.consumer.insert.InsertWorkers;
import io.chingest.consumer.metrics.ConsumerMetrics;
import io.chingest.consumer.table.InsertColumns;
import io.chingest.consumer.table.TableColumn;
import io.chingest.consumer.table.TargetTable;
import io.chingest.testing.WirePayloadBody;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The polling loop against a mock consumer over an in-memory log, with real insert workers and the real exactly-once
 * rules over an in-memory table: what is inserted, what is committed and when, under insert failures (before and after
 * the table took the rows), commit time-outs, unavailable services, bad records, rebalances and stops.
 */
class IngestLoopTest {
    private static final String TOPIC = "events";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final Schema SCHEMA = new Schema.Parser()
            .parse("{\"type\": \"record\", \"name\": \"Event\", \"fields\": [{\"name\": \"id\", \"type\": \"long\"}]}");
    private static final AvroWireEncoder WIRE = new AvroWireEncoder(1, SCHEMA);

    private final LogBackedConsumer consumer = new LogBackedConsumer(List.of(P0, P1));
    private final InMemoryTable table = new InMemoryTable();
    private final ConsumerMetrics metrics = new ConsumerMetrics(IngestMetrics.newRegistry());
    private final List<InsertWorkers<DeliveryOutcome>> workers = new ArrayList<>();
    private int registryFailures;
    private int decodeCalls;
    private boolean stopAtEnd = true;
    private Duration shutdownTimeout = Duration.ofSeconds(5);
    private int inFlight = 2;
    private final RecordingDeadLetters recordingDeadLetters = new RecordingDeadLetters();
    private DeadLetterSink deadLetters;
    private BreakerLimits breakerLimits = BreakerLimits.DEFAULTS;
    private Duration unusableRegistry = LoopTimeouts.UNUSABLE_REGISTRY;

    @AfterEach
    void stopWorkers() {
        workers.forEach(InsertWorkers::close);
    }

    private IngestLoop loop(int maxRows, Duration maxWait) {
        InsertWorkers<DeliveryOutcome> pool = new InsertWorkers<>(inFlight);
        workers.add(pool);
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(5), Duration.ofMillis(20));
        PartitionBuffers buffers =
                new PartitionBuffers(new BufferLimits(maxRows, 1 << 20, maxWait, 1 << 22), Ticker.system());
        RecordRowEncoder encoder = new RecordRowEncoder(this::decode, table, 1 << 20, false, metrics);
        return new IngestLoop(
                consumer,
                TOPIC,
                encoder,
                buffers,
                pool,
                new BatchDelivery(table, table, table, partition -> table.fences++),
                new OffsetCommitter(consumer, Duration.ofSeconds(1)),
                metrics,
                Ticker.system(),
                backoff,
                new LoopTimeouts(shutdownTimeout, Duration.ofSeconds(2), unusableRegistry),
                stopAtEnd,
                deadLetters,
                new DeadLetterBreaker(breakerLimits),
                alwaysConnected());
    }

    private static KafkaLiveness alwaysConnected() {
        return new KafkaLiveness(
                "127.0.0.1:9092",
                Duration.ofSeconds(1),
                GrowingWaits.DEFAULT,
                Ticker.system(),
                () -> true,
                line -> {},
                line -> {},
                cause -> {});
    }

    private GenericRecord decode(byte[] payload) {
        decodeCalls++;
        if (registryFailures > 0) {
            registryFailures--;
            throw new RegistryUnavailableException("registry unavailable (test)", 503, -1, null);
        }
        ConfluentWireFormat.schemaIdOf(payload);
        try {
            return WirePayloadBody.read(SCHEMA, payload);
        } catch (IOException e) {
            throw new WireFormatException("truncated (test)", e);
        }
    }

    private static byte[] event(long id) {
        GenericRecord record = new GenericData.Record(SCHEMA);
        record.put("id", id);
        return WIRE.encode(record);
    }

    private void publish(TopicPartition partition, int count) {
        for (int i = 0; i < count; i++) {
            consumer.append(partition, event(partition.partition() * 1000L + i));
        }
    }

    private static List<Long> upTo(long end) {
        List<Long> offsets = new ArrayList<>();
        for (long offset = 0; offset < end; offset++) {
            offsets.add(offset);
        }
        return offsets;
    }

    @Test
    void insertsEveryRecordOnceInContiguousSinglePartitionBatchesAndCommitsTheEnd() {
        publish(P0, 10);
        publish(P1, 7);
        assertThat(loop(3, Duration.ofSeconds(30)).run()).isTrue();
        assertThat(table.offsets(P0)).isEqualTo(upTo(10));
        assertThat(table.offsets(P1)).isEqualTo(upTo(7));
        assertThat(table.inserted())
                .allSatisfy(batch -> assertThat(batch.rows()).isBetween(1, 3));
        assertThat(consumer.committedOffsets()).isEqualTo(Map.of(P0, 10L, P1, 7L));
        assertThat(metrics.records()).isEqualTo(17);
        assertThat(metrics.rowsInserted()).isEqualTo(17);
    }

    @Test
    void everyCommitFollowsTheInsertOfTheRowsItCovers() {
        publish(P0, 10);
        table.commitsSeen = consumer::committedOffsets;
        loop(4, Duration.ofSeconds(30)).run();
        // When a batch is inserted, the partition's committed offset is still its first offset: nothing is committed
        // ahead.
        List<Batch> inserted = table.inserted();
        assertThat(inserted).hasSize(3);
        for (int i = 0; i < inserted.size(); i++) {
            assertThat(table.committedAtInsert.get(i).getOrDefault(P0, 0L))
                    .isLessThanOrEqualTo(inserted.get(i).firstOffset());
        }
        // Every commit is the end of a batch inserted before it.
        assertThat(consumer.commits())
                .extracting(commit -> commit.get(P0))
                .isSorted()
                .isSubsetOf(4L, 8L, 10L)
                .endsWith(10L);
    }

    @Test
    void aFailedInsertCommitsNothingAndTheSameBatchIsTriedAgainUntilItSucceeds() {
        publish(P0, 6);
        publish(P1, 6);
        table.failuresLeft.put(P0, 3);
        table.commitsSeen = consumer::committedOffsets;
        assertThat(loop(4, Duration.ofSeconds(30)).run()).isTrue();

        List<Batch> attemptsOfFirst = table.attempts().stream()
                .filter(batch -> batch.partition().equals(P0) && batch.firstOffset() == 0)
                .toList();
        assertThat(attemptsOfFirst)
                .hasSize(4)
                .allSatisfy(batch -> assertThat(batch.lastOffset()).isEqualTo(3));
        assertThat(table.offsets(P0)).isEqualTo(upTo(6));
        assertThat(table.offsets(P1)).isEqualTo(upTo(6));
        assertThat(consumer.committedOffsets()).isEqualTo(Map.of(P0, 6L, P1, 6L));
        assertThat(metrics.insertFailures()).isEqualTo(3);
        // Each retry first asked the table whether the failed attempt had inserted the rows after all.
        assertThat(table.rangeChecks).isEqualTo(3);
        assertThat(table.fences).isGreaterThanOrEqualTo(3);
    }

    @Test
    void anInsertThatFailedAfterTheTableTookItsRowsIsNotSentAgain() {
        publish(P0, 8);
        table.failuresAfterWriting.put(P0, 1);
        assertThat(loop(4, Duration.ofSeconds(30)).run()).isTrue();
        assertThat(table.offsets(P0)).isEqualTo(upTo(8));
        assertThat(table.attempts()).hasSize(2);
        assertThat(consumer.committedOffsets()).isEqualTo(Map.of(P0, 8L));
        assertThat(metrics.rowsInserted()).isEqualTo(8);
        assertThat(metrics.batchesFoundInserted()).isEqualTo(1);
    }

    @Test
    void onATableWithoutProvenanceColumnsAFailedInsertIsSentAgainUnchecked() {
        table.provenance = false;
        publish(P0, 8);
        table.failuresAfterWriting.put(P0, 1);
        assertThat(loop(4, Duration.ofSeconds(30)).run()).isTrue();
        // At least once: the rows of the first batch are in the table twice.
        assertThat(table.offsets(P0)).containsExactly(0L, 1L, 2L, 3L, 0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(table.rangeChecks).isZero();
    }

    @Test
    void aPartitionResumesAfterTheHighestOffsetTheTableAlreadyHolds() {
        publish(P0, 10);
        publish(P1, 3);
        // An earlier owner inserted offsets 0..5 of P0 and died before committing them.
        table.preload(P0, 0, 5);
        assertThat(loop(100, Duration.ofSeconds(30)).run()).isTrue();
        assertThat(table.offsets(P0)).isEqualTo(upTo(10));
        assertThat(table.attempts())
                .filteredOn(batch -> batch.partition().equals(P0))
                .singleElement()
                .satisfies(batch -> assertThat(batch.firstOffset()).isEqualTo(6));
        assertThat(consumer.committedOffsets()).isEqualTo(Map.of(P0, 10L, P1, 3L));
        assertThat(metrics.records()).isEqualTo(4 + 3);
    }

    @Test
    void insertsOfTwoPartitionsRunAtTheSameTimeAndOnePartitionNeverHasTwo() throws Exception {
        publish(P0, 4);
        publish(P1, 4);
        // The first insert of each partition waits until the other's has started: only concurrent inserts get past it.
        CountDownLatch bothStarted = new CountDownLatch(2);
        table.beforeInsert = batch -> {
            if (batch.firstOffset() == 0) {
                bothStarted.countDown();
                await(bothStarted);
            }
        };
        assertThat(loop(2, Duration.ofSeconds(30)).run()).isTrue();
        assertThat(table.offsets(P0)).isEqualTo(upTo(4));
        assertThat(table.offsets(P1)).isEqualTo(upTo(4));
        assertThat(table.maxConcurrentOfOnePartition).isEqualTo(1);
        assertThat(table.maxConcurrent).isEqualTo(2);
    }

    @Test
    void aCommitThatTimesOutIsSentAgain() {
        publish(P0, 5);
        consumer.timeOutCommits(2);
        assertThat(loop(100, Duration.ofSeconds(30)).run()).isTrue();
        assertThat(table.offsets(P0)).isEqualTo(upTo(5));
        assertThat(consumer.committedOffsets()).isEqualTo(Map.of(P0, 5L));
    }

    @Test
    void aRecordWhoseSchemaCannotBeFetchedYetIsReadAgainLater() {
        publish(P0, 5);
        registryFailures = 2;
        assertThat(loop(100, Duration.ofSeconds(30)).run()).isTrue();
        assertThat(metrics.deferrals()).isEqualTo(2);
        assertThat(table.offsets(P0)).isEqualTo(upTo(5));
        assertThat(metrics.records()).isEqualTo(5);
        assertThat(consumer.committedOffsets()).isEqualTo(Map.of(P0, 5L));
    }

    @Test
    void afterOneRecordIsDeferredTheOtherPartitionsOfThatPollDoNotAskTheServiceAgain() {
        publish(P0, 5);
        publish(P1, 5);
        registryFailures = 1;
        assertThat(loop(100, Duration.ofSeconds(30)).run()).isTrue();
        assertThat(decodeCalls).isEqualTo(1 + 10);
        assertThat(metrics.deferrals()).isEqualTo(1);
        assertThat(table.offsets(P0)).isEqualTo(upTo(5));
        assertThat(table.offsets(P1)).isEqualTo(upTo(5));
    }

    @Test
    void withoutADeadLetterTopicABadRecordStopsTheLoopAfterInsertingAndCommittingTheRecordsBeforeIt() {
        deadLetters = null;
        publish(P0, 5);
        byte[] bad = event(5);
        bad[0] = 7;
        consumer.append(P0, bad);
        publish(P0, 3);
        IngestLoop loop = loop(2, Duration.ofSeconds(30));
        assertThatThrownBy(loop::run)
                .isInstanceOf(RecordRejectedException.class)
                .hasMessage("bad payload at topic events partition 0 offset 5: magic byte 0x07, expected 0x00");
        assertThat(table.offsets(P0)).isEqualTo(upTo(5));
        assertThat(consumer.committedOffsets()).containsEntry(P0, 5L);
    }

    @Test
    void aPoisonRecordGoesToTheDeadLettersAndThePartitionReadsOnPastIt() {
        deadLetters = recordingDeadLetters;
        publish(P0, 5);
        byte[] bad = event(5);
        bad[0] = 7;
        consumer.append(P0, bad);
        for (long id = 100; id < 103; id++) {
            consumer.append(P0, event(id));
        }
        assertThat(loop(2, Duration.ofSeconds(30)).run()).isTrue();
        assertThat(table.ids(P0)).containsExactly(0L, 1L, 2L, 3L, 4L, 100L, 101L, 102L);
        assertThat(recordingDeadLetters.written)
                .containsExactly("events-0@5: bad payload at topic events partition 0 offset 5: magic byte 0x07,"
                        + " expected 0x00");
        assertThat(consumer.committedOffsets()).containsEntry(P0, 9L);
        assertThat(metrics.deadLetters()).isEqualTo(1);
    }

    @Test
    void aDeadLetterThatCannotBeWrittenYetIsTriedAgainAndNothingPastItIsCommittedMeanwhile() {
        deadLetters = recordingDeadLetters;
        recordingDeadLetters.failuresLeft = 3;
        byte[] bad = event(0);
        bad[0] = 7;
        consumer.append(P0, bad);
        for (long id = 1; id < 4; id++) {
            consumer.append(P0, event(id));
        }
        recordingDeadLetters.commitsSeen = consumer::committedOffsets;
        assertThat(loop(100, Duration.ofSeconds(30)).run()).isTrue();
        assertThat(recordingDeadLetters.attempts).isEqualTo(4);
        assertThat(recordingDeadLetters.written).hasSize(1);
        assertThat(recordingDeadLetters.committedAtAttempt)
                .hasSize(4)
                .allSatisfy(committed -> assertThat(committed).doesNotContainKey(P0));
        assertThat(table.ids(P0)).containsExactly(1L, 2L, 3L);
        assertThat(consumer.committedOffsets()).containsEntry(P0, 4L);
    }

    @Test
    void aRunOfDeadLettersTripsTheBreakerAfterInsertingTheRowsBeforeItAndCommitsNothingFromItsFirst() {
        deadLetters = recordingDeadLetters;
        breakerLimits = new BreakerLimits(5, 0, BreakerLimits.WINDOW);
        publish(P0, 3);
        for (int i = 0; i < 10; i++) {
            byte[] bad = event(3 + i);
            bad[0] = 7;
            consumer.append(P0, bad);
        }
        IngestLoop loop = loop(2, Duration.ofSeconds(30));
        assertThatThrownBy(loop::run)
                .isInstanceOfSatisfying(
                        RunStoppedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RunStoppedException.Reason.TOO_MANY_DEAD_LETTERS))
                .hasMessageStartingWith("5 records in a row of topic events partition 0 (offsets 3 to 7) failed")
                .hasMessageContaining("nothing from offset 3 on is committed")
                .hasMessageContaining("bad payload: magic byte 0x07, expected 0x00 (5 records, first at topic events"
                        + " partition 0 offset 3)");
        assertThat(table.offsets(P0)).isEqualTo(upTo(3));
        assertThat(consumer.committedOffsets()).containsEntry(P0, 3L);
        assertThat(recordingDeadLetters.written).hasSize(4);
    }

    @Test
    void deadLettersInARowAtTheEndOfAPartitionAreCommittedOnceItIsReadToItsEnd() {
        deadLetters = recordingDeadLetters;
        publish(P0, 3);
        for (int i = 0; i < 2; i++) {
            byte[] bad = event(3 + i);
            bad[0] = 7;
            consumer.append(P0, bad);
        }
        assertThat(loop(2, Duration.ofSeconds(30)).run()).isTrue();
        assertThat(recordingDeadLetters.written).hasSize(2);
        assertThat(consumer.committedOffsets()).containsEntry(P0, 5L);
    }

    @Test
    void withStopAtEndARegistryThatStaysUnusableStopsTheRunWithoutReadingOnOrDeadLettering() {
        deadLetters = recordingDeadLetters;
        unusableRegistry = Duration.ofMillis(300);
        publish(P0, 5);
        registryFailures = Integer.MAX_VALUE;
        IngestLoop loop = loop(100, Duration.ofSeconds(30));
        assertThatThrownBy(loop::run)
                .isInstanceOfSatisfying(
                        RunStoppedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RunStoppedException.Reason.SERVICE_UNAVAILABLE))
                .hasMessageStartingWith("the schema registry stayed unusable for more than 300 ms, stopping"
                        + " (--stop-at-end) without reading on: schema registry unavailable while decoding topic events"
                        + " partition 0 offset 0: registry unavailable (test)");
        assertThat(recordingDeadLetters.written).isEmpty();
        assertThat(table.offsets(P0)).isEmpty();
        assertThat(consumer.committedOffsets()).doesNotContainKey(P0);
    }

    @Test
    void aTableThatRefusesABatchTwiceStopsTheRunAfterReadingTheTableAgain() {
        publish(P0, 4);
        publish(P1, 4);
        table.permanentFailuresLeft.put(P1, 2);
        IngestLoop loop = loop(4, Duration.ofSeconds(30));
        assertThatThrownBy(loop::run)
                .isInstanceOf(RunStoppedException.class)
                .hasMessageContaining("table db.events refused it (test)")
                .extracting(e -> ((RunStoppedException) e).reason())
                .isEqualTo(RunStoppedException.Reason.TABLE_REFUSED);
        assertThat(table.attempts())
                .filteredOn(batch -> batch.partition().equals(P1))
                .hasSize(2);
        assertThat(table.offsets(P1)).isEmpty();
        assertThat(consumer.committedOffsets()).doesNotContainKey(P1);
    }

    @Test
    void aTableHoldingOffsetsOfAnEarlierIncarnationOfTheTopicStopsTheRunBeforeAnythingIsInserted() {
        publish(P0, 4);
        publish(P1, 4);
        table.preload(P0, 0, 9);
        table.incarnationRefusal = "table db.events holds 10 rows of an earlier incarnation of topic events (test)";
        IngestLoop loop = loop(4, Duration.ofSeconds(30));
        assertThatThrownBy(loop::run)
                .isInstanceOf(RunStoppedException.class)
                .hasMessage("table db.events holds 10 rows of an earlier incarnation of topic events (test)")
                .extracting(e -> ((RunStoppedException) e).reason())
                .isEqualTo(RunStoppedException.Reason.TABLE_REFUSED);
        assertThat(table.attempts()).isEmpty();
        assertThat(consumer.committedOffsets()).isEmpty();
    }

    @Test
    void revokedPartitionsAreInsertedAndCommittedBeforeTheyGo() {
        stopAtEnd = false;
        publish(P0, 4);
        publish(P1, 4);
        IngestLoop loop = loop(100, Duration.ofSeconds(30));
        // Once both partitions are read into buffers that would wait 30 s, P1 moves to another member.
        consumer.beforeThePollWhen(() -> metrics.records() == 8, () -> {
            assertThat(table.attempts()).isEmpty();
            consumer.rebalance(List.of(P0));
        });
        consumer.beforeThePollWhen(() -> consumer.committedOffsets().containsKey(P1), loop::requestStop);
        assertThat(loop.run()).isTrue();
        assertThat(table.inserted().get(0).partition()).isEqualTo(P1);
        assertThat(table.offsets(P1)).isEqualTo(upTo(4));
        assertThat(consumer.commits().get(0)).isEqualTo(Map.of(P1, 4L));
        assertThat(table.offsets(P0)).isEqualTo(upTo(4));
        assertThat(consumer.committedOffsets()).isEqualTo(Map.of(P0, 4L, P1, 4L));
    }

    @Test
    void aRevokedPartitionWhoseInsertKeepsFailingIsHandedOverUncommittedWithinTheRevokeTimeout() {
        publish(P0, 4);
        publish(P1, 4);
        table.failuresLeft.put(P1, Integer.MAX_VALUE);
        consumer.beforeThePollWhen(() -> metrics.records() == 8, () -> consumer.rebalance(List.of(P0)));
        long start = System.nanoTime();
        assertThat(loop(100, Duration.ofSeconds(30)).run()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(table.offsets(P1)).isEmpty();
        assertThat(consumer.committedOffsets()).isEqualTo(Map.of(P0, 4L));
    }

    @Test
    void stopAtEndEndsAtTheEndOffsetsSeenAtStartUpWhileMoreRecordsArrive() {
        publish(P0, 5);
        publish(P1, 5);
        for (int i = 0; i < 20; i++) {
            consumer.beforeAPoll(() -> {
                publish(P0, 1);
                publish(P1, 1);
            });
        }
        assertThat(loop(100, Duration.ofSeconds(30)).run()).isTrue();
        assertThat(table.offsets(P0)).isEqualTo(upTo(5));
        assertThat(table.offsets(P1)).isEqualTo(upTo(5));
        assertThat(consumer.committedOffsets()).isEqualTo(Map.of(P0, 5L, P1, 5L));
    }

    @Test
    void stopAtEndOnATopicThatDoesNotExistIsAnError() {
        IngestLoop loop = new IngestLoop(
                consumer,
                "nope",
                new RecordRowEncoder(this::decode, table, 1 << 20, false, metrics),
                new PartitionBuffers(new BufferLimits(10, 1 << 20, Duration.ofSeconds(1), 1 << 22), Ticker.system()),
                new InsertWorkers<>(1),
                new BatchDelivery(table, table, table, partition -> {}),
                new OffsetCommitter(consumer, Duration.ofSeconds(1)),
                metrics,
                Ticker.system(),
                new RetryBackoff(Duration.ofMillis(5), Duration.ofMillis(20)),
                new LoopTimeouts(shutdownTimeout, Duration.ofSeconds(1)),
                true,
                null,
                new DeadLetterBreaker(BreakerLimits.DEFAULTS),
                alwaysConnected());
        assertThatThrownBy(loop::run).isInstanceOf(RunStoppedException.class).hasMessage("topic nope does not exist");
    }

    @Test
    void aStopRequestInsertsAndCommitsWhatIsBuffered() {
        stopAtEnd = false;
        publish(P0, 3);
        IngestLoop loop = loop(100, Duration.ofSeconds(30));
        consumer.beforeThePollWhen(() -> metrics.records() == 3, loop::requestStop);
        assertThat(loop.run()).isTrue();
        assertThat(table.offsets(P0)).isEqualTo(upTo(3));
        assertThat(consumer.committedOffsets()).isEqualTo(Map.of(P0, 3L));
    }

    @Test
    void aStopWhileClickHouseIsDownGivesUpAfterTheShutdownTimeoutWithoutCommitting() {
        stopAtEnd = false;
        shutdownTimeout = Duration.ofMillis(300);
        publish(P0, 3);
        table.failuresLeft.put(P0, Integer.MAX_VALUE);
        IngestLoop loop = loop(100, Duration.ofSeconds(30));
        long[] failuresAtStop = {-1};
        consumer.beforeThePollWhen(() -> metrics.records() == 3, () -> {
            failuresAtStop[0] = metrics.insertFailures();
            loop.requestStop();
        });
        assertThat(loop.run()).isFalse();
        // It went on retrying after the stop request, until the shutdown timeout, and then gave up.
        assertThat(failuresAtStop[0]).isNotNegative();
        assertThat(metrics.insertFailures()).isGreaterThan(failuresAtStop[0]);
        assertThat(consumer.commits()).isEmpty();
    }

    /**
     * Dead letters kept in memory, acknowledged (or failed) by flush; the first flushes of a letter can be made to fail.
     * Used by the polling thread only.
     */
    private static final class RecordingDeadLetters implements DeadLetterSink {
        final List<String> written = new ArrayList<>();
        final List<Map<TopicPartition, Long>> committedAtAttempt = new ArrayList<>();
        java.util.function.Supplier<Map<TopicPartition, Long>> commitsSeen = Map::of;
        int failuresLeft;
        int attempts;
        private final List<ConsumerRecord<byte[], byte[]>> pending = new ArrayList<>();
        private final Map<ConsumerRecord<byte[], byte[]>, RecordRejectedException> reasons = new HashMap<>();

        @Override
        public void send(ConsumerRecord<byte[], byte[]> record, RecordRejectedException reason) {
            pending.add(record);
            reasons.put(record, reason);
        }

        @Override
        public List<DeadLetterFailedException> flush() {
            List<DeadLetterFailedException> failed = new ArrayList<>();
            List<ConsumerRecord<byte[], byte[]>> kept = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : pending) {
                attempts++;
                committedAtAttempt.add(new HashMap<>(commitsSeen.get()));
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (failuresLeft > 0) {
                    failuresLeft--;
                    kept.add(record);
                    failed.add(new DeadLetterFailedException(
                            "Kafka unavailable (test)", partition, record.offset(), null));
                    continue;
                }
                written.add(record.topic() + "-" + record.partition() + "@" + record.offset() + ": "
                        + reasons.get(record).getMessage());
            }
            pending.clear();
            pending.addAll(kept);
            return failed;
        }

        @Override
        public Map<TopicPartition, Long> unacknowledged() {
            Map<TopicPartition, Long> lowest = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : pending) {
                lowest.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
            }
            return lowest;
        }

        @Override
        public String topic() {
            return "events.dlq";
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The target table, its inserter and its offsets in one in-memory model: inserted batches are the table's rows, so
     * the exactly-once rules read back exactly what was inserted. Chosen partitions fail a number of times, before or
     * after the rows are in; concurrency is recorded. Thread-safe: insert workers call it.
     */
    private static final class InMemoryTable implements TargetTable, BatchInserter, TableOffsets {
        private final List<Batch> attempts = new ArrayList<>();
        private final List<Batch> inserted = new ArrayList<>();
        private final Map<TopicPartition, List<Long>> rows = new HashMap<>();
        private final Map<TopicPartition, List<Long>> ids = new HashMap<>();
        private final Map<TopicPartition, Integer> running = new HashMap<>();
        final List<Map<TopicPartition, Long>> committedAtInsert = new ArrayList<>();
        final Map<TopicPartition, Integer> failuresLeft = new HashMap<>();
        final Map<TopicPartition, Integer> failuresAfterWriting = new HashMap<>();
        final Map<TopicPartition, Integer> permanentFailuresLeft = new HashMap<>();
        volatile java.util.function.Supplier<Map<TopicPartition, Long>> commitsSeen = Map::of;
        volatile java.util.function.Consumer<Batch> beforeInsert = batch -> {};
        volatile boolean provenance = true;
        /** When set, the table's offsets are of an earlier incarnation of the topic. */
        volatile String incarnationRefusal;

        int rangeChecks;
        int fences;
        int maxConcurrent;
        int maxConcurrentOfOnePartition;
        private int concurrent;

        @Override
        public TableName name() {
            return TableName.parse("db.events");
        }

        @Override
        public List<TableColumn> columnsFor(Schema writerSchema) {
            return List.of(TableColumn.of("id", "Int64"));
        }

        @Override
        public List<TableColumn> refresh() {
            return columnsFor(null);
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

        @Override
        public void insert(Batch batch) {
            synchronized (this) {
                attempts.add(batch);
                concurrent++;
                maxConcurrent = Math.max(maxConcurrent, concurrent);
                int ofPartition = running.merge(batch.partition(), 1, Integer::sum);
                maxConcurrentOfOnePartition = Math.max(maxConcurrentOfOnePartition, ofPartition);
            }
            try {
                beforeInsert.accept(batch);
                synchronized (this) {
                    if (countDown(failuresLeft, batch)) {
                        throw new InsertFailedException("ClickHouse unavailable (test)", false, null);
                    }
                    if (countDown(permanentFailuresLeft, batch)) {
                        throw new InsertFailedException("table db.events refused it (test)", true, null);
                    }
                    committedAtInsert.add(new HashMap<>(commitsSeen.get()));
                    inserted.add(batch);
                    List<Long> offsets = rows.computeIfAbsent(batch.partition(), p -> new ArrayList<>());
                    for (long offset = batch.firstOffset(); offset <= batch.lastOffset(); offset++) {
                        offsets.add(offset);
                    }
                    ids.computeIfAbsent(batch.partition(), p -> new ArrayList<>())
                            .addAll(idsIn(batch));
                    if (countDown(failuresAfterWriting, batch)) {
                        throw new InsertFailedException("ClickHouse did not answer in time (test)", false, null);
                    }
                }
            } finally {
                synchronized (this) {
                    concurrent--;
                    running.merge(batch.partition(), -1, Integer::sum);
                }
            }
        }

        @Override
        public synchronized OptionalLong highestFrom(int partition, long from) {
            if (incarnationRefusal != null) {
                throw new IncarnationRefusedException(incarnationRefusal);
            }
            return rows.getOrDefault(new TopicPartition(TOPIC, partition), List.of()).stream()
                    .mapToLong(Long::longValue)
                    .filter(offset -> offset >= from)
                    .max();
        }

        @Override
        public synchronized long rowsBetween(int partition, long first, long last) {
            rangeChecks++;
            return rows.getOrDefault(new TopicPartition(TOPIC, partition), List.of()).stream()
                    .filter(offset -> offset >= first && offset <= last)
                    .count();
        }

        synchronized void preload(TopicPartition partition, long first, long last) {
            List<Long> offsets = rows.computeIfAbsent(partition, p -> new ArrayList<>());
            for (long offset = first; offset <= last; offset++) {
                offsets.add(offset);
            }
        }

        synchronized List<Long> offsets(TopicPartition partition) {
            return List.copyOf(rows.getOrDefault(partition, List.of()));
        }

        /** The ids of the rows inserted for the partition: each row is one little-endian Int64. */
        synchronized List<Long> ids(TopicPartition partition) {
            return List.copyOf(ids.getOrDefault(partition, List.of()));
        }

        private static List<Long> idsIn(Batch batch) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try {
                batch.writeTo(bytes);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            java.nio.ByteBuffer buffer =
                    java.nio.ByteBuffer.wrap(bytes.toByteArray()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            List<Long> values = new ArrayList<>();
            while (buffer.hasRemaining()) {
                values.add(buffer.getLong());
            }
            return values;
        }

        synchronized List<Batch> attempts() {
            return List.copyOf(attempts);
        }

        synchronized List<Batch> inserted() {
            return List.copyOf(inserted);
        }

        private static boolean countDown(Map<TopicPartition, Integer> failures, Batch batch) {
            int left = failures.getOrDefault(batch.partition(), 0);
            if (left <= 0) {
                return false;
            }
            failures.put(batch.partition(), left == Integer.MAX_VALUE ? left : left - 1);
            return true;
        }
    }
}
