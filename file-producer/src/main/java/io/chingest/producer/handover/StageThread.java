package io.chingest.producer.handover;

import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One stage of a pipeline on a daemon thread of its own, handing its output to the next thread through a
 * {@link ByteBoundedQueue}: the one place that owns the thread, the queue, the hand-over of a failure and the ending,
 * so that each stage is only its {@link Work}. The stage's work puts its entries in order and returns at its end, or
 * as soon as a {@code put} returns false (the hand-over was closed). Whatever it throws is handed over as one last
 * entry ({@code failure}), so the next thread hears it with its message, in its place in the stream.
 *
 * <p>Threads: the stage's thread runs the work alone; {@link #next} belongs to the one thread that takes the output;
 * {@link #close} may be called from any thread and ends the stage at its next hand-over. Memory: the queue's capacity
 * (an entry larger than that alone), plus the one entry the work holds while it waits for room.
 *
 * @param <E> the entries handed over
 */
public final class StageThread<E> implements AutoCloseable {

    /** What the stage's thread does: puts its output into {@code out}, in order. */
    @FunctionalInterface
    public interface Work<E> {
        /**
         * Runs the stage; returns at its end, or when a {@link ByteBoundedQueue#put} returns false (the stage was
         * closed: nobody takes its output any more).
         *
         * @throws Exception any failure, handed over as the last entry
         */
        void run(ByteBoundedQueue<E> out) throws Exception;
    }

    private final ByteBoundedQueue<E> queue;
    private final Thread thread;

    private StageThread(
            String name,
            long capacityBytes,
            ToLongFunction<? super E> sizeOf,
            Function<Throwable, ? extends E> failure,
            Work<E> work) {
        this.queue = new ByteBoundedQueue<>(capacityBytes, sizeOf);
        this.thread = new Thread(() -> run(work, failure), name);
        thread.setDaemon(true);
    }

    /**
     * Starts {@code work} on a new daemon thread named {@code name}.
     *
     * @param capacityBytes the output hand-over's bound in bytes
     * @param sizeOf        an entry's size in bytes, its fixed overhead included
     * @param failure       the entry that hands over a failure of the work
     */
    public static <E> StageThread<E> start(
            String name,
            long capacityBytes,
            ToLongFunction<? super E> sizeOf,
            Function<Throwable, ? extends E> failure,
            Work<E> work) {
        StageThread<E> stage = new StageThread<>(name, capacityBytes, sizeOf, failure, work);
        stage.thread.start();
        return stage;
    }

    /**
     * The next entry of the stage's output, waiting for one.
     *
     * @throws InterruptedException when the taking thread is interrupted while waiting
     * @throws IllegalStateException when the stage was closed
     */
    public E next() throws InterruptedException {
        return queue.take();
    }

    /**
     * Closes the hand-over (a waiting {@link #next} fails, a waiting or later {@code put} of the work returns false)
     * and waits for the stage's thread to end. An interrupt while waiting is kept for the caller. Idempotent.
     */
    @Override
    public void close() {
        queue.close();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the stage's thread has ended. */
    public boolean ended() {
        return !thread.isAlive();
    }

    /** Bytes handed over and not yet taken (for tests of the bound). */
    public long queuedBytes() {
        return queue.queuedBytes();
    }

    private void run(Work<E> work, Function<Throwable, ? extends E> failure) {
        try {
            work.run(queue);
        } catch (InterruptedException e) {
            // nothing interrupts this thread (close() closes the queue instead); an interrupt just ends it
        } catch (Throwable e) { // any failure of the stage is the next thread's to report
            try {
                queue.put(failure.apply(e));
            } catch (InterruptedException ignored) {
                // interrupted while waiting for room: the stage ends, as above
            }
        }
    }
}
