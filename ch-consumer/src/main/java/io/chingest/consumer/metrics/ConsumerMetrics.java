package io.chingest.consumer.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The consumer's Micrometer meters: records read, rows and bytes inserted, batches (with rows and bytes histograms),
 * insert latency, failures, dead letters, buffered and in-flight bytes, assigned and paused partitions, record fields
 * dropped for want of a column and columns added; and its health. Thread-safe.
 */
public final class ConsumerMetrics {
    static final String UNMAPPED_FIELDS = "chingest.consumer.fields.unmapped";

    private final MeterRegistry registry;
    private final Counter records;
    private final Counter rowsInserted;
    private final Counter bytesInserted;
    private final Counter batches;
    private final Counter insertFailures;
    private final Counter deferrals;
    private final Counter recoveryFailures;
    private final Counter foundInserted;
    private final Counter deadLetters;
    private final Counter columnsAdded;
    private final AtomicInteger assignedPartitions = new AtomicInteger();
    private final AtomicInteger pausedPartitions = new AtomicInteger();
    private final AtomicLong bufferedBytes = new AtomicLong();
    private final AtomicLong inFlightBytes = new AtomicLong();
    private final DistributionSummary batchRows;
    private final DistributionSummary batchBytes;
    private final Timer insertTime;
    private final ConsumerHealth health = new ConsumerHealth();

    public ConsumerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.records = Counter.builder("chingest.consumer.records")
                .description("records read and encoded")
                .register(registry);
        this.rowsInserted = Counter.builder("chingest.consumer.rows.inserted")
                .description("rows ClickHouse accepted")
                .register(registry);
        this.bytesInserted = Counter.builder("chingest.consumer.bytes.inserted")
                .baseUnit("bytes")
                .description("RowBinary bytes ClickHouse accepted")
                .register(registry);
        this.batches = Counter.builder("chingest.consumer.batches")
                .description("batches inserted")
                .register(registry);
        this.insertFailures = Counter.builder("chingest.consumer.insert.failures")
                .description("insert attempts that failed")
                .register(registry);
        this.deferrals = Counter.builder("chingest.consumer.records.deferred")
                .description("records put back because the registry or ClickHouse was unavailable")
                .register(registry);
        Gauge.builder("chingest.consumer.partitions.assigned", assignedPartitions, AtomicInteger::get)
                .description("partitions this member owns")
                .register(registry);
        Gauge.builder("chingest.consumer.partitions.paused", pausedPartitions, AtomicInteger::get)
                .description("owned partitions not read now (recovering, retrying, deferred, waiting for budget)")
                .register(registry);
        Gauge.builder("chingest.consumer.buffered.bytes", bufferedBytes, AtomicLong::get)
                .baseUnit("bytes")
                .description("encoded bytes held against --max-buffered-bytes, in-flight batches included")
                .register(registry);
        Gauge.builder("chingest.consumer.inflight.bytes", inFlightBytes, AtomicLong::get)
                .baseUnit("bytes")
                .description("encoded bytes of batches being inserted or waiting for a retry")
                .register(registry);
        this.batchRows = DistributionSummary.builder("chingest.consumer.batch.rows")
                .description("rows per inserted batch")
                .publishPercentileHistogram()
                .register(registry);
        this.batchBytes = DistributionSummary.builder("chingest.consumer.batch.bytes")
                .baseUnit("bytes")
                .description("RowBinary bytes per inserted batch")
                .publishPercentileHistogram()
                .register(registry);
        this.insertTime = Timer.builder("chingest.consumer.insert.latency")
                .description("time of one insert attempt, checks included")
                .publishPercentileHistogram()
                .register(registry);
        this.deadLetters = Counter.builder("chingest.consumer.dead.letters")
                .description("poison records written to the dead-letter topic and skipped")
                .register(registry);
        this.foundInserted = Counter.builder("chingest.consumer.batches.found.inserted")
                .description(
                        "failed inserts found in the table after all (a time-out the server completed), so not sent again")
                .register(registry);
        this.columnsAdded = Counter.builder("chingest.consumer.columns.added")
                .description(
                        "columns this consumer added to the table for record fields it had no column for (--evolve)")
                .register(registry);
        this.recoveryFailures = Counter.builder("chingest.consumer.recoveries.failed")
                .description("attempts to read where an assigned partition's rows end in the table that failed")
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void recordEncoded() {
        records.increment();
    }

    public void batchInserted(int rows, long bytes) {
        batchRows.record(rows);
        batchBytes.record(bytes);
        batches.increment();
        rowsInserted.increment(rows);
        bytesInserted.increment(bytes);
    }

    public void insertFailed() {
        insertFailures.increment();
    }

    public void recordDeferred() {
        deferrals.increment();
    }

    /** The polling thread's view after a loop pass: bytes held, bytes out for inserts, paused partitions, what is wrong. */
    public void loopState(long buffered, long inFlight, int assigned, int paused, String degradation) {
        bufferedBytes.set(buffered);
        inFlightBytes.set(inFlight);
        // Paused first: a reader that sees the new assigned count then sees the paused count that goes with it.
        pausedPartitions.set(paused);
        assignedPartitions.set(assigned);
        health.update(degradation);
    }

    public void insertTook(long nanos) {
        insertTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    public ConsumerHealth health() {
        return health;
    }

    public int pausedPartitions() {
        return pausedPartitions.get();
    }

    public int assignedPartitions() {
        return assignedPartitions.get();
    }

    public void deadLettered() {
        deadLetters.increment();
    }

    public long deadLetters() {
        return (long) deadLetters.count();
    }

    public void batchFoundInserted() {
        foundInserted.increment();
    }

    public long batchesFoundInserted() {
        return (long) foundInserted.count();
    }

    /** The counter of record values dropped because the table has no column for {@code field}; one counter per field name. */
    public Counter unmappedField(String field) {
        return Counter.builder(UNMAPPED_FIELDS)
                .tag("field", field)
                .description("record field values dropped because the table has no column for the field")
                .register(registry);
    }

    /** Values of {@code field} dropped so far. */
    public long unmappedFieldValues(String field) {
        Counter counter = registry.find(UNMAPPED_FIELDS).tag("field", field).counter();
        return counter == null ? 0 : (long) counter.count();
    }

    public void columnAdded() {
        columnsAdded.increment();
    }

    public long columnsAdded() {
        return (long) columnsAdded.count();
    }

    public void recoveryFailed() {
        recoveryFailures.increment();
    }

    public long recoveryFailures() {
        return (long) recoveryFailures.count();
    }

    public long records() {
        return (long) records.count();
    }

    public long rowsInserted() {
        return (long) rowsInserted.count();
    }

    public long bytesInserted() {
        return (long) bytesInserted.count();
    }

    public long batches() {
        return (long) batches.count();
    }

    public long insertFailures() {
        return (long) insertFailures.count();
    }

    public long deferrals() {
        return (long) deferrals.count();
    }
}
