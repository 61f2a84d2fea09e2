package io.chingest.producer.handover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ByteBoundedQueueTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final List<Thread> started = new ArrayList<>();

    @AfterEach
    void noThreadOutlivesItsTest() throws InterruptedException {
        for (Thread thread : started) {
            thread.join(DEADLINE.toMillis());
            assertThat(thread.isAlive()).as(thread.getName() + " ended").isFalse();
        }
    }

    @Test
    void withTheTakerStalledThePutterBlocksBeforeTheBytesQueuedPassTheBound() throws InterruptedException {
        long bound = 10_000;
        Random random = new Random(20261202);
        int[] sizes = random.ints(400, 1, 2_500).toArray();
        ByteBoundedQueue<Integer> queue = new ByteBoundedQueue<>(bound, index -> sizes[index]);
        AtomicInteger put = new AtomicInteger();
        Thread putter = start("putter", () -> {
            for (int i = 0; i < sizes.length; i++) {
                if (!queue.put(i)) {
                    return;
                }
                put.incrementAndGet();
            }
        });

        int taken = 0;
        while (taken < sizes.length) {
            // stalled: nothing is taken until the putter waits for room or is done
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (!blockedForRoom(putter, sizes, taken, put.get(), bound)) {
                assertThat(System.nanoTime())
                        .as("the putter goes on while its entry fits and the queue is at most half full")
                        .isLessThan(deadline);
                Thread.onSpinWait();
            }
            assertThat(queued(sizes, taken, put.get()))
                    .as("bytes queued after %d taken", taken)
                    .isLessThanOrEqualTo(bound);
            int took = queue.take();
            assertThat(took).isEqualTo(taken);
            taken++;
        }
        assertThat(queue.queuedBytes()).isZero();
    }

    @Test
    void anEntryLargerThanTheBoundPassesAloneOnceTheQueueIsEmpty() throws InterruptedException {
        ByteBoundedQueue<String> queue = new ByteBoundedQueue<>(10, String::length);
        queue.put("small");
        AtomicBoolean hugeQueued = new AtomicBoolean();
        Thread putter = start("putter", () -> {
            queue.put("x".repeat(1000));
            hugeQueued.set(true);
        });

        Threads.awaitBlockedOrDone(putter);
        assertThat(hugeQueued).isFalse();
        assertThat(queue.take()).isEqualTo("small");
        assertThat(queue.take()).hasSize(1000);
        putter.join(DEADLINE.toMillis());
        assertThat(hugeQueued).isTrue();
    }

    @Test
    void entriesComeOutInTheOrderTheyWentInUnderRandomLoad() throws InterruptedException {
        Random random = new Random(7);
        int[] sizes = random.ints(20_000, 1, 300).toArray();
        ByteBoundedQueue<Integer> queue = new ByteBoundedQueue<>(1_000, index -> sizes[index]);
        start("putter", () -> {
            for (int i = 0; i < sizes.length; i++) {
                queue.put(i);
            }
        });

        for (int i = 0; i < sizes.length; i++) {
            assertThat(queue.take()).isEqualTo(i);
            assertThat(queue.queuedBytes()).isLessThanOrEqualTo(1_000);
        }
    }

    @Test
    void closingReleasesABlockedPutterAndLaterPutsAndTakesEndAtOnce() throws InterruptedException {
        ByteBoundedQueue<String> queue = new ByteBoundedQueue<>(4, String::length);
        queue.put("full");
        AtomicReference<Boolean> accepted = new AtomicReference<>();
        Thread putter = start("putter", () -> accepted.set(queue.put("more")));
        Threads.awaitBlockedOrDone(putter);

        queue.close();

        putter.join(DEADLINE.toMillis());
        assertThat(accepted).hasValue(false);
        assertThat(queue.put("late")).isFalse();
        assertThat(queue.queuedBytes()).isZero();
        assertThatThrownBy(queue::take)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the hand-over is closed");
    }

    @Test
    void aTakerWaitingOnAnEmptyQueueIsReleasedByClose() throws InterruptedException {
        ByteBoundedQueue<String> queue = new ByteBoundedQueue<>(4, String::length);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread taker = start("taker", () -> {
            try {
                queue.take();
            } catch (IllegalStateException e) {
                failure.set(e);
            }
        });
        Threads.awaitBlockedOrDone(taker);

        queue.close();

        taker.join(DEADLINE.toMillis());
        assertThat(failure.get()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCapacityBelowOneByteIsRefused() {
        assertThatThrownBy(() -> new ByteBoundedQueue<String>(0, String::length))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be at least one byte, not 0");
    }

    private static boolean blockedForRoom(Thread putter, int[] sizes, int taken, int put, long bound) {
        if (put == sizes.length) {
            return true;
        }
        long queued = queued(sizes, taken, put);
        // it waits only for room, and once waiting goes on when the queue has drained to half the bound
        return putter.getState() == Thread.State.WAITING && (queued + sizes[put] > bound || queued > bound / 2);
    }

    private static long queued(int[] sizes, int from, int to) {
        long bytes = 0;
        for (int i = from; i < to; i++) {
            bytes += sizes[i];
        }
        return bytes;
    }

    private interface Body {
        void run() throws InterruptedException;
    }

    private Thread start(String name, Body body) {
        Thread thread = new Thread(
                () -> {
                    try {
                        body.run();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                name);
        thread.setDaemon(true);
        started.add(thread);
        thread.start();
        return thread;
    }
}
