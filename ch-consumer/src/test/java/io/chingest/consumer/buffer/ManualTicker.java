package io.chingest.consumer.buffer;

/** A clock tests move by hand. Not thread-safe. */
final class ManualTicker implements Ticker {
    private long now;

    @Override
    public long millis() {
        return now;
    }

    void advance(long millis) {
        now += millis;
    }
}
