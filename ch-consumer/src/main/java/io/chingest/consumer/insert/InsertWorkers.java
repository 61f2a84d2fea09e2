package io.chingest.consumer.insert;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A fixed number of threads that run ClickHouse work (inserts, table checks) off the polling thread, and the queue of
 * their results, which the polling thread drains. At most {@code threads} jobs are in flight; the polling thread asks
 * {@link #hasCapacity()} before it submits. Submitting and taking results: the polling thread only.
 *
 * @param <T> the result of a job; a job reports its failures as results, never as exceptions
 */
public final class InsertWorkers<T> implements AutoCloseable {
    private final int threads;
    private final ExecutorService pool;
    private final BlockingQueue<T> results = new LinkedBlockingQueue<>();
    private int inFlight;

    public InsertWorkers(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("at least one insert worker is needed, was " + threads);
        }
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, daemonThreads());
    }

    public boolean hasCapacity() {
        return inFlight < threads;
    }

    public int inFlight() {
        return inFlight;
    }

    /**
     * Runs the job on a worker; its result is returned by {@link #poll} once done.
     *
     * @param onBug the result to report when the job throws after all (a bug), so that its slot is never lost
     */
    public void submit(Supplier<T> job, Function<RuntimeException, T> onBug) {
        if (!hasCapacity()) {
            throw new IllegalStateException("all " + threads + " insert workers are busy");
        }
        inFlight++;
        pool.execute(() -> {
            T result;
            try {
                result = job.get();
            } catch (RuntimeException e) {
                result = onBug.apply(e);
            }
            results.add(result);
        });
    }

    /** The next finished job's result, waiting up to {@code timeoutMillis}; null when none finished in time. */
    public T poll(long timeoutMillis) {
        T result;
        try {
            result = timeoutMillis <= 0 ? results.poll() : results.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        if (result != null) {
            inFlight--;
        }
        return result;
    }

    /** Stops the workers; a job still running is left to end on its own (its connection times out). */
    @Override
    public void close() {
        pool.shutdownNow();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "ch-consumer-insert-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
