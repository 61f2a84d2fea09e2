package io.chingest.consumer.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chingest.consumer.table.InsertColumns;
import io.chingest.consumer.table.TableColumn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The partition buffers' bounds (rows and bytes per batch, wait, the byte budget that counts batches until they are
 * released) and their ordering promises; they only accumulate and seal, never insert.
 */
class PartitionBuffersTest {
    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);
    private static final TopicPartition P2 = new TopicPartition("t", 2);

    private static final InsertColumns COLUMNS = new InsertColumns(List.of(TableColumn.of("id", "Int64")));
    private static final InsertColumns WIDER =
            new InsertColumns(List.of(TableColumn.of("id", "Int64"), TableColumn.of("note", "Nullable(String)")));

    private final ManualTicker ticker = new ManualTicker();
    /** Chunks the batches of the random-load test filled, counted as they are checked. */
    private long chunksUsed;

    private PartitionBuffers buffers(int maxRows, int maxBytes, long maxTotal) {
        return new PartitionBuffers(new BufferLimits(maxRows, maxBytes, Duration.ofSeconds(5), maxTotal), ticker);
    }

    private static byte[] row(int length, int fill) {
        byte[] row = new byte[length];
        java.util.Arrays.fill(row, (byte) fill);
        return row;
    }

    private static Admission offer(PartitionBuffers buffers, TopicPartition partition, long offset, int length) {
        return buffers.offer(partition, offset, row(length, (int) offset), length, COLUMNS);
    }

    private static String range(Batch batch) {
        return batch.partition() + "[" + batch.firstOffset() + ".." + batch.lastOffset() + "]x" + batch.rows();
    }

    private static List<String> takeAll(PartitionBuffers buffers, TopicPartition partition) {
        List<String> ranges = new ArrayList<>();
        for (Batch batch = buffers.take(partition); batch != null; batch = buffers.take(partition)) {
            ranges.add(range(batch));
        }
        return ranges;
    }

    private static byte[] contents(Batch batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            batch.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Test
    void aBufferIsSealedWhenItReachesTheRowLimit() {
        PartitionBuffers buffers = buffers(3, 1000, 10_000);
        for (long offset = 0; offset < 7; offset++) {
            assertThat(offer(buffers, P0, offset, 4)).isEqualTo(Admission.ACCEPTED);
            assertThat(buffers.openRows(P0)).isLessThan(3);
        }
        assertThat(takeAll(buffers, P0)).containsExactly("t-0[0..2]x3", "t-0[3..5]x3");
        assertThat(buffers.openRows(P0)).isEqualTo(1);
        assertThat(buffers.totalBytes()).isEqualTo(28);
    }

    @Test
    void aBufferIsSealedBeforeARowWouldTakeItPastTheByteLimitAndAtOnceWhenItReachesItExactly() {
        PartitionBuffers buffers = buffers(1000, 10, 10_000);
        for (long offset = 0; offset < 5; offset++) {
            assertThat(offer(buffers, P0, offset, 4)).isEqualTo(Admission.ACCEPTED);
        }
        offer(buffers, P1, 0, 6);
        offer(buffers, P1, 1, 4);
        assertThat(takeAll(buffers, P0)).containsExactly("t-0[0..1]x2", "t-0[2..3]x2");
        assertThat(takeAll(buffers, P1)).containsExactly("t-1[0..1]x2");
    }

    @Test
    void aRowForAnotherColumnListSealsTheOpenBufferSoThatEachBatchHasOneColumnList() {
        PartitionBuffers buffers = buffers(1000, 1000, 10_000);
        buffers.offer(P0, 0, row(4, 0), 4, COLUMNS);
        buffers.offer(P0, 1, row(4, 1), 4, COLUMNS);
        buffers.offer(P1, 0, row(4, 9), 4, WIDER);
        assertThat(buffers.offer(P0, 2, row(5, 2), 5, WIDER)).isEqualTo(Admission.ACCEPTED);
        buffers.offer(P0, 3, row(5, 3), 5, WIDER);
        buffers.offer(P0, 4, row(4, 4), 4, COLUMNS);
        buffers.sealAll();
        List<Batch> batches = new ArrayList<>();
        for (Batch batch = buffers.take(P0); batch != null; batch = buffers.take(P0)) {
            batches.add(batch);
        }
        assertThat(batches)
                .extracting(PartitionBuffersTest::range)
                .containsExactly("t-0[0..1]x2", "t-0[2..3]x2", "t-0[4..4]x1");
        assertThat(batches).extracting(Batch::columns).containsExactly(COLUMNS, WIDER, COLUMNS);
        assertThat(contents(batches.get(1))).isEqualTo(new byte[] {2, 2, 2, 2, 2, 3, 3, 3, 3, 3});
        assertThat(takeAll(buffers, P1)).containsExactly("t-1[0..0]x1");
        assertThat(buffers.totalBytes()).isEqualTo(26);
    }

    @Test
    void columnListsThatAlternateWaitOnceThePartitionHasEnoughBatchesWaiting() {
        PartitionBuffers buffers = buffers(1000, 1000, 10_000);
        long offset = 0;
        while (offset <= PartitionBuffers.MAX_SEALED_FOR_NEW_COLUMNS) {
            assertThat(buffers.offer(P0, offset, row(4, 1), 4, offset % 2 == 0 ? COLUMNS : WIDER))
                    .isEqualTo(Admission.ACCEPTED);
            offset++;
        }
        assertThat(buffers.isBacklogged(P0)).isTrue();
        long held = buffers.totalBytes();
        assertThat(buffers.offer(P0, offset, row(4, 1), 4, offset % 2 == 0 ? COLUMNS : WIDER))
                .isEqualTo(Admission.PARTITION_BACKLOG);
        assertThat(buffers.totalBytes()).as("nothing buffered").isEqualTo(held);
        assertThat(buffers.offer(P0, offset, row(4, 1), 4, offset % 2 == 0 ? WIDER : COLUMNS))
                .as("a row for the open buffer's column list is taken")
                .isEqualTo(Admission.ACCEPTED);
        assertThat(buffers.offer(P1, 0, row(4, 1), 4, WIDER))
                .as("other partitions read on")
                .isEqualTo(Admission.ACCEPTED);

        buffers.release(buffers.take(P0));
        assertThat(buffers.isBacklogged(P0)).isFalse();
        assertThat(buffers.offer(P0, offset + 1, row(4, 1), 4, offset % 2 == 0 ? COLUMNS : WIDER))
                .isEqualTo(Admission.ACCEPTED);
    }

    /**
     * Random column lists on top of random rows: each batch holds rows of one column list only, a partition never has
     * more batches waiting than a change of list may leave, and every offset is sealed once, in order.
     */
    @Test
    void eachBatchHasOneColumnListAndWaitingBatchesStayBoundedUnderRandomColumnLists() {
        // Batches large and patient enough that only a change of column list seals them.
        PartitionBuffers buffers =
                new PartitionBuffers(new BufferLimits(1_000_000, 1 << 20, Duration.ofHours(1), 1 << 24), ticker);
        List<InsertColumns> lists = List.of(COLUMNS, WIDER);
        List<TopicPartition> partitions = List.of(P0, P1);
        Map<TopicPartition, Long> nextOffset = new HashMap<>();
        Map<TopicPartition, List<Long>> sealedOffsets = new HashMap<>();
        Random random = new Random(7);
        int backlogged = 0;
        for (int step = 0; step < 20_000; step++) {
            TopicPartition partition = partitions.get(random.nextInt(partitions.size()));
            long offset = nextOffset.getOrDefault(partition, 0L);
            int list = random.nextInt(10) < 7 ? 0 : 1;
            int length = 1 + random.nextInt(100);
            Admission admission = buffers.offer(partition, offset, row(length, list), length, lists.get(list));
            if (admission == Admission.ACCEPTED) {
                nextOffset.put(partition, offset + 1);
            } else if (admission == Admission.PARTITION_BACKLOG) {
                backlogged++;
            }
            if (random.nextInt(3) == 0) {
                TopicPartition next = partitions.get(random.nextInt(partitions.size()));
                Batch batch = buffers.take(next);
                if (batch != null) {
                    byte marker = (byte) lists.indexOf(batch.columns());
                    for (byte b : contents(batch)) {
                        assertThat(b)
                                .as("rows of %s all for %s", batch, batch.columns())
                                .isEqualTo(marker);
                    }
                    List<Long> offsets = sealedOffsets.computeIfAbsent(next, p -> new ArrayList<>());
                    for (long o = batch.firstOffset(); o <= batch.lastOffset(); o++) {
                        offsets.add(o);
                    }
                    buffers.release(batch);
                }
            }
            for (TopicPartition p : partitions) {
                assertThat(buffers.readyBatches(p)).isLessThanOrEqualTo(PartitionBuffers.MAX_SEALED_FOR_NEW_COLUMNS);
            }
        }
        buffers.sealAll();
        for (TopicPartition partition : partitions) {
            for (Batch batch = buffers.take(partition); batch != null; batch = buffers.take(partition)) {
                for (long o = batch.firstOffset(); o <= batch.lastOffset(); o++) {
                    sealedOffsets
                            .computeIfAbsent(partition, p -> new ArrayList<>())
                            .add(o);
                }
                buffers.release(batch);
            }
            List<Long> expected = new ArrayList<>();
            for (long o = 0; o < nextOffset.getOrDefault(partition, 0L); o++) {
                expected.add(o);
            }
            assertThat(sealedOffsets.get(partition))
                    .as("offsets of %s", partition)
                    .isEqualTo(expected);
        }
        assertThat(buffers.totalBytes()).isZero();
        assertThat(backlogged).isPositive();
    }

    @Test
    void aRowLargerThanABatchMayBeIsRefused() {
        PartitionBuffers buffers = buffers(1000, 10, 10_000);
        assertThatThrownBy(() -> offer(buffers, P0, 0, 11))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a row of 11 bytes is larger than a batch may be (10)");
    }

    @Test
    void aBufferIsSealedWhenItsOldestRowHasWaitedTheMaximum() {
        PartitionBuffers buffers = buffers(1000, 1000, 10_000);
        offer(buffers, P0, 0, 4);
        ticker.advance(3000);
        offer(buffers, P1, 0, 4);
        assertThat(buffers.millisUntilNextExpiry()).isEqualTo(2000);
        ticker.advance(2000);
        buffers.sealExpired();
        assertThat(buffers.hasReady(P0)).isTrue();
        assertThat(buffers.hasReady(P1)).isFalse();
        assertThat(buffers.millisUntilNextExpiry()).isEqualTo(3000);
    }

    @Test
    void theBudgetCountsTakenBatchesUntilTheyAreReleasedAndARowThatWouldPassItIsRefused() {
        PartitionBuffers buffers = buffers(2, 10, 20);
        offer(buffers, P0, 0, 4);
        offer(buffers, P0, 1, 4);
        Batch inFlight = buffers.take(P0);
        offer(buffers, P1, 0, 8);
        assertThat(buffers.totalBytes()).isEqualTo(16);
        assertThat(buffers.takenBytes()).isEqualTo(8);
        // 16 + 5 > 20: refused, and the largest open buffer is sealed so that its insert can free room.
        assertThat(offer(buffers, P2, 0, 5)).isEqualTo(Admission.BUDGET_FULL);
        assertThat(buffers.hasReady(P1)).isTrue();
        assertThat(buffers.totalBytes()).isEqualTo(16);
        buffers.release(inFlight);
        assertThat(buffers.totalBytes()).isEqualTo(8);
        assertThat(offer(buffers, P2, 0, 5)).isEqualTo(Admission.ACCEPTED);
        assertThat(buffers.totalBytes()).isEqualTo(13);
    }

    @Test
    void aBatchHoldsItsRowsInOffsetOrderByteForByte() {
        PartitionBuffers buffers =
                new PartitionBuffers(new BufferLimits(1000, 200_000, Duration.ofSeconds(5), 1_000_000), ticker);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int offset = 0; offset < 300; offset++) {
            byte[] row = row(1 + offset % 700, offset);
            expected.writeBytes(row);
            buffers.offer(P0, offset, row, row.length, COLUMNS);
        }
        buffers.sealAll();
        Batch batch = buffers.take(P0);
        assertThat(buffers.take(P0)).isNull();
        assertThat(batch.bytes()).isEqualTo(expected.size());
        assertThat(contents(batch)).isEqualTo(expected.toByteArray());
        assertThat(contents(batch)).as("written again for a retry").isEqualTo(expected.toByteArray());
    }

    @Test
    void memoryHeldByABufferIsItsRowsPlusLessThanOneChunk() {
        PartitionBuffers buffers =
                new PartitionBuffers(new BufferLimits(100_000, 1 << 20, Duration.ofSeconds(5), 1 << 22), ticker);
        for (int offset = 0; offset < 1000; offset++) {
            offer(buffers, P0, offset, 100);
            assertThat(buffers.allocatedBytes()).isLessThan(buffers.totalBytes() + 64 * 1024);
        }
        assertThat(buffers.allocatedBytes()).isEqualTo(2 * 64 * 1024);
    }

    @Test
    void chunksOfAReleasedBatchAreReusedAndTheBatchCannotBeWrittenAgain() {
        PartitionBuffers buffers = buffers(2, 1000, 10_000);
        offer(buffers, P0, 0, 300);
        offer(buffers, P0, 1, 300);
        Batch first = buffers.take(P0);
        long allocated = buffers.allocatedChunks();
        buffers.release(first);

        offer(buffers, P1, 0, 300);
        offer(buffers, P1, 1, 300);
        Batch second = buffers.take(P1);

        assertThat(buffers.allocatedChunks())
                .as("the released chunk was reused")
                .isEqualTo(allocated);
        assertThat(contents(second)).isEqualTo(concat(row(300, 0), row(300, 1)));
        assertThatThrownBy(() -> contents(first))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("was released");
        assertThatThrownBy(() -> buffers.release(first))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("released twice");
    }

    @Test
    void chunksOfDiscardedRowsAreReusedButATakenBatchKeepsItsOwn() {
        PartitionBuffers buffers = buffers(2, 1000, 10_000);
        offer(buffers, P0, 0, 100);
        offer(buffers, P0, 1, 100);
        Batch taken = buffers.take(P0);
        offer(buffers, P0, 2, 100);
        long allocated = buffers.allocatedChunks();
        buffers.discard(List.of(P0));

        offer(buffers, P1, 0, 100);
        assertThat(buffers.allocatedChunks()).isEqualTo(allocated);
        offer(buffers, P1, 1, 100);
        offer(buffers, P2, 0, 100);
        assertThat(contents(taken)).isEqualTo(concat(row(100, 0), row(100, 1)));
    }

    private static byte[] concat(byte[]... rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] row : rows) {
            out.writeBytes(row);
        }
        return out.toByteArray();
    }

    @Test
    void offsetsOfAPartitionMustIncrease() {
        PartitionBuffers buffers = buffers(1000, 1000, 10_000);
        offer(buffers, P0, 5, 1);
        assertThatThrownBy(() -> offer(buffers, P0, 5, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("t-0");
    }

    @Test
    void discardForgetsOpenAndSealedRowsButTakenBatchesStayCountedUntilReleased() {
        PartitionBuffers buffers = buffers(2, 1000, 10_000);
        offer(buffers, P0, 0, 4);
        offer(buffers, P0, 1, 4);
        Batch taken = buffers.take(P0);
        offer(buffers, P0, 2, 4);
        offer(buffers, P0, 3, 4);
        offer(buffers, P0, 4, 4);
        offer(buffers, P1, 0, 4);
        assertThat(buffers.discard(List.of(P0, P1))).isEqualTo(4);
        assertThat(buffers.totalBytes()).isEqualTo(8);
        assertThat(buffers.isIdle(P0)).isTrue();
        assertThat(buffers.isEmpty()).isFalse();
        buffers.release(taken);
        assertThat(buffers.isEmpty()).isTrue();
    }

    /**
     * Random rows, sizes, inserts that take a while and time: every bound holds after every step, and taking batches in
     * the order sealed yields every offset once, in order.
     */
    @Test
    void boundsHoldAndEveryOffsetIsSealedOnceInOrderUnderRandomLoad() {
        int maxRows = 50;
        int maxBytes = 4000;
        long maxTotal = 10_000;
        PartitionBuffers buffers =
                new PartitionBuffers(new BufferLimits(maxRows, maxBytes, Duration.ofMillis(300), maxTotal), ticker);
        List<TopicPartition> partitions = List.of(P0, P1, P2, new TopicPartition("t", 3));
        Map<TopicPartition, Long> nextOffset = new HashMap<>();
        Map<TopicPartition, List<Long>> inserted = new HashMap<>();
        Deque<Batch> inFlight = new ArrayDeque<>();
        Map<TopicPartition, Map<Long, Integer>> lengths = new HashMap<>();
        Random random = new Random(42);
        int refused = 0;
        for (int step = 0; step < 20_000; step++) {
            TopicPartition partition = partitions.get(random.nextInt(partitions.size()));
            long offset = nextOffset.getOrDefault(partition, 0L);
            int length = 1 + random.nextInt(400);
            if (offer(buffers, partition, offset, length) == Admission.ACCEPTED) {
                nextOffset.put(partition, offset + 1);
                lengths.computeIfAbsent(partition, p -> new HashMap<>()).put(offset, length);
            } else {
                refused++;
            }
            ticker.advance(random.nextInt(20));
            buffers.sealExpired();
            if (inFlight.size() < 2) {
                TopicPartition next = partitions.get(random.nextInt(partitions.size()));
                Batch batch = buffers.take(next);
                if (batch != null) {
                    inFlight.add(batch);
                }
            }
            if (!inFlight.isEmpty() && random.nextInt(4) == 0) {
                Batch done = inFlight.removeFirst();
                record(inserted, done, lengths);
                buffers.release(done);
            }
            assertThat(buffers.totalBytes()).isBetween(0L, maxTotal);
            assertThat(buffers.pooledBytes()).isBetween(0L, maxTotal);
            for (TopicPartition p : partitions) {
                assertThat(buffers.openRows(p)).isLessThan(maxRows);
            }
        }
        inFlight.forEach(batch -> {
            record(inserted, batch, lengths);
            buffers.release(batch);
        });
        buffers.sealAll();
        for (TopicPartition partition : partitions) {
            for (Batch batch = buffers.take(partition); batch != null; batch = buffers.take(partition)) {
                record(inserted, batch, lengths);
                buffers.release(batch);
            }
        }
        assertThat(buffers.isEmpty()).isTrue();
        // Every batch needed ceil(bytes / 4000) chunks; without reuse each of them would have been allocated.
        assertThat(buffers.allocatedChunks()).isLessThan(chunksUsed / 2);
        assertThat(buffers.totalBytes()).isZero();
        for (TopicPartition partition : partitions) {
            List<Long> expected = new ArrayList<>();
            for (long offset = 0; offset < nextOffset.getOrDefault(partition, 0L); offset++) {
                expected.add(offset);
            }
            List<Long> actual = new ArrayList<>(inserted.getOrDefault(partition, List.of()));
            // Batches of one partition may finish out of order here; within each batch and across sealing, order holds.
            actual.sort(Long::compare);
            assertThat(actual).as("offsets of %s", partition).isEqualTo(expected);
        }
        assertThat(refused).isPositive();
    }

    /** Records the batch's offsets after checking that its bytes are exactly its rows, each filled with its offset. */
    private void record(
            Map<TopicPartition, List<Long>> inserted, Batch batch, Map<TopicPartition, Map<Long, Integer>> lengths) {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (long offset = batch.firstOffset(); offset <= batch.lastOffset(); offset++) {
            expected.writeBytes(row(lengths.get(batch.partition()).get(offset), (int) offset));
        }
        assertThat(contents(batch)).as("bytes of %s", range(batch)).isEqualTo(expected.toByteArray());
        chunksUsed += (batch.bytes() + 3999) / 4000;
        record(inserted, batch);
    }

    private static void record(Map<TopicPartition, List<Long>> inserted, Batch batch) {
        assertThat(batch.rows()).isBetween(1, 50);
        assertThat(batch.bytes()).isBetween(1L, 4000L);
        assertThat(batch.lastOffset() - batch.firstOffset() + 1).isEqualTo(batch.rows());
        List<Long> offsets = inserted.computeIfAbsent(batch.partition(), p -> new ArrayList<>());
        for (long offset = batch.firstOffset(); offset <= batch.lastOffset(); offset++) {
            offsets.add(offset);
        }
    }
}
