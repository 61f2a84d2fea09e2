package io.chingest.consumer.buffer;

/** A monotonic millisecond clock, injectable so tests control time. Implementations are thread-safe. */
@FunctionalInterface
public interface Ticker {

    long millis();

    static Ticker system() {
        return () -> System.nanoTime() / 1_000_000L;
    }
}
