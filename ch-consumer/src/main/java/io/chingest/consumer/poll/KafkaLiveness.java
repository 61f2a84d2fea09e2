package io.chingest.consumer.poll;

import io.chingest.common.availability.AvailabilityWait;
import io.chingest.common.availability.GrowingWaits;
import io.chingest.consumer.buffer.Ticker;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Notices a Kafka broker lost while the run goes on: once the consumer has had no broker connection for longer than the
 * bound, reports "still unavailable" at growing intervals and shows the cause in /health, and reports once when the
 * connection is back. The Kafka client reconnects by itself; this only tells. For the polling thread only.
 */
public final class KafkaLiveness {
    /** How often the connection is sampled at most: reading the client's metrics each poll would be wasted work. */
    static final long SAMPLE_INTERVAL_MILLIS = 1000;

    private final String what;
    private final long boundMillis;
    private final GrowingWaits waits;
    private final Ticker ticker;
    private final BooleanSupplier connected;
    private final Consumer<String> warn;
    private final Consumer<String> info;
    private final Consumer<String> status;

    private long lastSampleMillis = Long.MIN_VALUE;
    /** When the connection was first seen missing, or -1 while connected. */
    private long lostSinceMillis = -1;
    /** When the next "still unavailable" line is due, or -1 before the first. */
    private long nextReportMillis = -1;

    private Duration nextWait;

    /**
     * @param bootstrap the --bootstrap-servers, for the lines
     * @param bound     how long the connection may be missing before it is reported (--kafka-timeout)
     * @param connected whether the consumer holds a broker connection now
     * @param status    receives the cause while reported and null once the connection is back (for /health)
     */
    public KafkaLiveness(
            String bootstrap,
            Duration bound,
            GrowingWaits waits,
            Ticker ticker,
            BooleanSupplier connected,
            Consumer<String> warn,
            Consumer<String> info,
            Consumer<String> status) {
        this.what = "Kafka at " + bootstrap;
        this.boundMillis = bound.toMillis();
        this.waits = waits;
        this.ticker = ticker;
        this.connected = connected;
        this.warn = warn;
        this.info = info;
        this.status = status;
        this.nextWait = waits.first();
    }

    /** Samples the connection if the last sample is a second old or more, and reports what changed. */
    public void check() {
        long now = ticker.millis();
        if (lastSampleMillis != Long.MIN_VALUE && now - lastSampleMillis < SAMPLE_INTERVAL_MILLIS) {
            return;
        }
        lastSampleMillis = now;
        if (connected.getAsBoolean()) {
            if (nextReportMillis >= 0) {
                status.accept(null);
                info.accept(what + " is available again after " + seconds(now - lostSinceMillis) + " s");
            }
            lostSinceMillis = -1;
            nextReportMillis = -1;
            nextWait = waits.first();
            return;
        }
        if (lostSinceMillis < 0) {
            lostSinceMillis = now;
        }
        long lostFor = now - lostSinceMillis;
        boolean due = nextReportMillis < 0 ? lostFor > boundMillis : now >= nextReportMillis;
        if (!due) {
            return;
        }
        String cause = what + ": no broker connection for " + seconds(lostFor) + " s";
        status.accept("unavailable: " + cause);
        warn.accept("still unavailable: " + cause + "; the client keeps reconnecting, next report in "
                + AvailabilityWait.readable(nextWait));
        nextReportMillis = now + nextWait.toMillis();
        nextWait = waits.after(nextWait);
    }

    private static long seconds(long millis) {
        return millis / 1000;
    }
}
