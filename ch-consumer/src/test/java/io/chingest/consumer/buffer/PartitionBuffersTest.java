package io.chingest.consumer.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The partition buffers' bounds (rows, bytes per buffer, total budget, wait) and their retry and ordering promises. */
class PartitionBuffersTest {
    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);
    private static final TopicPartition P2 = new TopicPartition("t", 2);
    private static final RetryBackoff BACKOFF = new RetryBackoff(Duration.ofMillis(200), Duration.ofSeconds(2));

    private final RecordingSink sink = new RecordingSink();
    private final ManualTicker ticker = new ManualTicker();

    private PartitionBuffers buffers(int maxRows, int maxBytes, long maxTotal) {
        return new PartitionBuffers(new BufferLimits(maxRows, maxBytes, Duration.ofSeconds(5), maxTotal), sink, BACKOFF, ticker);
    }

    private static byte[] row(int length, int fill) {
        byte[] row = new byte[length];
        java.util.Arrays.fill(row, (byte) fill);
        return row;
    }

    private static Admission offer(PartitionBuffers buffers, TopicPartition partition, long offset, int length) {
        return buffers.offer(partition, offset, row(length, (int) offset), length);
    }

    private static String range(Batch batch) {
        return batch.partition() + "[" + batch.firstOffset() + ".." + batch.lastOffset() + "]x" + batch.rows();
    }

    @Test
    void aBufferIsInsertedWhenItReachesTheRowLimit() {
        PartitionBuffers buffers = buffers(3, 1000, 10_000);
        for (long offset = 0; offset < 7; offset++) {
            assertThat(offer(buffers, P0, offset, 4)).isEqualTo(Admission.ACCEPTED);
            assertThat(buffers.bufferedRows(P0)).isLessThan(3);
        }
        assertThat(sink.accepted).extracting(PartitionBuffersTest::range).containsExactly("t-0[0..2]x3", "t-0[3..5]x3");
        assertThat(buffers.bufferedRows(P0)).isEqualTo(1);
        assertThat(buffers.totalBytes()).isEqualTo(4);
    }

    @Test
    void aBufferIsInsertedBeforeARowWouldTakeItPastTheByteLimit() {
        PartitionBuffers buffers = buffers(1000, 10, 10_000);
        for (long offset = 0; offset < 5; offset++) {
            assertThat(offer(buffers, P0, offset, 4)).isEqualTo(Admission.ACCEPTED);
            assertThat(buffers.bufferedBytes(P0)).isLessThanOrEqualTo(10);
        }
        assertThat(sink.accepted).extracting(PartitionBuffersTest::range).containsExactly("t-0[0..1]x2", "t-0[2..3]x2");
        assertThat(sink.accepted).allSatisfy(batch -> assertThat(batch.bytes()).isEqualTo(8));
        assertThat(buffers.bufferedBytes(P0)).isEqualTo(4);
    }

    @Test
    void aBufferThatReachesTheByteLimitExactlyIsInsertedAtOnce() {
        PartitionBuffers buffers = buffers(1000, 10, 10_000);
        offer(buffers, P0, 0, 6);
        offer(buffers, P0, 1, 4);
        assertThat(sink.accepted).extracting(PartitionBuffersTest::range).containsExactly("t-0[0..1]x2");
        assertThat(buffers.isEmpty()).isTrue();
    }

    @Test
    void aRowLargerThanABatchMayBeIsRefused() {
        PartitionBuffers buffers = buffers(1000, 10, 10_000);
        assertThatThrownBy(() -> offer(buffers, P0, 0, 11))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a row of 11 bytes is larger than a batch may be (10)");
        assertThat(buffers.totalBytes()).isZero();
    }

    @Test
    void aBufferIsInsertedWhenItsOldestRowHasWaitedTheMaximum() {
        PartitionBuffers buffers = buffers(1000, 1000, 10_000);
        offer(buffers, P0, 0, 4);
        ticker.advance(3000);
        offer(buffers, P0, 1, 4);
        offer(buffers, P1, 0, 4);
        assertThat(buffers.millisUntilNextDeadline()).isEqualTo(2000);
        ticker.advance(1999);
        buffers.flushExpired();
        assertThat(sink.accepted).isEmpty();
        ticker.advance(1);
        buffers.flushExpired();
        assertThat(sink.accepted).extracting(PartitionBuffersTest::range).containsExactly("t-0[0..1]x2");
        assertThat(buffers.millisUntilNextDeadline()).isEqualTo(3000);
        ticker.advance(3000);
        buffers.flushExpired();
        assertThat(sink.accepted).extracting(PartitionBuffersTest::range).containsExactly("t-0[0..1]x2", "t-1[0..0]x1");
        assertThat(buffers.millisUntilNextDeadline()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void whenTheBudgetWouldBePassedTheLargestBuffersAreInsertedFirst() {
        PartitionBuffers buffers = buffers(1000, 10, 20);
        offer(buffers, P0, 0, 3);
        offer(buffers, P0, 1, 3);
        offer(buffers, P0, 2, 3);
        offer(buffers, P1, 0, 3);
        offer(buffers, P1, 1, 3);
        offer(buffers, P2, 0, 3);
        assertThat(buffers.totalBytes()).isEqualTo(18);
        assertThat(offer(buffers, P2, 1, 3)).isEqualTo(Admission.ACCEPTED);
        assertThat(sink.accepted).extracting(PartitionBuffersTest::range).containsExactly("t-0[0..2]x3");
        assertThat(buffers.totalBytes()).isEqualTo(12);
        assertThat(offer(buffers, P2, 2, 3)).isEqualTo(Admission.ACCEPTED);
        assertThat(buffers.totalBytes()).isEqualTo(15);
        assertThat(offer(buffers, P0, 3, 8)).isEqualTo(Admission.ACCEPTED);
        assertThat(sink.accepted).extracting(PartitionBuffersTest::range).containsExactly("t-0[0..2]x3", "t-2[0..2]x3");
        assertThat(buffers.totalBytes()).isEqualTo(14);
        assertThat(buffers.bufferedBytes(P1)).isEqualTo(6);
    }

    @Test
    void whenFailedBatchesHoldTheBudgetNewRowsAreRefused() {
        PartitionBuffers buffers = buffers(1000, 10, 20);
        sink.failing = true;
        offer(buffers, P0, 0, 10);
        offer(buffers, P1, 0, 10);
        assertThat(buffers.blockedPartitions()).containsExactlyInAnyOrder(P0, P1);
        assertThat(buffers.totalBytes()).isEqualTo(20);
        assertThat(offer(buffers, P2, 0, 1)).isEqualTo(Admission.BUDGET_FULL);
        assertThat(buffers.totalBytes()).isEqualTo(20);
        assertThat(buffers.isIdle(P2)).isTrue();

        sink.failing = false;
        ticker.advance(200);
        assertThat(buffers.retryDue()).isEqualTo(2);
        assertThat(buffers.totalBytes()).isZero();
        assertThat(offer(buffers, P2, 0, 1)).isEqualTo(Admission.ACCEPTED);
    }

    @Test
    void aFailedFlushOfTheOfferingPartitionBlocksIt() {
        PartitionBuffers buffers = buffers(1000, 10, 10_000);
        offer(buffers, P0, 0, 6);
        sink.failing = true;
        assertThat(offer(buffers, P0, 1, 6)).isEqualTo(Admission.PARTITION_BLOCKED);
        assertThat(buffers.isBlocked(P0)).isTrue();
        assertThat(sink.refused).extracting(PartitionBuffersTest::range).containsExactly("t-0[0..0]x1");
        assertThat(buffers.totalBytes()).isEqualTo(6);
    }

    @Test
    void aFailedBatchBlocksItsPartitionAndIsRetriedWithBackoffUntilItSucceeds() {
        PartitionBuffers buffers = buffers(2, 1000, 10_000);
        sink.failing = true;
        offer(buffers, P0, 10, 4);
        offer(buffers, P0, 11, 5);
        assertThat(buffers.blockedPartitions()).containsExactly(P0);
        assertThat(offer(buffers, P0, 12, 4)).isEqualTo(Admission.PARTITION_BLOCKED);
        assertThat(offer(buffers, P1, 0, 4)).isEqualTo(Admission.ACCEPTED);
        assertThat(buffers.millisUntilNextDeadline()).isEqualTo(200);

        ticker.advance(199);
        assertThat(buffers.retryDue()).isZero();
        assertThat(sink.refused).hasSize(1);
        ticker.advance(1);
        assertThat(buffers.retryDue()).isZero();
        assertThat(sink.refused).hasSize(2);
        assertThat(buffers.millisUntilNextDeadline()).isEqualTo(400);

        sink.failing = false;
        ticker.advance(399);
        assertThat(buffers.retryDue()).isZero();
        assertThat(sink.accepted).isEmpty();
        ticker.advance(1);
        assertThat(buffers.retryDue()).isEqualTo(1);
        assertThat(sink.accepted).extracting(PartitionBuffersTest::range).containsExactly("t-0[10..11]x2");
        assertThat(RecordingSink.contents(sink.accepted.get(0))).isEqualTo(RecordingSink.contents(sink.refused.get(0)));
        assertThat(buffers.blockedPartitions()).isEmpty();
        assertThat(offer(buffers, P0, 12, 4)).isEqualTo(Admission.ACCEPTED);
        assertThat(buffers.totalBytes()).isEqualTo(8);
    }

    @Test
    void aBatchHoldsItsRowsInOffsetOrderByteForByte() {
        PartitionBuffers buffers = new PartitionBuffers(new BufferLimits(1000, 200_000, Duration.ofSeconds(5), 1_000_000), sink, BACKOFF, ticker);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int offset = 0; offset < 300; offset++) {
            byte[] row = row(1 + offset % 700, offset);
            expected.writeBytes(row);
            buffers.offer(P0, offset, row, row.length);
        }
        buffers.flushAll();
        assertThat(sink.accepted).hasSize(1);
        Batch batch = sink.accepted.get(0);
        assertThat(batch.bytes()).isEqualTo(expected.size());
        assertThat(RecordingSink.contents(batch)).isEqualTo(expected.toByteArray());
    }

    @Test
    void memoryHeldByABufferIsItsRowsPlusLessThanOneChunk() {
        PartitionBuffers buffers = new PartitionBuffers(new BufferLimits(100_000, 1 << 20, Duration.ofSeconds(5), 1 << 22), sink, BACKOFF, ticker);
        for (int offset = 0; offset < 1000; offset++) {
            offer(buffers, P0, offset, 100);
            assertThat(buffers.allocatedBytes()).isLessThan(buffers.totalBytes() + 64 * 1024);
        }
        assertThat(buffers.allocatedBytes()).isEqualTo(2 * 64 * 1024);
    }

    @Test
    void offsetsOfAPartitionMustIncrease() {
        PartitionBuffers buffers = buffers(1000, 1000, 10_000);
        offer(buffers, P0, 5, 1);
        assertThatThrownBy(() -> offer(buffers, P0, 5, 1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("t-0");
    }

    @Test
    void flushNowTriesAPendingBatchOnceAndDiscardForgetsRowsAndBudget() {
        PartitionBuffers buffers = buffers(2, 1000, 10_000);
        sink.failing = true;
        offer(buffers, P0, 0, 4);
        offer(buffers, P0, 1, 4);
        offer(buffers, P1, 0, 4);
        buffers.flushNow(List.of(P0, P1));
        assertThat(sink.refused).extracting(PartitionBuffersTest::range).containsExactly("t-0[0..1]x2", "t-0[0..1]x2", "t-1[0..0]x1");
        assertThat(buffers.discard(List.of(P0, P1))).isEqualTo(3);
        assertThat(buffers.totalBytes()).isZero();
        assertThat(buffers.isEmpty()).isTrue();
        assertThat(buffers.blockedPartitions()).isEmpty();
    }

    /** Random rows, sizes, failures and time: every bound holds after every step and no offset is lost, repeated or reordered. */
    @Test
    void boundsHoldAndEveryOffsetIsInsertedOnceInOrderUnderRandomLoad() {
        int maxRows = 50;
        int maxBytes = 4000;
        long maxTotal = 10_000;
        PartitionBuffers buffers = new PartitionBuffers(new BufferLimits(maxRows, maxBytes, Duration.ofMillis(300), maxTotal), sink, BACKOFF, ticker);
        List<TopicPartition> partitions = List.of(P0, P1, P2, new TopicPartition("t", 3));
        Map<TopicPartition, Long> nextOffset = new HashMap<>();
        Random random = new Random(42);
        for (int step = 0; step < 20_000; step++) {
            sink.failing = random.nextInt(10) < 3;
            TopicPartition partition = partitions.get(random.nextInt(partitions.size()));
            long offset = nextOffset.getOrDefault(partition, 0L);
            Admission admission = offer(buffers, partition, offset, 1 + random.nextInt(400));
            if (admission == Admission.ACCEPTED) {
                nextOffset.put(partition, offset + 1);
            }
            ticker.advance(random.nextInt(20));
            buffers.flushExpired();
            buffers.retryDue();
            assertThat(buffers.totalBytes()).isBetween(0L, maxTotal);
            for (TopicPartition p : partitions) {
                assertThat(buffers.bufferedRows(p)).isLessThan(maxRows);
                assertThat(buffers.bufferedBytes(p)).isLessThan(maxBytes);
            }
        }
        sink.failing = false;
        while (!buffers.isEmpty()) {
            ticker.advance(2000);
            buffers.flushAll();
            buffers.retryDue();
        }
        Map<TopicPartition, List<Long>> inserted = new HashMap<>();
        for (Batch batch : sink.accepted) {
            assertThat(batch.rows()).isBetween(1, maxRows);
            assertThat(batch.bytes()).isBetween(1L, (long) maxBytes);
            assertThat(batch.lastOffset() - batch.firstOffset() + 1).isEqualTo(batch.rows());
            List<Long> offsets = inserted.computeIfAbsent(batch.partition(), p -> new ArrayList<>());
            for (long offset = batch.firstOffset(); offset <= batch.lastOffset(); offset++) {
                offsets.add(offset);
            }
        }
        for (TopicPartition partition : partitions) {
            List<Long> expected = new ArrayList<>();
            for (long offset = 0; offset < nextOffset.getOrDefault(partition, 0L); offset++) {
                expected.add(offset);
            }
            assertThat(inserted.getOrDefault(partition, List.of())).as("offsets of %s", partition).isEqualTo(expected);
        }
        assertThat(sink.refused).isNotEmpty();
    }
}
