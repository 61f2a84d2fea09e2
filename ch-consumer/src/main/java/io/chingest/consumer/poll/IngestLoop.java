package io.chingest.consumer.poll;

import io.chingest.common.registry.SchemaRegistryException;
import io.chingest.consumer.buffer.Admission;
import io.chingest.consumer.buffer.Batch;
import io.chingest.consumer.buffer.PartitionBuffers;
import io.chingest.consumer.buffer.RetryBackoff;
import io.chingest.consumer.buffer.Ticker;
import io.chingest.consumer.commit.OffsetCommitter;
import io.chingest.consumer.deadletter.DeadLetterBreaker;
import io.chingest.consumer.deadletter.DeadLetterFailedException;
import io.chingest.consumer.deadletter.DeadLetterLog;
import io.chingest.consumer.deadletter.DeadLetterSink;
import io.chingest.consumer.delivery.BatchDelivery;
import io.chingest.consumer.delivery.DeliveryOutcome;
import io.chingest.consumer.encode.EncodedRow;
import io.chingest.consumer.encode.RecordDeferredException;
import io.chingest.consumer.encode.RecordRejectedException;
import io.chingest.consumer.encode.RecordRowEncoder;
import io.chingest.consumer.insert.InsertWorkers;
import io.chingest.consumer.metrics.ConsumerMetrics;
import io.chingest.consumer.poll.PartitionState.Phase;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer's polling thread. It polls, encodes each record at once into its partition's buffer, hands sealed batches
 * to the insert workers (one batch in flight per partition), takes their results, and commits what is safe once per
 * pass; it never waits on ClickHouse, so the group membership holds whatever ClickHouse does. Each partition's state is
 * one {@link PartitionState}; every partition that is not reading is paused. On revoke it inserts and commits what it
 * can within the revoke timeout and abandons the rest to the next owner, whose recovery fences any insert still
 * running. Not thread-safe, except {@link #requestStop()}, which any thread may call.
 */
public final class IngestLoop {
    private static final Logger LOG = LoggerFactory.getLogger(IngestLoop.class);
    private static final long MAX_POLL_WAIT_MILLIS = 500;
    /** While inserts are in flight the loop polls often, so their results are taken (and committed) soon. */
    private static final long BUSY_POLL_WAIT_MILLIS = 10;

    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
    private static final long IDLE_POSITION_INTERVAL_MILLIS = 1000;
    /** With stop-at-end: how long to wait for a first assignment before giving up. */
    static final Duration ASSIGNMENT_WAIT = Duration.ofSeconds(60);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final RecordRowEncoder encoder;
    private final PartitionBuffers buffers;
    private final InsertWorkers<DeliveryOutcome> workers;
    private final BatchDelivery delivery;
    private final OffsetCommitter committer;
    private final ConsumerMetrics metrics;
    private final Ticker ticker;
    private final RetryBackoff backoff;
    private final LoopTimeouts timeouts;
    private final boolean stopAtEnd;
    /** Where poison records go; null to stop at the first one. */
    private final DeadLetterSink deadLetters;
    /** Logs dead letters by reason and interval; null without dead letters. */
    private final DeadLetterLog deadLetterLog;

    private final DeadLetterBreaker breaker;
    private final KafkaLiveness liveness;
    /** Insertion order is dispatch order; a partition that was just given a worker moves to the end. */
    private final Map<TopicPartition, PartitionState> states = new LinkedHashMap<>();

    private Map<TopicPartition, Long> endsAtStart = Map.of();
    private long nextEpoch;
    private int consecutiveDeferrals;
    /** When the schema registry became unusable for the records read since, or -1 while it answers. */
    private long registryUnusableSinceMillis = -1;

    private boolean budgetFreed;
    private long lastIdlePositionsMillis;
    /** Set when a record of the current poll was deferred: the rest of that poll waits without asking the service again. */
    private boolean deferredInThisPoll;

    private long deferredInThisPollUntil;
    private String tableRefusal;
    /** Set once the loop has drained: the revoke that closing the consumer causes must not wait again. */
    private boolean drained;

    private volatile boolean stopRequested;

    public IngestLoop(
            Consumer<byte[], byte[]> consumer,
            String topic,
            RecordRowEncoder encoder,
            PartitionBuffers buffers,
            InsertWorkers<DeliveryOutcome> workers,
            BatchDelivery delivery,
            OffsetCommitter committer,
            ConsumerMetrics metrics,
            Ticker ticker,
            RetryBackoff backoff,
            LoopTimeouts timeouts,
            boolean stopAtEnd,
            DeadLetterSink deadLetters,
            DeadLetterBreaker breaker,
            KafkaLiveness liveness) {
        this.consumer = consumer;
        this.topic = topic;
        this.encoder = encoder;
        this.buffers = buffers;
        this.workers = workers;
        this.delivery = delivery;
        this.committer = committer;
        this.metrics = metrics;
        this.ticker = ticker;
        this.backoff = backoff;
        this.timeouts = timeouts;
        this.stopAtEnd = stopAtEnd;
        this.deadLetters = deadLetters;
        this.deadLetterLog = deadLetters == null ? null : new DeadLetterLog(ticker, deadLetters.topic());
        this.breaker = breaker;
        this.liveness = liveness;
    }

    /** Asks the loop to insert what it holds, commit and leave the group; safe from any thread (a shutdown hook). */
    public void requestStop() {
        stopRequested = true;
        consumer.wakeup();
    }

    /**
     * Runs until stopped (or, with stop-at-end, until every assigned partition is read to the end offset it had when the
     * run started, inserted and committed), then inserts and commits what it holds.
     *
     * @return true when everything read was inserted and committed; false when rows were left for a later run
     * @throws RecordRejectedException after inserting and committing the rows before it, for a record no retry can ingest
     *     when there is no dead-letter topic, or for a writer schema that does not fit the table
     * @throws RunStoppedException when the table refuses rows for good, records go to the dead-letter topic faster than
     *     the circuit breaker allows (after inserting and committing the rows before them), or with stop-at-end there is
     *     nothing to read or the schema registry stays unusable past {@link LoopTimeouts#unusableRegistry()}
     */
    public boolean run() {
        if (stopAtEnd) {
            endsAtStart = endOffsetsNow();
        }
        consumer.subscribe(List.of(topic), new PartitionOwnership());
        long startedAt = ticker.millis();
        RecordRejectedException rejected = null;
        RunStoppedException stopped = null;
        try {
            while (!stopRequested && tableRefusal == null) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(Duration.ofMillis(pollWaitMillis()));
                } catch (WakeupException e) {
                    continue;
                }
                deferredInThisPoll = false;
                for (TopicPartition partition : records.partitions()) {
                    intake(partition, records.records(partition));
                }
                afterPoll();
                if (stopAtEnd && records.isEmpty() && tableRefusal == null && finishedAtEnd()) {
                    LOG.info(
                            "every assigned partition of {} is read to the end it had at start-up, inserted and committed",
                            topic);
                    break;
                }
                if (stopAtEnd && states.isEmpty() && ticker.millis() - startedAt > ASSIGNMENT_WAIT.toMillis()) {
                    throw new RunStoppedException(
                            "no partition of topic " + topic + " was assigned within " + ASSIGNMENT_WAIT
                                    + " (more consumers in the group than partitions?)",
                            RunStoppedException.Reason.NOTHING_TO_READ);
                }
            }
        } catch (RecordRejectedException e) {
            rejected = e;
            LOG.error("{}; inserting and committing the rows before it, then stopping", e.getMessage());
        } catch (RunStoppedException e) {
            stopped = e;
            LOG.error("{}; inserting and committing the rows before, then stopping", e.getMessage());
        }
        boolean complete = drain();
        if (tableRefusal != null) {
            throw new RunStoppedException(tableRefusal, RunStoppedException.Reason.TABLE_REFUSED);
        }
        if (rejected != null) {
            throw rejected;
        }
        if (stopped != null) {
            throw stopped;
        }
        return complete;
    }

    private void intake(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records) {
        PartitionState state = states.get(partition);
        long endOffset = stopAtEnd ? endsAtStart.getOrDefault(partition, 0L) : Long.MAX_VALUE;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (state == null || !state.takesRecords()) {
                consumer.seek(partition, record.offset());
                return;
            }
            if (record.offset() >= endOffset) {
                state.atEnd = true;
                consumer.seek(partition, record.offset());
                return;
            }
            if (deferredInThisPoll) {
                state.phase = Phase.DEFERRED;
                state.nextAttemptMillis = deferredInThisPollUntil;
                consumer.seek(partition, record.offset());
                return;
            }
            EncodedRow row;
            try {
                row = encoder.encode(partition.topic(), partition.partition(), record.offset(), record.value());
            } catch (RecordDeferredException e) {
                defer(state, e.getMessage());
                consumer.seek(partition, record.offset());
                stopIfTheRegistryStaysUnusable(e);
                return;
            } catch (RecordRejectedException e) {
                deadLetter(state, record, e);
                continue;
            }
            consecutiveDeferrals = 0;
            registryUnusableSinceMillis = -1;
            Admission admission = buffers.offer(
                    partition, record.offset(), row.bytes().array(), row.bytes().size(), row.columns());
            if (admission != Admission.ACCEPTED) {
                // Budget full, or a new column list while the partition has enough batches waiting: read it again
                // later.
                state.phase = Phase.WAITING_FOR_BUDGET;
                consumer.seek(partition, record.offset());
                return;
            }
            metrics.recordEncoded();
            breaker.passed(partition);
            if (!state.readingLogged) {
                state.readingLogged = true;
                LOG.info("reading {} from offset {}", partition, record.offset());
            }
        }
    }

    /**
     * Sends a poison record to the dead-letter topic, so that the partition reads on past it; the commit that passes it
     * waits for its acknowledgement ({@link #commit()}).
     *
     * @throws RecordRejectedException when there is no dead-letter topic, or the record's schema does not fit the table
     * @throws RunStoppedException when this record trips the circuit breaker (it is not sent)
     */
    private void deadLetter(PartitionState state, ConsumerRecord<byte[], byte[]> record, RecordRejectedException e) {
        if (deadLetters == null || e.isTableMismatch()) {
            throw e;
        }
        String reason = DeadLetterLog.reasonOf(e.getMessage(), record);
        Optional<String> trip = breaker.deadLettered(state.partition, record.offset(), reason);
        if (trip.isPresent()) {
            throw new RunStoppedException(trip.get(), RunStoppedException.Reason.TOO_MANY_DEAD_LETTERS);
        }
        deadLetters.send(record, e);
        metrics.deadLettered();
        deadLetterLog.written(record, reason, e.getMessage());
        if (buffers.isIdle(state.partition) && !state.hasBatchOut()) {
            // Nothing before it waits for an insert: the offset may move on once the letter is acknowledged.
            committer.markSafe(state.partition, record.offset() + 1);
        }
    }

    /**
     * With stop-at-end, a schema registry that stays unusable (the deferral's cause) past the bound stops the run; the
     * record is not read, so nothing past it is committed. Without stop-at-end the consumer waits for it.
     */
    private void stopIfTheRegistryStaysUnusable(RecordDeferredException e) {
        if (!(e.getCause() instanceof SchemaRegistryException)) {
            return;
        }
        long now = ticker.millis();
        if (registryUnusableSinceMillis < 0) {
            registryUnusableSinceMillis = now;
        } else if (stopAtEnd
                && now - registryUnusableSinceMillis
                        > timeouts.unusableRegistry().toMillis()) {
            throw new RunStoppedException(
                    "the schema registry stayed unusable for more than " + readable(timeouts.unusableRegistry())
                            + ", stopping (--stop-at-end) without reading on: " + e.getMessage(),
                    RunStoppedException.Reason.SERVICE_UNAVAILABLE);
        }
    }

    private static String readable(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private void defer(PartitionState state, String why) {
        metrics.recordDeferred();
        consecutiveDeferrals++;
        long delay = backoff.jitteredDelayMillis(consecutiveDeferrals);
        deferredInThisPoll = true;
        deferredInThisPollUntil = ticker.millis() + delay;
        state.phase = Phase.DEFERRED;
        state.nextAttemptMillis = deferredInThisPollUntil;
        if (consecutiveDeferrals == 1) {
            LOG.warn("{}; reading {} again in {} ms", why, state.partition, delay);
        } else if (Integer.bitCount(consecutiveDeferrals) == 1) {
            // attempts 2, 4, 8, ...: at growing intervals, not once per attempt
            LOG.warn(
                    "still unavailable after {} attempts: {}; reading {} again in {} ms",
                    consecutiveDeferrals,
                    why,
                    state.partition,
                    delay);
        }
    }

    /**
     * Commits what is safe: first waits for the dead letters sent (a partition whose letter failed waits and has it sent
     * again), then commits no partition past a letter not acknowledged or a run of dead letters the breaker holds.
     */
    private boolean commit() {
        if (deadLetters != null && !deadLetters.unacknowledged().isEmpty()) {
            for (DeadLetterFailedException failed : deadLetters.flush()) {
                PartitionState state = states.get(failed.partition());
                if (state != null && state.phase == Phase.READING) {
                    defer(state, failed.getMessage() + "; nothing past it is committed until it is written");
                } else {
                    LOG.warn("{}; nothing past it is committed until it is written", failed.getMessage());
                }
            }
        }
        Map<TopicPartition, Long> ceilings =
                new HashMap<>(deadLetters == null ? Map.of() : deadLetters.unacknowledged());
        for (PartitionState state : states.values()) {
            OptionalLong hold = breaker.holdFrom(state.partition);
            if (hold.isPresent() && (state.atEnd || caughtUp(state.partition))) {
                breaker.release(state.partition);
                hold = breaker.holdFrom(state.partition);
            }
            if (hold.isPresent()) {
                ceilings.merge(state.partition, hold.getAsLong(), Math::min);
            }
        }
        committer.limitTo(ceilings);
        return committer.commitOutstanding();
    }

    /** True when the partition's position is at its end as the last fetch saw it. */
    private boolean caughtUp(TopicPartition partition) {
        try {
            OptionalLong lag = consumer.currentLag(partition);
            return lag.isPresent() && lag.getAsLong() <= 0;
        } catch (IllegalStateException | KafkaException e) {
            return false;
        }
    }

    /** One pass of bookkeeping after a poll: seal, take results, start what is due, pause, commit. */
    private void afterPoll() {
        buffers.sealExpired();
        takeResults(0);
        startDueWork();
        dispatchReady();
        updatePauses();
        markPositionsOfIdlePartitions();
        commit();
        if (deadLetterLog != null) {
            deadLetterLog.reportIfDue();
        }
        liveness.check();
        reportState();
    }

    private void reportState() {
        int paused = 0;
        String degradation = null;
        for (PartitionState state : states.values()) {
            if (!state.takesRecords()) {
                paused++;
            }
            if (state.phase == Phase.RETRYING) {
                degradation = "inserts of " + state.partition + " into the table fail";
            } else if (state.phase == Phase.RECOVERING && state.failures > 0 && degradation == null) {
                degradation = "ClickHouse cannot be asked where " + state.partition + " ends in the table";
            } else if (state.phase == Phase.DEFERRED && degradation == null) {
                degradation = "the schema registry or ClickHouse is unavailable while reading " + state.partition;
            }
        }
        metrics.loopState(buffers.totalBytes(), buffers.takenBytes(), states.size(), paused, degradation);
    }

    /**
     * A partition with nothing buffered or out has every record before its position in the table (or dead-lettered, or
     * a transaction marker that holds no row): its position may be committed, so that committed offsets reach the end
     * of a topic written in transactions. At most once per second.
     */
    private void markPositionsOfIdlePartitions() {
        long now = ticker.millis();
        if (now - lastIdlePositionsMillis < IDLE_POSITION_INTERVAL_MILLIS) {
            return;
        }
        lastIdlePositionsMillis = now;
        for (PartitionState state : states.values()) {
            if (state.phase == Phase.RECOVERING || state.revoking || hasUninserted(state, buffers)) {
                continue;
            }
            try {
                long position = consumer.position(state.partition, Duration.ZERO);
                if (position > state.committedAtAssignment) {
                    committer.markSafe(state.partition, position);
                }
            } catch (KafkaException e) {
                // The position is not known yet: nothing was fetched, nothing to commit.
            }
        }
    }

    private void takeResults(long waitMillis) {
        DeliveryOutcome outcome = workers.poll(waitMillis);
        while (outcome != null) {
            handle(outcome);
            outcome = workers.poll(0);
        }
    }

    private void handle(DeliveryOutcome outcome) {
        PartitionState state = states.get(outcome.partition());
        boolean current = state != null && state.epoch == outcome.epoch();
        if (outcome instanceof DeliveryOutcome.Inserted inserted) {
            release(inserted.batch());
            if (current) {
                inserted(state, inserted);
            }
        } else if (outcome instanceof DeliveryOutcome.InsertFailed failed) {
            if (current) {
                insertFailed(state, failed);
            } else {
                release(failed.batch());
            }
        } else if (outcome instanceof DeliveryOutcome.Recovered recovered) {
            if (current) {
                recovered(state, recovered);
            }
        } else if (outcome instanceof DeliveryOutcome.RecoveryRefused refused && current) {
            state.recoveryInFlight = false;
            if (tableRefusal == null) {
                // Every partition is refused for the same reason: say it once.
                tableRefusal = refused.message();
                LOG.error("{}", refused.message());
            }
        } else if (outcome instanceof DeliveryOutcome.RecoveryFailed failed && current) {
            metrics.recoveryFailed();
            state.recoveryInFlight = false;
            state.failures++;
            long delay = backoff.jitteredDelayMillis(state.failures);
            state.nextAttemptMillis = ticker.millis() + delay;
            logFirstAndThenQuietly(state.failures, "{}; asking again in {} ms", failed.message(), delay);
        }
    }

    private void inserted(PartitionState state, DeliveryOutcome.Inserted inserted) {
        Batch batch = inserted.batch();
        state.inFlight = null;
        metrics.batchInserted(batch.rows(), batch.bytes());
        if (inserted.alreadyInTable()) {
            metrics.batchFoundInserted();
        }
        if (state.phase == Phase.RETRYING) {
            LOG.info(
                    "inserted {} after {} failed attempts{}",
                    batch,
                    state.failures,
                    inserted.alreadyInTable() ? " (an earlier attempt had inserted it after all; not sent again)" : "");
            state.phase = Phase.READING;
        }
        state.failures = 0;
        state.permanentFailures = 0;
        committer.markSafe(state.partition, batch.lastOffset() + 1);
    }

    private void insertFailed(PartitionState state, DeliveryOutcome.InsertFailed failed) {
        metrics.insertFailed();
        state.inFlight = null;
        if (failed.permanent() && ++state.permanentFailures > 1) {
            // The batch stays the partition's failed one, so nothing at or after it is committed.
            state.failed = failed.batch();
            tableRefusal = failed.message();
            LOG.error("{}; the table refused it again after being read anew, stopping", failed.message());
            return;
        }
        state.failed = failed.batch();
        state.failures++;
        state.phase = Phase.RETRYING;
        long delay = backoff.jitteredDelayMillis(state.failures);
        state.nextAttemptMillis = ticker.millis() + delay;
        logFirstAndThenQuietly(state.failures, "{}; nothing committed, trying again in {} ms", failed.message(), delay);
    }

    private void recovered(PartitionState state, DeliveryOutcome.Recovered recovered) {
        state.recoveryInFlight = false;
        state.failures = 0;
        state.phase = Phase.READING;
        if (recovered.highestInTable().isPresent()) {
            long next = recovered.highestInTable().getAsLong() + 1;
            LOG.info(
                    "table already holds {} up to offset {} (committed: {}); reading on from {}",
                    state.partition,
                    next - 1,
                    state.committedAtAssignment,
                    next);
            consumer.seek(state.partition, next);
            committer.markSafe(state.partition, next);
        }
    }

    private void release(Batch batch) {
        buffers.release(batch);
        budgetFreed = true;
    }

    /** Starts retries and recoveries whose time has come, and resumes deferred and budget-blocked partitions. */
    private void startDueWork() {
        if (tableRefusal != null) {
            return;
        }
        long now = ticker.millis();
        for (PartitionState state : List.copyOf(states.values())) {
            switch (state.phase) {
                case DEFERRED -> {
                    if (now >= state.nextAttemptMillis) {
                        state.phase = Phase.READING;
                    }
                }
                case WAITING_FOR_BUDGET -> {
                    if ((budgetFreed || buffers.hasRoomForABatch()) && !buffers.isBacklogged(state.partition)) {
                        state.phase = Phase.READING;
                    }
                }
                case RETRYING -> {
                    if (state.failed != null && now >= state.nextAttemptMillis && workers.hasCapacity()) {
                        Batch batch = state.failed;
                        state.failed = null;
                        send(state, batch, true);
                    }
                }
                case RECOVERING -> {
                    if (!state.recoveryInFlight && now >= state.nextAttemptMillis && workers.hasCapacity()) {
                        state.recoveryInFlight = true;
                        long epoch = state.epoch;
                        TopicPartition partition = state.partition;
                        long from = state.committedAtAssignment;
                        workers.submit(
                                () -> delivery.recover(partition, epoch, from),
                                bug -> new DeliveryOutcome.RecoveryFailed(
                                        partition, epoch, "reading the table's offsets failed: " + bug));
                    }
                }
                case READING -> {
                    // Nothing is due.
                }
            }
        }
        budgetFreed = false;
    }

    /** Gives free workers the sealed batches of partitions that have none out, longest-waiting partition first. */
    private void dispatchReady() {
        if (tableRefusal != null) {
            return;
        }
        for (PartitionState state : List.copyOf(states.values())) {
            if (!workers.hasCapacity()) {
                return;
            }
            if (state.mayDispatch() && buffers.hasReady(state.partition)) {
                send(state, buffers.take(state.partition), false);
            }
        }
    }

    private void send(PartitionState state, Batch batch, boolean afterFailure) {
        state.inFlight = batch;
        long epoch = state.epoch;
        workers.submit(
                () -> {
                    long start = System.nanoTime();
                    DeliveryOutcome outcome = delivery.insert(batch, epoch, afterFailure);
                    metrics.insertTook(System.nanoTime() - start);
                    return outcome;
                },
                bug -> new DeliveryOutcome.InsertFailed(batch, epoch, "inserting " + batch + " failed: " + bug, false));
        states.remove(state.partition);
        states.put(state.partition, state);
    }

    /** Pauses exactly the assigned partitions that do not take records now, and resumes the others. */
    private void updatePauses() {
        Set<TopicPartition> assigned = consumer.assignment();
        Set<TopicPartition> wanted = new HashSet<>();
        for (TopicPartition partition : assigned) {
            PartitionState state = states.get(partition);
            if (state == null || !state.takesRecords()) {
                wanted.add(partition);
            }
        }
        Set<TopicPartition> paused = consumer.paused();
        Set<TopicPartition> toPause = new HashSet<>(wanted);
        toPause.removeAll(paused);
        Set<TopicPartition> toResume = new HashSet<>(paused);
        toResume.removeAll(wanted);
        toResume.retainAll(assigned);
        if (!toPause.isEmpty()) {
            consumer.pause(toPause);
        }
        if (!toResume.isEmpty()) {
            consumer.resume(toResume);
        }
    }

    private long pollWaitMillis() {
        if (workers.inFlight() > 0) {
            return BUSY_POLL_WAIT_MILLIS;
        }
        long wait = Math.min(MAX_POLL_WAIT_MILLIS, buffers.millisUntilNextExpiry());
        long now = ticker.millis();
        for (PartitionState state : states.values()) {
            if (state.phase == Phase.DEFERRED || state.phase == Phase.RETRYING || state.phase == Phase.RECOVERING) {
                wait = Math.min(wait, Math.max(0, state.nextAttemptMillis - now));
            }
        }
        return Math.max(1, wait);
    }

    private static boolean hasUninserted(PartitionState state, PartitionBuffers buffers) {
        return state.hasBatchOut() || !buffers.isIdle(state.partition);
    }

    private Map<TopicPartition, Long> endOffsetsNow() {
        List<PartitionInfo> partitions;
        try {
            partitions = consumer.listTopics(METADATA_TIMEOUT).get(topic);
        } catch (KafkaException e) {
            throw new RunStoppedException(
                    "cannot list the topics of the Kafka cluster: " + e.getMessage(),
                    RunStoppedException.Reason.NOTHING_TO_READ);
        }
        if (partitions == null || partitions.isEmpty()) {
            throw new RunStoppedException(
                    "topic " + topic + " does not exist", RunStoppedException.Reason.NOTHING_TO_READ);
        }
        List<TopicPartition> all = partitions.stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(all, METADATA_TIMEOUT));
        LOG.info("reading {} up to its end offsets at start-up: {}", topic, ends);
        return ends;
    }

    /**
     * With stop-at-end: true once every assigned partition is read to its end offset at start-up and all of it is
     * inserted and committed. Seals the buffers of partitions read to their end, so the last rows need not wait for the
     * batch time limit.
     */
    private boolean finishedAtEnd() {
        try {
            Set<TopicPartition> assigned = consumer.assignment();
            if (assigned.isEmpty()) {
                return false;
            }
            boolean allRead = true;
            for (TopicPartition partition : assigned) {
                PartitionState state = states.get(partition);
                if (state == null || state.phase == Phase.RECOVERING) {
                    return false;
                }
                if (state.atEnd
                        || consumer.position(partition, METADATA_TIMEOUT) >= endsAtStart.getOrDefault(partition, 0L)) {
                    state.atEnd = true;
                    buffers.seal(List.of(partition));
                } else {
                    allRead = false;
                }
            }
            if (!allRead || states.values().stream().anyMatch(state -> hasUninserted(state, buffers))) {
                return false;
            }
            // Offsets read here can end in records that hold no rows (transaction markers): commit the positions.
            for (TopicPartition partition : assigned) {
                long position = consumer.position(partition, METADATA_TIMEOUT);
                if (position > states.get(partition).committedAtAssignment) {
                    committer.markSafe(partition, position);
                }
            }
            return commit();
        } catch (KafkaException e) {
            LOG.debug("checking the end offsets failed, checking again later: {}", e.toString());
            return false;
        }
    }

    /** Seals every buffer, inserts (retrying failed batches) until the shutdown timeout, and commits what was inserted. */
    private boolean drain() {
        buffers.sealAll();
        if (!breaker.tripped()) {
            // A stop, not a trip: the dead letters in a row so far are no reason to read them again.
            states.keySet().forEach(breaker::release);
        }
        boolean complete = insertWithin(states.values(), timeouts.shutdown());
        commit();
        if (deadLetterLog != null) {
            deadLetterLog.report();
        }
        drained = true;
        if (!complete) {
            LOG.error(
                    "rows of partitions {} could not be inserted within {}; their offsets are not committed and they will be"
                            + " read again",
                    states.keySet(),
                    timeouts.shutdown());
            return false;
        }
        return !committer.hasOutstanding();
    }

    /** Sends and retries the batches of these partitions until none is left or the time is up; true when none is left. */
    private boolean insertWithin(Collection<PartitionState> partitions, Duration limit) {
        long deadline = ticker.millis() + limit.toMillis();
        while (tableRefusal == null && partitions.stream().anyMatch(state -> hasUninserted(state, buffers))) {
            long left = deadline - ticker.millis();
            if (left <= 0) {
                return false;
            }
            startDueWork();
            dispatchReady();
            takeResults(Math.min(left, 50));
            commit();
        }
        return tableRefusal == null;
    }

    private static void logFirstAndThenQuietly(int failures, String format, Object... arguments) {
        if (failures == 1) {
            LOG.warn(format, arguments);
        } else {
            LOG.debug(format, arguments);
        }
    }

    /** Partition state follows the group: recovery on assignment, bounded hand-over on revoke, nothing kept when lost. */
    private final class PartitionOwnership implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            LOG.info("assigned {}", partitions);
            consumer.pause(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(partitions);
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                PartitionState state = new PartitionState(partition, ++nextEpoch, offset == null ? 0 : offset.offset());
                state.nextAttemptMillis = ticker.millis();
                states.put(partition, state);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            List<PartitionState> leaving = partitions.stream()
                    .map(states::get)
                    .filter(state -> state != null)
                    .toList();
            if (leaving.isEmpty()) {
                return;
            }
            leaving.forEach(state -> state.revoking = true);
            buffers.seal(partitions);
            if (!drained && !insertWithin(leaving, timeouts.revoke())) {
                LOG.warn(
                        "partitions {} are revoked with rows not inserted within {}; they are not committed and their next owner"
                                + " reads them again",
                        partitions,
                        timeouts.revoke());
            }
            commit();
            forget(leaving);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            List<PartitionState> lost = partitions.stream()
                    .map(states::get)
                    .filter(state -> state != null)
                    .toList();
            LOG.warn(
                    "partitions {} were lost to the group; rows not committed are read again by their next owner",
                    partitions);
            forget(lost);
        }

        /** Drops the rows of partitions this member no longer owns; a batch still in flight frees its memory when it returns. */
        private void forget(List<PartitionState> leaving) {
            for (PartitionState state : leaving) {
                buffers.discard(List.of(state.partition));
                if (state.failed != null) {
                    buffers.release(state.failed);
                }
                states.remove(state.partition);
                breaker.forget(state.partition);
            }
            committer.forget(leaving.stream().map(state -> state.partition).toList());
        }

        private Map<TopicPartition, OffsetAndMetadata> committedOffsets(Collection<TopicPartition> partitions) {
            try {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        consumer.committed(Set.copyOf(partitions), METADATA_TIMEOUT);
                return committed == null ? Map.of() : committed;
            } catch (KafkaException e) {
                LOG.warn(
                        "cannot read the committed offsets of {} ({}); the table is searched from offset 0",
                        partitions,
                        e.toString());
                return Map.of();
            }
        }
    }
}
