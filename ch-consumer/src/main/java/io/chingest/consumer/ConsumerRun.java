package io.chingest.consumer;

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
import io.chingest.consumer.delivery.ClickHouseTableOffsets;
import io.chingest.consumer.delivery.DeliveryOutcome;
import io.chingest.consumer.delivery.RunningInsertFence;
import io.chingest.consumer.encode.RecordRejectedException;
import io.chingest.consumer.encode.RecordRowEncoder;
import io.chingest.consumer.encode.WireRecordDecoder;
import io.chingest.consumer.insert.DeduplicationTokens;
import io.chingest.consumer.insert.InsertQueryIds;
import io.chingest.consumer.insert.InsertWorkers;
import io.chingest.consumer.insert.RowBinaryInserter;
import io.chingest.consumer.metrics.ConsumerMetrics;
import io.chingest.consumer.poll.BrokerGroupFeatures;
import io.chingest.consumer.poll.ConsumerProperties;
import io.chingest.consumer.poll.GroupMembership;
import io.chingest.consumer.poll.IngestLoop;
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
import java.util.Locale;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the consumer: connects the stages (Kafka consumer, encoder, partition buffers, insert workers with the
 * exactly-once rules, offset committer), checks ClickHouse and the table at start-up, runs the loop and reports. The run happens on the
 * calling thread; {@link #requestStop()} may be called from any thread.
 */
public final class ConsumerRun {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerRun.class);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /** Exit code for a completed run. */
    public static final int OK = 0;
    /** Exit code when a record stops the run, there is nothing to read, or rows were left uninserted. */
    public static final int FAILED = 1;
    /** Exit code when the table refuses the rows for good: missing, a column missing or changed, access denied. */
    public static final int TABLE_REFUSED = 3;

    private final ConsumerSettings settings;
    private final ConsumerMetrics metrics;
    /** The registry the endpoint serves, or null without --metrics-port. */
    private final PrometheusMeterRegistry registry;

    private volatile PrometheusEndpoint endpoint;
    private final PrintStream out;
    private final PrintStream err;
    private volatile IngestLoop loop;
    private volatile boolean stopRequested;
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

    /** The message that stopped the run with {@link #FAILED}, or null. */
    public String failure() {
        return failure;
    }

    public void requestStop() {
        stopRequested = true;
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
            try {
                table.checkAtStartUp();
            } catch (ClickHouseUnavailableException e) {
                LOG.warn("{}; the table is checked again when the first record arrives", e.getMessage());
            }
            return consume(clickHouse, table);
        } catch (TableSetupException e) {
            return fail(e.getMessage());
        } finally {
            out.println("ch-consumer summary: " + IngestMetrics.summary(metrics.registry()));
        }
    }

    private int consume(ClickHouseConnection clickHouse, ClickHouseTargetTable table) {
        SchemaRegistryClient schemaRegistry =
                new SchemaRegistryClient(settings.schemaRegistryUrl(), settings.registryAccess());
        try {
            schemaRegistry.checkServesConfluentApi();
        } catch (RegistryFaultException e) {
            fail(e.getMessage() + " (--schema-registry)");
            return ExitCodes.SERVICE_UNAVAILABLE;
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
            return fail("the Kafka consumer refused its configuration (--bootstrap-servers, --consumer-property): "
                    + e.getMessage());
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
                    new ClickHouseTableOffsets(clickHouse, settings.table(), settings.topic()),
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
                    new DeadLetterBreaker(settings.deadLetterBreaker()));
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
                    ? OK
                    : fail("stopped with rows not inserted; they are not committed and will be read again");
        } catch (RecordRejectedException e) {
            return fail(e.getMessage());
        } catch (RunStoppedException e) {
            fail(e.getMessage());
            return switch (e.reason()) {
                case TABLE_REFUSED -> TABLE_REFUSED;
                case SERVICE_UNAVAILABLE -> ExitCodes.SERVICE_UNAVAILABLE;
                case TOO_MANY_DEAD_LETTERS -> ExitCodes.TOO_MANY_DEAD_LETTERS;
                case NOTHING_TO_READ -> FAILED;
            };
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

    private int fail(String message) {
        failure = message;
        err.println("ch-consumer: " + message);
        return FAILED;
    }
}
