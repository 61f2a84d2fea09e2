package io.chingest.producer.handover;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StageThreadTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final List<StageThread<String>> started = new ArrayList<>();

    @AfterEach
    void noStageOutlivesItsTest() {
        for (StageThread<String> stage : started) {
            stage.close();
            assertThat(stage.ended()).isTrue();
        }
    }

    @Test
    void theWorksEntriesArriveInOrderAndItsFailureIsTheLastWithItsMessage() throws Exception {
        StageThread<String> stage = start("stage", out -> {
            out.put("a");
            out.put("b");
            throw new IllegalStateException("f.csv:3: broken");
        });

        assertThat(List.of(stage.next(), stage.next(), stage.next()))
                .containsExactly("a", "b", "failed: java.lang.IllegalStateException: f.csv:3: broken");
        awaitEnded(stage);
    }

    @Test
    void aStageThatTakesFromAnotherEndsWhenThatOneIsClosedWhileItWaitsForInput() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        StageThread<String> upstream = start("upstream", out -> {
            released.await(); // busy, handing on nothing yet
            out.put("late");
        });
        StageThread<String> downstream = start("downstream", out -> {
            while (out.put("took " + upstream.next())) {
                // passes on what it takes
            }
        });
        Thread downstreamThread = thread("downstream");
        Threads.awaitBlockedOrDone(downstreamThread);

        Thread closer = new Thread(upstream::close, "closer");
        closer.start();
        downstreamThread.join(DEADLINE.toMillis());
        assertThat(downstreamThread.isAlive())
                .as("the downstream stage ends while the upstream one is still busy")
                .isFalse();
        assertThat(downstream.next()).startsWith("failed: java.lang.IllegalStateException");

        released.countDown();
        closer.join(DEADLINE.toMillis());
        assertThat(closer.isAlive()).isFalse();
        assertThat(upstream.ended()).isTrue();
    }

    @Test
    void closeEndsAWorkWaitingForRoomAndKeepsTheCallersInterrupt() {
        StageThread<String> stage = start("stage", out -> {
            while (out.put("x")) {
                // fills the hand-over, then waits for room
            }
        });

        Thread.currentThread().interrupt();
        stage.close();

        assertThat(Thread.interrupted()).isTrue();
        assertThat(stage.ended()).isTrue();
    }

    private StageThread<String> start(String name, StageThread.Work<String> work) {
        StageThread<String> stage = StageThread.start(name, 16, entry -> 8, e -> "failed: " + e, work);
        started.add(stage);
        return stage;
    }

    private static Thread thread(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static void awaitEnded(StageThread<String> stage) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!stage.ended()) {
            assertThat(System.nanoTime()).as("the stage ends").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
