package io.chingest.producer;

import io.chingest.common.config.InvalidOptionException;
import io.chingest.common.config.OptionChecks;
import io.chingest.producer.parse.ParseSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
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

    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "Delimited files to publish, in order; .gz and .zst files are uncompressed.")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() {
        SendSettings settings = settings();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return new SendRun(settings, err).execute();
        } finally {
            err.flush();
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
            return new SendSettings(validTopic, schemaFile, SchemaFile.load(schemaFile), parseSettings,
                    kafka.registryUrl(), kafka.producerConfig(), SchemaFile.readable(files),
                    quarantine.rejectsDirectory(), quarantine.deadLetterTopic(validTopic), quarantine.badRowLimit());
        } catch (InvalidOptionException e) {
            throw e.asParameterException(spec);
        }
    }
}
