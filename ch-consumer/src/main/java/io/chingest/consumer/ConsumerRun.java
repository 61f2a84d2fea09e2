package io.chingest.consumer;

import io.chingest.common.availability.AvailabilityWait;
import io.chingest.common.availability.GrowingWaits;
import io.chingest.common.availability.KafkaAvailability;
import io.chingest.common.availability.ServiceUnavailableException;
import io.chingest.common.config.ExitCodes;
import io.chingest.common.metrics.IngestMetrics;
import io.chingest.common.metrics.PrometheusEndpoint;
import io.chingest.common.registry.RegistryFaultException;
import io.chingest.common.registry.SchemaRegistryClient;
import io.chingest.common.wire.AvroWireDecoder;
import io.chingest.consumer.buffer.PartitionBuffers;
import io.chingest.consumer.buffer.RetryBackoff;
import io.chingest.consumer.buffer.Ticker;
import io.chingest.consumer.clickhouse.ClickHouseConnection;
import io.chingest.consumer.clickhouse.ClickHouseUnavailableException;
import io.chingest.consumer.commit.OffsetCommitter;
import io.chingest.consumer.deadletter.DeadLetterBreaker;
import io.chingest.consumer.deadletter.KafkaDeadLetters;
import io.chingest.consumer.delivery.BatchDelivery;
import io.chingest.consumer.delivery.DeliveryOutcome;
import io.chingest.consumer.delivery.IncarnationCheckedOffsets;
import io.chingest.consumer.delivery.KafkaTopicIds;
import io.chingest.consumer.delivery.RunningInsertFence;
import io.chingest.consumer.encode.RecordRejectedException;
import io.chingest.consumer.encode.RecordRowEncoder;
import io.chingest.consumer.encode.WireRecordDecoder;
import io.chingest.consumer.insert.DeduplicationTokens;
import io.chingest.consumer.insert.InsertQueryIds;
import io.chingest.consumer.insert.InsertWorkers;
import io.chingest.consumer.insert.RowBinaryInserter;
import io.chingest.consumer.metrics.ConsumerMetrics;
import io.chingest.consumer.poll.BrokerConnections;
import io.chingest.consumer.poll.BrokerGroupFeatures;
import io.chingest.consumer.poll.ConsumerProperties;
import io.chingest.consumer.poll.GroupMembership;
import io.chingest.consumer.poll.IngestLoop;
import io.chingest.consumer.poll.KafkaLiveness;
import io.chingest.consumer.poll.LoopTimeouts;
import io.chingest.consumer.poll.RunStoppedException;
import io.chingest.consumer.table.ClickHouseTargetTable;
import io.chingest.consumer.table.TableSetupException;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the consumer: connects the stages (Kafka consumer, encoder, partition buffers, insert workers with the
 * exactly-once rules, offset committer), checks ClickHouse, Kafka and the table at start-up (waiting for the services
 * unless it stops at the end), runs the loop and reports. The run happens on the calling thread; {@link #requestStop()}
 * may be called from any thread.
 */
public final class ConsumerRun {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerRun.class);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final ConsumerSettings settings;
    private final ConsumerMetrics metrics;
    /** The registry the endpoint serves, or null without --metrics-port. */
    private final PrometheusMeterRegistry registry;

    private volatile PrometheusEndpoint endpoint;
    private final PrintStream out;
    private final PrintStream err;
    private volatile IngestLoop loop;
    private volatile boolean stopRequested;
    /** Counted down by {@link #requestStop()}: ends a wait for an unavailable service at once. */
    private final CountDownLatch stopSignal = new CountDownLatch(1);

    private volatile String failure;

    public ConsumerRun(ConsumerSettings settings, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.registry = settings.metricsPort().isPresent() ? PrometheusEndpoint.newRegistry() : null;
        this.metrics = new ConsumerMetrics(registry != null ? registry : IngestMetrics.newRegistry());
        this.out = out;
        this.err = err;
    }

    public ConsumerMetrics metrics() {
        return metrics;
    }

    /** The message that stopped the run with an exit code other than {@link ExitCodes#OK}, or null. */
    public String failure() {
        return failure;
    }

    public void requestStop() {
        stopRequested = true;
        stopSignal.countDown();
        IngestLoop running = loop;
        if (running != null) {
            running.requestStop();
        }
    }

    /** The port metrics and health are served on, once the run has started them; -1 without --metrics-port. */
    public int metricsPort() {
        PrometheusEndpoint serving = endpoint;
        return serving == null ? -1 : serving.port();
    }

    /** Runs to the end; returns the exit code. */
    public int execute() {
        if (registry != null) {
            new JvmMemoryMetrics().bindTo(registry);
            new JvmGcMetrics().bindTo(registry);
            endpoint = PrometheusEndpoint.start(
                    "0.0.0.0", settings.metricsPort().getAsInt(), registry, metrics.health()::degradation);
            LOG.info(
                    "serving metrics at http://0.0.0.0:{}{} and health at {}",
                    endpoint.port(),
                    PrometheusEndpoint.PATH,
                    PrometheusEndpoint.HEALTH_PATH);
        }
        try {
            return executeWithMetrics();
        } finally {
            if (endpoint != null) {
                endpoint.close();
            }
        }
    }

    private int executeWithMetrics() {
        try (ClickHouseConnection clickHouse = new ClickHouseConnection(
                settings.clickHouseUrl(),
                settings.clickHouseUser(),
                settings.clickHousePassword(),
                settings.clickHouseTrustStore(),
                settings.clickHouseTimeout(),
                settings.clickHouseCompression(),
                settings.deduplicationTokens())) {
            ClickHouseTargetTable table =
                    new ClickHouseTargetTable(clickHouse, settings.table(), settings.createTable());
            OptionalInt ended = awaitServices(clickHouse);
            if (ended.isPresent()) {
                return ended.getAsInt();
            }
            try {
                table.checkAtStartUp();
            } catch (ClickHouseUnavailableException e) {
                LOG.warn("{}; the table is checked again when the first record arrives", e.getMessage());
            }
            return consume(clickHouse, table);
        } catch (ServiceUnavailableException e) {
            return fail(e.getMessage(), ExitCodes.SERVICE_UNAVAILABLE);
        } catch (TableSetupException e) {
            return fail(e.getMessage(), ExitCodes.TABLE_REFUSED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while waiting for ClickHouse and Kafka", ExitCodes.FAILED);
        } finally {
            out.println("ch-consumer summary: " + IngestMetrics.summary(metrics.registry()));
        }
    }

    /**
     * The start-up checks of ClickHouse and Kafka (a broker answers, the topic exists), each within its timeout. A run
     * with --stop-at-end fails at the first; a daemon keeps trying (1 s doubling to 5 min), logging each failure and
     * showing it in /health.
     *
     * @return the exit code to end with (asked to stop before both were available, or the Kafka client refused its
     *         settings), or empty to go on
     * @throws ServiceUnavailableException with --stop-at-end or refused credentials, naming the address and the cause
     */
    private OptionalInt awaitServices(ClickHouseConnection clickHouse) throws InterruptedException {
        KafkaAvailability kafka = new KafkaAvailability(
                settings.bootstrapServers(),
                ConsumerProperties.sharedClientSettings(settings.consumerProperties()),
                settings.kafkaTimeout());
        AvailabilityWait.Check clickHouseCheck = clickHouse::checkAvailable;
        AvailabilityWait.Check kafkaCheck = () -> kafka.check(List.of(settings.topic()));
        try {
            if (settings.stopAtEnd()) {
                clickHouseCheck.run();
                kafkaCheck.run();
                return OptionalInt.empty();
            }
            AvailabilityWait wait = new AvailabilityWait(
                    pause -> stopSignal.await(pause.toMillis(), TimeUnit.MILLISECONDS),
                    () -> stopRequested,
                    LOG::warn,
                    LOG::info,
                    metrics.health()::update);
            boolean available = wait.await("ClickHouse at " + clickHouse.url(), clickHouseCheck)
                    && wait.await("Kafka at " + settings.bootstrapServers(), kafkaCheck);
            return available ? OptionalInt.empty() : OptionalInt.of(ExitCodes.OK);
        } catch (KafkaException e) {
            return OptionalInt.of(fail(
                    "the Kafka client refused its configuration (--bootstrap-servers, --consumer-property): "
                            + e.getMessage(),
                    ExitCodes.FAILED));
        }
    }

    private int consume(ClickHouseConnection clickHouse, ClickHouseTargetTable table) {
        SchemaRegistryClient schemaRegistry =
                new SchemaRegistryClient(settings.schemaRegistryUrl(), settings.registryAccess());
        try {
            schemaRegistry.checkServesConfluentApi();
        } catch (RegistryFaultException e) {
            return fail(e.getMessage() + " (--schema-registry)", ExitCodes.SERVICE_UNAVAILABLE);
        }
        GroupMembership.Resolved protocol = settings.membership()
                .resolve(
                        settings.consumerProperties(),
                        () -> BrokerGroupFeatures.offerConsumerProtocol(
                                settings.bootstrapServers(),
                                ConsumerProperties.sharedClientSettings(settings.consumerProperties())));
        LOG.info(
                "group protocol {} ({}){}",
                protocol.protocol().name().toLowerCase(Locale.ROOT),
                protocol.reason(),
                settings.membership()
                        .instanceId()
                        .map(id -> ", static member " + id)
                        .orElse(""));
        KafkaConsumer<byte[], byte[]> consumer;
        try {
            consumer = new KafkaConsumer<>(ConsumerProperties.of(
                    settings.bootstrapServers(),
                    settings.group(),
                    settings.consumerProperties(),
                    settings.membership(),
                    protocol.protocol()));
        } catch (KafkaException e) {
            return fail(
                    "the Kafka consumer refused its configuration (--bootstrap-servers, --consumer-property): "
                            + e.getMessage(),
                    ExitCodes.FAILED);
        }
        InsertWorkers<DeliveryOutcome> workers = new InsertWorkers<>(settings.maxInFlightInserts());
        KafkaClientMetrics kafkaMetrics = registry == null ? null : new KafkaClientMetrics(consumer);
        if (kafkaMetrics != null) {
            // Kafka's own consumer metrics, among them records-lag per partition.
            kafkaMetrics.bindTo(registry);
        }
        KafkaDeadLetters deadLetters = settings.deadLetterTopic()
                .map(topic -> KafkaDeadLetters.create(
                        settings.bootstrapServers(),
                        ConsumerProperties.sharedClientSettings(settings.consumerProperties()),
                        topic))
                .orElse(null);
        try {
            Ticker ticker = Ticker.system();
            RetryBackoff backoff = new RetryBackoff(ConsumerSettings.RETRY_BACKOFF_INITIAL, settings.retryBackoffMax());
            InsertQueryIds queryIds = new InsertQueryIds(settings.table(), settings.topic());
            BatchDelivery delivery = new BatchDelivery(
                    new RowBinaryInserter(
                            clickHouse,
                            table,
                            queryIds,
                            new DeduplicationTokens(settings.topic()),
                            settings.tableCheckInterval()),
                    table,
                    IncarnationCheckedOffsets.inClickHouse(
                            clickHouse,
                            settings.table(),
                            settings.topic(),
                            new KafkaTopicIds(
                                    settings.bootstrapServers(),
                                    ConsumerProperties.sharedClientSettings(settings.consumerProperties()))),
                    new RunningInsertFence(clickHouse, queryIds));
            RecordRowEncoder encoder = new RecordRowEncoder(
                    new WireRecordDecoder(new AvroWireDecoder(schemaRegistry)),
                    table,
                    settings.bufferLimits().maxBatchBytes(),
                    settings.evolve(),
                    metrics);
            loop = new IngestLoop(
                    consumer,
                    settings.topic(),
                    encoder,
                    new PartitionBuffers(settings.bufferLimits(), ticker),
                    workers,
                    delivery,
                    new OffsetCommitter(consumer, COMMIT_TIMEOUT),
                    metrics,
                    ticker,
                    backoff,
                    new LoopTimeouts(settings.shutdownTimeout(), settings.revokeTimeout()),
                    settings.stopAtEnd(),
                    deadLetters,
                    new DeadLetterBreaker(settings.deadLetterBreaker()),
                    new KafkaLiveness(
                            settings.bootstrapServers(),
                            settings.kafkaTimeout(),
                            GrowingWaits.DEFAULT,
                            ticker,
                            () -> BrokerConnections.open(consumer),
                            LOG::warn,
                            LOG::info,
                            metrics.health()::kafkaLost));
            if (stopRequested) {
                loop.requestStop();
            }
            LOG.info(
                    "consuming topic {} as group {} into table {}",
                    settings.topic(),
                    settings.group(),
                    settings.table());
            boolean complete = loop.run();
            return complete
                    ? ExitCodes.OK
                    : fail(
                            "stopped with rows not inserted; they are not committed and will be read again",
                            ExitCodes.FAILED);
        } catch (RecordRejectedException e) {
            return fail(e.getMessage(), ExitCodes.FAILED);
        } catch (RunStoppedException e) {
            return fail(
                    e.getMessage(),
                    switch (e.reason()) {
                        case TABLE_REFUSED -> ExitCodes.TABLE_REFUSED;
                        case SERVICE_UNAVAILABLE -> ExitCodes.SERVICE_UNAVAILABLE;
                        case TOO_MANY_DEAD_LETTERS -> ExitCodes.TOO_MANY_DEAD_LETTERS;
                        case NOTHING_TO_READ -> ExitCodes.FAILED;
                    });
        } finally {
            if (kafkaMetrics != null) {
                kafkaMetrics.close();
            }
            consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(membershipOnClose()));
            workers.close();
            if (deadLetters != null) {
                deadLetters.close();
            }
        }
    }

    /**
     * A run that stops at the end is done: it leaves the group, static member or not, so that its partitions move at
     * once. Any other stop (SIGTERM, a failure) keeps Kafka's default: a static member stays in the group until its
     * session times out, so that a restart within it gets the same partitions back without a rebalance; a dynamic
     * member leaves.
     */
    private CloseOptions.GroupMembershipOperation membershipOnClose() {
        return settings.stopAtEnd()
                ? CloseOptions.GroupMembershipOperation.LEAVE_GROUP
                : CloseOptions.GroupMembershipOperation.DEFAULT;
    }

    private int fail(String message, int exitCode) {
        failure = message;
        err.println("ch-consumer: " + message);
        return exitCode;
    }
}
