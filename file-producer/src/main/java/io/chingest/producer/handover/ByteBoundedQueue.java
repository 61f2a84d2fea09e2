package io.chingest.producer.handover;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToLongFunction;

/**
 * A first-in first-out hand-over from one producing thread to one consuming thread whose bound is in bytes, not
 * entries: {@link #put} blocks while the entries queued and the new one together would pass the capacity, so memory
 * is a budget the producer waits for (like Kafka's {@code BufferPool}) rather than something hoped to be freed. An
 * entry larger than the whole capacity is let in alone, once the queue is empty, so it waits instead of deadlocking.
 * A {@code put} that waits goes on once the queue has drained to half its capacity (or to where its entry fits, if
 * that is less).
 * {@link #close} ends the hand-over from either side: blocked and later {@code put}s return false, and the queued
 * entries are let go. Thread-safe.
 *
 * @param <E> the entries; their sizes must not change while queued
 */
public final class ByteBoundedQueue<E> {

    private final long capacityBytes;
    private final ToLongFunction<? super E> sizeOf;
    private final ArrayDeque<Sized<E>> entries = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private long queuedBytes;
    private boolean closed;

    /**
     * @param capacityBytes the most bytes queued at once (unless a single entry is larger)
     * @param sizeOf        an entry's size in bytes, its fixed overhead included
     */
    public ByteBoundedQueue(long capacityBytes, ToLongFunction<? super E> sizeOf) {
        if (capacityBytes < 1) {
            throw new IllegalArgumentException("capacity must be at least one byte, not " + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
        this.sizeOf = sizeOf;
    }

    /**
     * Queues the entry, waiting for room first.
     *
     * @return false when the queue is closed (the entry is dropped)
     * @throws InterruptedException when interrupted while waiting; nothing is queued
     */
    public boolean put(E entry) throws InterruptedException {
        long size = sizeOf.applyAsLong(entry);
        lock.lockInterruptibly();
        try {
            while (!closed && !entries.isEmpty() && queuedBytes + size > capacityBytes) {
                notFull.await();
            }
            if (closed) {
                return false;
            }
            entries.addLast(new Sized<>(entry, size));
            queuedBytes += size;
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the oldest entry, waiting for one.
     *
     * @throws InterruptedException when interrupted while waiting
     * @throws IllegalStateException when the queue is closed
     */
    public E take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (!closed && entries.isEmpty()) {
                notEmpty.await();
            }
            if (closed) {
                throw new IllegalStateException("the hand-over is closed");
            }
            Sized<E> head = entries.removeFirst();
            queuedBytes -= head.size;
            if (queuedBytes <= capacityBytes / 2) {
                // A putter that waits is woken once half the room is free, not for every entry taken: it then puts
                // many entries in a row instead of trading a park and an unpark with the taker per entry.
                notFull.signalAll();
            }
            return head.entry;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the hand-over: waiting and later calls return (put: false; take: an exception); queued entries go. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            entries.clear();
            queuedBytes = 0;
            notFull.signalAll();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Bytes queued now. */
    public long queuedBytes() {
        lock.lock();
        try {
            return queuedBytes;
        } finally {
            lock.unlock();
        }
    }

    public long capacityBytes() {
        return capacityBytes;
    }

    private record Sized<E>(E entry, long size) {}
}
