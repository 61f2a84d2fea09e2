package io.chingest.consumer.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.chingest.consumer.commit.InsertThenCommit;
import io.chingest.consumer.commit.OffsetCommitter;
import io.chingest.consumer.encode.RecordDecoder;
import io.chingest.consumer.encode.RecordRejectedException;
import io.chingest.consumer.encode.RecordRowEncoder;
import io.chingest.consumer.insert.BatchInserter;
import io.chingest.consumer.insert.InsertFailedException;
import io.chingest.consumer.metrics.ConsumerMetrics;
import io.chingest.consumer.table.TableColumn;
import io.chingest.consumer.table.TableName;
import io.chingest.consumer.table.TargetTable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The main loop against a mock consumer over an in-memory log: what is inserted, what is committed and when,
 * which partitions are paused, under insert failures, commit time-outs, unavailable services, bad records and
 * rebalances.
 */
class IngestLoopTest {
    private static final String TOPIC = "events";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final Schema SCHEMA = new Schema.Parser().parse(
            "{\"type\": \"record\", \"name\": \"Event\", \"fields\": [{\"name\": \"id\", \"type\": \"long\"}]}");
    private static final AvroWireEncoder WIRE = new AvroWireEncoder(1, SCHEMA);

    private final LogBackedConsumer consumer = new LogBackedConsumer(List.of(P0, P1));
    private final RecordingInserter inserter = new RecordingInserter();
    private final ConsumerMetrics metrics = new ConsumerMetrics(IngestMetrics.newRegistry());
    private int registryFailures;
    private int decodeCalls;

    private IngestLoop loop(int maxRows, Duration maxWait) {
        OffsetCommitter committer = new OffsetCommitter(consumer, Duration.ofSeconds(1));
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(5), Duration.ofMillis(20));
        PartitionBuffers buffers = new PartitionBuffers(new BufferLimits(maxRows, 1 << 20, maxWait, 1 << 22),
                new InsertThenCommit(inserter, committer, metrics), backoff, Ticker.system());
        RecordRowEncoder encoder = new RecordRowEncoder(this::decode, new EventTable(), 1 << 20);
        return new IngestLoop(consumer, TOPIC, encoder, buffers, committer, metrics, Ticker.system(), backoff, true, Duration.ofSeconds(5));
    }

    private GenericRecord decode(byte[] payload) {
        decodeCalls++;
        if (registryFailures > 0) {
            registryFailures--;
            throw new RegistryUnavailableException("registry unavailable (test)", 503, -1, null);
        }
        ConfluentWireFormat.schemaIdOf(payload);
        try {
            return new GenericDatumReader<GenericRecord>(SCHEMA).read(null, DecoderFactory.get().binaryDecoder(payload,
                    ConfluentWireFormat.HEADER_LENGTH, payload.length - ConfluentWireFormat.HEADER_LENGTH, null));
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

    @Test
    void insertsEveryRecordOnceInContiguousSinglePartitionBatchesAndCommitsTheEnd() {
        publish(P0, 10);
        publish(P1, 7);
        assertThat(loop(3, Duration.ofSeconds(30)).run()).isTrue();
        assertThat(inserter.insertedOffsets(P0)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(inserter.insertedOffsets(P1)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(inserter.inserted).allSatisfy(batch -> assertThat(batch.rows()).isBetween(1, 3));
        assertThat(consumer.committedOffsets()).isEqualTo(Map.of(P0, 10L, P1, 7L));
        assertThat(metrics.records()).isEqualTo(17);
        assertThat(metrics.rowsInserted()).isEqualTo(17);
    }

    @Test
    void everyCommitFollowsTheInsertOfTheRowsItCovers() {
        publish(P0, 10);
        inserter.commitsSeenAtInsert = consumer::committedOffsets;
        loop(4, Duration.ofSeconds(30)).run();
        // When a batch is inserted, the partition's committed offset is still its first offset: nothing is committed ahead.
        for (int i = 0; i < inserter.inserted.size(); i++) {
            Batch batch = inserter.inserted.get(i);
            assertThat(inserter.committedAtInsert.get(i).getOrDefault(batch.partition(), 0L)).isEqualTo(batch.firstOffset());
        }
        assertThat(consumer.commits()).extracting(commit -> commit.get(P0)).containsExactly(4L, 8L, 10L);
    }

    @Test
    void aFailedInsertPausesThePartitionCommitsNothingAndRetriesTheSameBatch() {
        publish(P0, 6);
        publish(P1, 6);
        inserter.failuresLeft.put(P0, 3);
        inserter.pausedAtInsert = consumer::paused;
        inserter.commitsSeenAtInsert = consumer::committedOffsets;
        assertThat(loop(4, Duration.ofSeconds(30)).run()).isTrue();

        List<Batch> attemptsOfFirst = inserter.attempts.stream()
                .filter(batch -> batch.partition().equals(P0) && batch.firstOffset() == 0).toList();
        assertThat(attemptsOfFirst).hasSize(4).allSatisfy(batch -> assertThat(batch.lastOffset()).isEqualTo(3));
        for (int i = 0; i < inserter.attempts.size(); i++) {
            Batch attempt = inserter.attempts.get(i);
            if (attempt.partition().equals(P0) && attempt.firstOffset() == 0) {
                assertThat(inserter.committedAtAttempt.get(i)).doesNotContainKey(P0);
            }
        }
        // Every retry happened while the partition was paused; the first attempt came before the pause.
        List<Set<TopicPartition>> pausedAtRetries = new ArrayList<>();
        int attemptsSeen = 0;
        for (int i = 0; i < inserter.attempts.size(); i++) {
            Batch attempt = inserter.attempts.get(i);
            if (attempt.partition().equals(P0) && attempt.firstOffset() == 0 && attemptsSeen++ > 0) {
                pausedAtRetries.add(inserter.pausedAtAttempt.get(i));
            }
        }
        assertThat(pausedAtRetries).hasSize(3).allSatisfy(paused -> assertThat(paused).contains(P0).doesNotContain(P1));
        assertThat(inserter.insertedOffsets(P0)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(inserter.insertedOffsets(P1)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(consumer.committedOffsets()).isEqualTo(Map.of(P0, 6L, P1, 6L));
        assertThat(metrics.insertFailures()).isEqualTo(3);
        assertThat(consumer.paused()).isEmpty();
    }

    @Test
    void aCommitThatTimesOutIsSentAgain() {
        publish(P0, 5);
        consumer.timeOutCommits(2);
        assertThat(loop(100, Duration.ofSeconds(30)).run()).isTrue();
        assertThat(inserter.insertedOffsets(P0)).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(consumer.committedOffsets()).isEqualTo(Map.of(P0, 5L));
    }

    @Test
    void aRecordWhoseSchemaCannotBeFetchedYetIsReadAgainLater() {
        publish(P0, 5);
        registryFailures = 2;
        assertThat(loop(100, Duration.ofSeconds(30)).run()).isTrue();
        assertThat(metrics.deferrals()).isEqualTo(2);
        assertThat(inserter.insertedOffsets(P0)).containsExactly(0L, 1L, 2L, 3L, 4L);
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
        assertThat(inserter.insertedOffsets(P0)).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(inserter.insertedOffsets(P1)).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void aBadRecordStopsTheLoopAfterInsertingAndCommittingTheRecordsBeforeIt() {
        publish(P0, 5);
        byte[] bad = event(5);
        bad[0] = 7;
        consumer.append(P0, bad);
        publish(P0, 3);
        IngestLoop loop = loop(2, Duration.ofSeconds(30));
        assertThatThrownBy(loop::run)
                .isInstanceOf(RecordRejectedException.class)
                .hasMessage("bad payload at topic events partition 0 offset 5: magic byte 0x07, expected 0x00");
        assertThat(inserter.insertedOffsets(P0)).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(consumer.committedOffsets()).containsEntry(P0, 5L);
    }

    @Test
    void revokedPartitionsAreInsertedAndCommittedBeforeTheyGo() {
        publish(P0, 4);
        publish(P1, 4);
        // The second poll comes after both partitions were read into buffers that would wait 30 s.
        consumer.beforeAPoll(() -> { });
        consumer.beforeAPoll(() -> {
            assertThat(inserter.attempts).isEmpty();
            consumer.rebalance(List.of(P0));
        });
        assertThat(loop(100, Duration.ofSeconds(30)).run()).isTrue();
        assertThat(inserter.inserted.get(0).partition()).isEqualTo(P1);
        assertThat(inserter.insertedOffsets(P1)).containsExactly(0L, 1L, 2L, 3L);
        assertThat(consumer.commits().get(0)).isEqualTo(Map.of(P1, 4L));
        assertThat(inserter.insertedOffsets(P0)).containsExactly(0L, 1L, 2L, 3L);
        assertThat(consumer.committedOffsets()).isEqualTo(Map.of(P0, 4L, P1, 4L));
    }

    @Test
    void aRevokedPartitionWhoseInsertFailsIsDroppedUncommittedForItsNextOwner() {
        publish(P0, 4);
        publish(P1, 4);
        inserter.failuresLeft.put(P1, Integer.MAX_VALUE);
        consumer.beforeAPoll(() -> { });
        consumer.beforeAPoll(() -> consumer.rebalance(List.of(P0)));
        assertThat(loop(100, Duration.ofSeconds(30)).run()).isTrue();
        assertThat(inserter.insertedOffsets(P1)).isEmpty();
        assertThat(consumer.committedOffsets()).isEqualTo(Map.of(P0, 4L));
    }

    @Test
    void aStopRequestInsertsAndCommitsWhatIsBuffered() {
        publish(P0, 3);
        IngestLoop loop = new IngestLoopHolder().loop = loop(100, Duration.ofSeconds(30));
        consumer.beforeAPoll(() -> { });
        consumer.beforeAPoll(loop::requestStop);
        assertThat(loop.run()).isTrue();
        assertThat(inserter.insertedOffsets(P0)).containsExactly(0L, 1L, 2L);
        assertThat(consumer.committedOffsets()).isEqualTo(Map.of(P0, 3L));
    }

    @Test
    void aStopWhileClickHouseIsDownGivesUpAfterTheShutdownTimeoutWithoutCommitting() {
        publish(P0, 3);
        inserter.failuresLeft.put(P0, Integer.MAX_VALUE);
        OffsetCommitter committer = new OffsetCommitter(consumer, Duration.ofSeconds(1));
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(5), Duration.ofMillis(20));
        PartitionBuffers buffers = new PartitionBuffers(new BufferLimits(100, 1 << 20, Duration.ofSeconds(30), 1 << 22),
                new InsertThenCommit(inserter, committer, metrics), backoff, Ticker.system());
        IngestLoop loop = new IngestLoop(consumer, TOPIC, new RecordRowEncoder(this::decode, new EventTable(), 1 << 20), buffers,
                committer, metrics, Ticker.system(), backoff, false, Duration.ofMillis(300));
        consumer.beforeAPoll(() -> { });
        consumer.beforeAPoll(loop::requestStop);
        assertThat(loop.run()).isFalse();
        assertThat(metrics.insertFailures()).isGreaterThan(2);
        assertThat(consumer.commits()).isEmpty();
    }

    /** Lets a hook reach the loop it belongs to. */
    private static final class IngestLoopHolder {
        IngestLoop loop;
    }

    /** The target table: one Int64 column. */
    private static final class EventTable implements TargetTable {
        @Override
        public TableName name() {
            return TableName.parse("db.events");
        }

        @Override
        public List<TableColumn> columnsFor(Schema writerSchema) {
            return List.of(TableColumn.of("id", "Int64"));
        }

        @Override
        public List<String> columnNames() {
            return List.of("id");
        }
    }

    /** Records insert attempts, fails chosen partitions a number of times, and notes what was committed and paused then. */
    private static final class RecordingInserter implements BatchInserter {
        final List<Batch> attempts = new ArrayList<>();
        final List<Batch> inserted = new ArrayList<>();
        final List<Map<TopicPartition, Long>> committedAtAttempt = new ArrayList<>();
        final List<Map<TopicPartition, Long>> committedAtInsert = new ArrayList<>();
        final List<Set<TopicPartition>> pausedAtAttempt = new ArrayList<>();
        final Map<TopicPartition, Integer> failuresLeft = new HashMap<>();
        java.util.function.Supplier<Map<TopicPartition, Long>> commitsSeenAtInsert = Map::of;
        java.util.function.Supplier<Set<TopicPartition>> pausedAtInsert = Set::of;

        @Override
        public void insert(Batch batch) {
            attempts.add(batch);
            committedAtAttempt.add(new HashMap<>(commitsSeenAtInsert.get()));
            pausedAtAttempt.add(new HashSet<>(pausedAtInsert.get()));
            int failures = failuresLeft.getOrDefault(batch.partition(), 0);
            if (failures > 0) {
                failuresLeft.put(batch.partition(), failures - 1);
                throw new InsertFailedException("ClickHouse unavailable (test)", null);
            }
            inserted.add(batch);
            committedAtInsert.add(new HashMap<>(commitsSeenAtInsert.get()));
        }

        List<Long> insertedOffsets(TopicPartition partition) {
            List<Long> offsets = new ArrayList<>();
            for (Batch batch : inserted) {
                if (batch.partition().equals(partition)) {
                    for (long offset = batch.firstOffset(); offset <= batch.lastOffset(); offset++) {
                        offsets.add(offset);
                    }
                }
            }
            return offsets;
        }
    }
}
