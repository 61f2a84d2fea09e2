package io.chingest.consumer;

import io.chingest.common.config.ByteSizeConverter;
import io.chingest.common.config.DurationConverter;
import io.chingest.common.config.ExitCodes;
import io.chingest.common.config.InvalidOptionException;
import io.chingest.common.lifecycle.GracefulShutdown;
import io.chingest.common.registry.RegistryAccessOptions;
import io.chingest.common.registry.SchemaRegistryClient;
import java.io.File;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ch-consumer run}: the options of one run, validated into {@link ConsumerSettings} and handed to a
 * {@link ConsumerRun}. Used by one thread; {@link #requestStop()} may be called from any thread.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = ChConsumerVersion.class,
        sortOptions = false,
        description = {
            "Reads Avro records (Confluent wire format) from a Kafka topic and inserts them into a ClickHouse table in bounded",
            "RowBinary batches, each covering a contiguous offset range of one partition; offsets are committed only after",
            "ClickHouse accepted the batch. Stops on SIGTERM/SIGINT after flushing and committing.",
            "Every option may also come from --config FILE (key = option name without dashes) or CH_INGEST_<KEY>.",
            "At start-up it checks ClickHouse (within --clickhouse-timeout) and Kafka and the topic (within"
                    + " --kafka-timeout); while one is unavailable it tries again (1 s doubling to 5 min), logging"
                    + " 'still unavailable: ...' and answering 503 at /health; with --stop-at-end it exits 5 instead."
        },
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            ExitCodes.OK + ":stopped by SIGTERM or SIGINT after inserting and committing, or with --stop-at-end read"
                    + " to the end",
            ExitCodes.FAILED + ":a record no retry can ingest (--errors-tolerance none), a writer schema that does not"
                    + " fit the table, rows left uninserted when stopping (uncommitted, read again), or nothing to"
                    + " read with --stop-at-end",
            ExitCodes.INVALID_INPUT + ":invalid options or configuration",
            ExitCodes.TABLE_REFUSED + ":the table refuses the rows for good: missing, a column missing or of another"
                    + " type, access denied",
            ExitCodes.SERVICE_UNAVAILABLE + ":ClickHouse or Kafka refuses the credentials or the access; with"
                    + " --stop-at-end also: does not answer within --clickhouse-timeout or --kafka-timeout, is not"
                    + " ClickHouse, or the topic does not exist; the schema registry URL does not serve the Confluent"
                    + " API at start-up, or with --stop-at-end stays unusable for 60 s",
            ExitCodes.TOO_MANY_DEAD_LETTERS + ":the dead-letter circuit breaker tripped; nothing past the records it"
                    + " stopped at is committed"
        })
public final class RunCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Java properties file with option values (flags and environment win).")
    private File config;

    @Option(names = "--topic", paramLabel = "TOPIC", required = true, description = "Kafka topic to read.")
    private String topic;

    @Option(names = "--group", paramLabel = "GROUP", required = true, description = "Kafka consumer group.")
    private String group;

    @Option(
            names = "--table",
            paramLabel = "[DB.]TABLE",
            required = true,
            description = "ClickHouse table to insert into; database 'default' when unqualified.")
    private String table;

    @Mixin
    private KafkaClientOptions kafka = new KafkaClientOptions();

    @Option(
            names = "--schema-registry",
            paramLabel = "URL",
            defaultValue = SchemaRegistryClient.DEFAULT_URL,
            description = "Confluent-compatible schema registry (default: ${DEFAULT-VALUE}).")
    private String schemaRegistryUrl;

    @Mixin
    private RegistryAccessOptions registry = new RegistryAccessOptions();

    @Mixin
    private ClickHouseOptions clickHouse = new ClickHouseOptions();

    @Mixin
    private GroupMembershipOptions membership = new GroupMembershipOptions();

    @Option(
            names = "--create-table",
            description = "Create the table from the first record's writer schema when it does not exist.")
    private boolean createTable;

    @Option(
            names = "--evolve",
            description =
                    "When a record has a field the table has no column for, add the column (ALTER TABLE ... ADD COLUMN: Nullable, or"
                            + " with DEFAULT the field's default) and write the field; without it such fields are dropped with a warning.")
    private boolean evolve;

    @Option(
            names = "--batch-max-rows",
            paramLabel = "N",
            defaultValue = "100000",
            description = "Rows per insert at most (default: ${DEFAULT-VALUE}).")
    private int batchMaxRows;

    @Option(
            names = "--batch-max-bytes",
            paramLabel = "SIZE",
            defaultValue = "16MiB",
            converter = ByteSizeConverter.class,
            description = "RowBinary bytes per insert at most (default: ${DEFAULT-VALUE}).")
    private long batchMaxBytes;

    @Option(
            names = "--batch-max-wait",
            paramLabel = "DURATION",
            defaultValue = "5s",
            converter = DurationConverter.class,
            description =
                    "How long a row may wait in its partition's buffer before the buffer is inserted (default: ${DEFAULT-VALUE}).")
    private Duration batchMaxWait;

    @Option(
            names = "--max-buffered-bytes",
            paramLabel = "SIZE",
            defaultValue = "64MiB",
            converter = ByteSizeConverter.class,
            description =
                    "Encoded bytes buffered across all partitions at most, batches awaiting a retry included (default: ${DEFAULT-VALUE}).")
    private long maxBufferedBytes;

    @Option(
            names = "--stop-at-end",
            description =
                    "Once every assigned partition is read to its end offset, inserted and committed, leave the group and exit 0.")
    private boolean stopAtEnd;

    @Option(
            names = "--retry-backoff-max",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description =
                    "Longest wait between retries of a failed insert or an unavailable service (default: ${DEFAULT-VALUE}).")
    private Duration retryBackoffMax;

    @Option(
            names = "--shutdown-timeout",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description =
                    "How long stopping may keep retrying failed inserts before leaving them uncommitted (default: ${DEFAULT-VALUE}).")
    private Duration shutdownTimeout;

    @Option(
            names = "--max-in-flight-inserts",
            paramLabel = "N",
            defaultValue = "2",
            description =
                    "Inserts running at once, each of another partition; encoding goes on meanwhile (default: ${DEFAULT-VALUE}).")
    private int maxInFlightInserts;

    @Option(
            names = "--revoke-timeout",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description =
                    "How long a rebalance may wait for the revoked partitions' inserts before handing them over uncommitted"
                            + " (default: ${DEFAULT-VALUE}).")
    private Duration revokeTimeout;

    @Option(
            names = "--table-check-interval",
            paramLabel = "DURATION",
            defaultValue = "0s",
            converter = DurationConverter.class,
            description =
                    "How long a check that the table's columns did not change type stands; 0 checks before every insert"
                            + " (default: ${DEFAULT-VALUE}).")
    private Duration tableCheckInterval;

    @Option(
            names = "--errors-tolerance",
            paramLabel = "none|all",
            defaultValue = "all",
            description =
                    "What a poison record (not in the wire format, unknown schema id, a value the column cannot hold) does:"
                            + " all = goes to the dead-letter topic and the partition reads on; none = stops the consumer (default: ${DEFAULT-VALUE}).")
    private String errorsTolerance;

    @Option(
            names = "--dead-letter-topic",
            paramLabel = "TOPIC",
            description =
                    "Topic for poison records, with their original key, value and headers plus error headers (default: TOPIC.dlq).")
    private String deadLetterTopic;

    @Option(
            names = "--dead-letter-breaker-run",
            paramLabel = "N|off",
            defaultValue = "1000",
            description =
                    "Stop (exit 6) when N records in a row of one partition would go to the dead-letter topic, a likely"
                            + " setup mistake; nothing from the first of them on is committed (default: ${DEFAULT-VALUE}).")
    private String deadLetterBreakerRun;

    @Option(
            names = "--dead-letter-breaker-share",
            paramLabel = "P%|off",
            defaultValue = "50%",
            description =
                    "Stop (exit 6) when more than P%% of the last 10000 records read would go to the dead-letter topic"
                            + " (default: ${DEFAULT-VALUE}).")
    private String deadLetterBreakerShare;

    @Option(
            names = "--metrics-port",
            paramLabel = "PORT",
            description =
                    "Serve Prometheus metrics at http://HOST:PORT/metrics and health at /health (503 while degraded); off by default.")
    private Integer metricsPort;

    @Option(
            names = "--clickhouse-compression",
            paramLabel = "auto|none|lz4",
            defaultValue = "auto",
            description =
                    "Compression of insert bodies: lz4 sends ClickHouse's own LZ4 blocks (decompress=1), none plain RowBinary,"
                            + " auto lz4 on servers from 22.2 on and none on older ones such as 18.16; answers are never compressed"
                            + " (default: ${DEFAULT-VALUE}).")
    private String clickHouseCompression;

    @Option(
            names = "--deduplication-token",
            paramLabel = "auto|off",
            defaultValue = "auto",
            description =
                    "auto: on servers from 22.2 on every insert carries insert_deduplication_token=TOPIC-PARTITION-FIRST-LAST,"
                            + " so ClickHouse drops a repeated insert of the same range, and --create-table keeps a deduplication window;"
                            + " off: no token (default: ${DEFAULT-VALUE}).")
    private String deduplicationToken;

    private final boolean installShutdownHook;
    private volatile ConsumerRun run;
    private volatile boolean stopRequested;

    /** The command as the program runs it: SIGTERM/SIGINT stop it gracefully. */
    public RunCommand() {
        this(true);
    }

    /** @param installShutdownHook false when the caller stops the run itself with {@link #requestStop()} (tests) */
    public RunCommand(boolean installShutdownHook) {
        this.installShutdownHook = installShutdownHook;
    }

    @Override
    public Integer call() {
        ConsumerSettings settings;
        try {
            settings = options().validated();
            DirectMemoryLimit.ofThisJvm().check(settings.bufferLimits().maxTotalBytes());
        } catch (InvalidSettingException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (InvalidOptionException e) {
            throw e.asParameterException(spec);
        }
        ConsumerRun current = new ConsumerRun(settings, System.out, System.err);
        run = current;
        if (stopRequested) {
            current.requestStop();
        }
        GracefulShutdown shutdown = new GracefulShutdown(
                "ch-consumer",
                current::requestStop,
                settings.shutdownTimeout().plus(Duration.ofSeconds(60)),
                ExitCodes.FAILED);
        if (installShutdownHook) {
            shutdown.install();
        }
        int code = ExitCodes.FAILED;
        try {
            code = current.execute();
            return code;
        } finally {
            if (installShutdownHook) {
                shutdown.finished(code);
            }
        }
    }

    /** Asks a running (or about to run) consumer to flush, commit and leave the group. */
    public void requestStop() {
        stopRequested = true;
        ConsumerRun current = run;
        if (current != null) {
            current.requestStop();
        }
    }

    /** The current or last run, or null before {@link #call()}; for its metrics and failure message. */
    public ConsumerRun run() {
        return run;
    }

    ConsumerSettings.Options options() {
        return new ConsumerSettings.Options(
                kafka.bootstrapServers,
                schemaRegistryUrl,
                topic,
                group,
                table,
                clickHouse.url,
                clickHouse.user,
                clickHouse.password(),
                clickHouse.timeout,
                createTable,
                batchMaxRows,
                batchMaxBytes,
                batchMaxWait,
                maxBufferedBytes,
                kafka.clientProperties(),
                stopAtEnd,
                retryBackoffMax,
                shutdownTimeout,
                maxInFlightInserts,
                revokeTimeout,
                tableCheckInterval,
                errorsTolerance,
                deadLetterTopic,
                metricsPort,
                membership.groupProtocol,
                membership.instanceId,
                evolve,
                clickHouseCompression,
                deduplicationToken,
                clickHouse.trustStore(),
                registry.access(),
                kafka.timeout,
                deadLetterBreakerRun,
                deadLetterBreakerShare);
    }
}
