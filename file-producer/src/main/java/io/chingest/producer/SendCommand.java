package io.chingest.producer;

import io.chingest.common.config.InvalidOptionException;
import io.chingest.common.config.OptionChecks;
import io.chingest.common.lifecycle.GracefulShutdown;
import io.chingest.producer.map.TargetSchema;
import io.chingest.producer.parse.ParseSettings;
import io.chingest.producer.publish.RecordKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code file-producer send}: the options of one run, validated into {@link SendSettings} and handed to a
 * {@link SendRun}. Its fields are set by picocli; one instance per run, on one thread.
 */
@Command(name = "send",
        mixinStandardHelpOptions = true,
        versionProvider = ProducerVersion.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Parses the FILEs, maps each row to an Avro record of the --schema and publishes it to --topic in the"
                + " Confluent wire format (the schema is registered under subject TOPIC-value). A row that cannot be"
                + " parsed or mapped is set aside in the rejects file (and the --dead-letter-topic) and the file goes"
                + " on.",
            "Exit code 0 when no file failed and Kafka acknowledged every row sent; 1 when a file failed (too many bad"
                + " rows, a record the parser cannot read, an unreadable file), the schema cannot be registered or a"
                + " send fails; 2 for invalid options.",
            "Every option can also come from --config FILE (key = option name without dashes) or from the environment"
                + " (CH_INGEST_<NAME>, e.g. CH_INGEST_BOOTSTRAP_SERVERS)."})
public final class SendCommand implements Callable<Integer> {

    /** How long SIGTERM waits for the open chunk to be committed and the summary printed. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofMinutes(2);

    @Spec
    CommandSpec spec;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC",
            description = "Kafka topic to publish to.")
    String topic;

    @Option(names = "--schema", required = true, paramLabel = "FILE",
            description = "Avro record schema (.avsc) of the rows. Field types: string, int, long, float, double,"
                    + " boolean (true/false, 1/0, yes/no), decimal as bytes or fixed (plain text, never rounded),"
                    + " date (yyyy-MM-dd), timestamp-millis (2024-01-02T03:04:05.123Z, or 2024-01-02 03:04:05[.123]"
                    + " in UTC), and a union of null with one of them. An empty value is null for a nullable field"
                    + " and the empty string for a string field.")
    Path schemaFile;

    @Mixin
    ParseOptions parse;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    QuarantineOptions quarantine;

    @Option(names = "--progress-topic", paramLabel = "TOPIC",
            description = "Compacted topic that keeps how far each file was sent, written in the same transaction as"
                    + " the rows; created when missing. Default: TOPIC.progress.")
    String progressTopic;

    @Option(names = "--force",
            description = "Send the files again even when an earlier run sent them (all or in part).")
    boolean force;

    @Option(names = "--chunk-rows", defaultValue = "" + SendPipeline.DEFAULT_CHUNK_ROWS, paramLabel = "N",
            description = "Rows per Kafka transaction: the rows of a chunk and the file's new position become"
                    + " visible together. Default: ${DEFAULT-VALUE}.")
    int chunkRows;

    @Option(names = "--key-field", split = ",", paramLabel = "FIELD",
            description = "Schema field(s) whose values make the record key (string, int or long; several joined"
                    + " with |). Default: no key, records are spread over the partitions.")
    List<String> keyFields = new ArrayList<>();

    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "Delimited files to publish, in order; .gz and .zst files are uncompressed.")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() {
        SendSettings settings = settings();
        PrintWriter err = spec.commandLine().getErr();
        SendRun run = new SendRun(settings, err);
        GracefulShutdown shutdown = new GracefulShutdown("file-producer", run::requestStop, SHUTDOWN_WAIT,
                SendRun.FAILED);
        shutdown.install();
        int code = SendRun.FAILED;
        try {
            code = run.execute();
            return code;
        } finally {
            err.flush();
            shutdown.finished(code);
        }
    }

    /**
     * Checks every option and builds the run's settings.
     *
     * @throws picocli.CommandLine.ParameterException naming the option at fault
     */
    SendSettings settings() {
        try {
            String validTopic = OptionChecks.topic("--topic", topic);
            ParseSettings parseSettings = parse.validated();
            TargetSchema target = SchemaFile.load(schemaFile);
            String validProgressTopic = OptionChecks.topic("--progress-topic",
                    progressTopic == null ? validTopic + ".progress" : progressTopic);
            if (validProgressTopic.equals(validTopic)) {
                throw new InvalidOptionException("--progress-topic", progressTopic, "must not be the --topic itself");
            }
            try {
                RecordKeys.of(target.schema(), keyFields);
            } catch (IllegalArgumentException e) {
                throw new InvalidOptionException("--key-field", String.join(",", keyFields), e.getMessage());
            }
            return new SendSettings(validTopic, schemaFile, target, parseSettings,
                    kafka.registryUrl(), kafka.producerConfig(), SchemaFile.readable(files),
                    quarantine.rejectsDirectory(), quarantine.deadLetterTopic(validTopic), quarantine.badRowLimit(),
                    validProgressTopic, force, OptionChecks.positive("--chunk-rows", chunkRows), keyFields,
                    IngestHost.name());
        } catch (InvalidOptionException e) {
            throw e.asParameterException(spec);
        }
    }
}
