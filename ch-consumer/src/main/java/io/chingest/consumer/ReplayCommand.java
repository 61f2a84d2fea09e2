package io.chingest.consumer;

import io.chingest.common.config.ExitCodes;
import io.chingest.consumer.poll.ConsumerProperties;
import io.chingest.consumer.replay.ReplayRun;
import io.chingest.consumer.replay.ReplaySettings;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ch-consumer replay}: moves an inactive group's committed offsets of one topic, so that its next {@code run}
 * reads from there. Options validated into {@link ReplaySettings}, run by {@link ReplayRun}; exit codes from {@link ExitCodes}. Used by one thread.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        versionProvider = ChConsumerVersion.class,
        sortOptions = false,
        description = {
            "Sets the committed offsets of a consumer group on a topic, so that the group's next 'ch-consumer run' reads from there.",
            "Refuses while the group has members, naming each. Prints one line per partition: old committed -> new offset.",
            "Every option may also come from --config FILE (key = option name without dashes) or CH_INGEST_<KEY>."
        },
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            ExitCodes.OK + ":offsets set (or, with --dry-run, shown)",
            ExitCodes.FAILED + ":the Kafka client refuses its settings (a truststore missing); nothing changed",
            ExitCodes.INVALID_INPUT + ":invalid options, or a target that does not fit the topic (no such topic or"
                    + " partition, an offset outside the partition's range, a table holding offsets past a"
                    + " partition's end); nothing changed",
            ExitCodes.TABLE_REFUSED + ":--to-table: the table does not exist or lacks the provenance columns; nothing"
                    + " changed",
            ExitCodes.GROUP_ACTIVE + ":the group has active members (named in the message); nothing changed",
            ExitCodes.SERVICE_UNAVAILABLE + ":Kafka (within --kafka-timeout) or, for --to-table, ClickHouse (within"
                    + " --clickhouse-timeout) does not answer or refuses the credentials; nothing changed"
        })
public final class ReplayCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(
            names = "--group",
            paramLabel = "GROUP",
            required = true,
            description = "Consumer group whose offsets are set; it must have no members.")
    private String group;

    @Option(
            names = "--topic",
            paramLabel = "TOPIC",
            required = true,
            description = "Topic whose partitions' offsets are set.")
    private String topic;

    @Option(names = "--to-earliest", description = "Every partition to its earliest offset still in Kafka.")
    private boolean toEarliest;

    @Option(
            names = "--to-datetime",
            paramLabel = "ISO-8601",
            description =
                    "Every partition to its first record with a timestamp at or after this time (e.g. 2026-12-01T08:00:00Z);"
                            + " a partition without one to its end.")
    private String toDateTime;

    @Option(
            names = "--to-offsets",
            paramLabel = "P:O[,P:O...]",
            description =
                    "The listed partitions to the listed offsets (each within the partition's [earliest, end]); others unchanged.")
    private String toOffsets;

    @Option(
            names = "--to-table",
            paramLabel = "[DB.]TABLE",
            description =
                    "Every partition to just past the highest _kafka_offset the table holds of it (a partition without rows to its"
                            + " earliest offset); the table needs the provenance columns.")
    private String toTable;

    @Option(names = "--dry-run", description = "Show what would be set, change nothing.")
    private boolean dryRun;

    @Mixin
    private KafkaClientOptions kafka = new KafkaClientOptions();

    @Mixin
    private ClickHouseOptions clickHouse = new ClickHouseOptions();

    private final PrintStream out;
    private final PrintStream err;

    /** The command as the program runs it, printing to standard out and error. */
    public ReplayCommand() {
        this(System.out, System.err);
    }

    /** @param out where the per-partition lines go; @param err where a refusal goes */
    public ReplayCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        ReplaySettings settings;
        try {
            settings = options().validated();
        } catch (InvalidSettingException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return new ReplayRun(settings, out, err).execute();
    }

    ReplaySettings.Options options() {
        return new ReplaySettings.Options(
                kafka.bootstrapServers,
                ConsumerProperties.sharedClientSettings(kafka.clientProperties()),
                group,
                topic,
                toEarliest,
                toDateTime,
                toOffsets,
                toTable,
                dryRun,
                new ReplaySettings.ClickHouse(
                        clickHouse.url,
                        clickHouse.user,
                        clickHouse.password(),
                        clickHouse.trustStore(),
                        clickHouse.timeout),
                kafka.timeout);
    }
}
