package io.chingest.producer;

import io.chingest.common.config.ExitCodes;
import io.chingest.common.config.InvalidOptionException;
import io.chingest.producer.feedback.ProgressMode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code file-producer send}: the options of one run, validated into {@link SendSettings} and handed to a
 * {@link SendRun}; SIGTERM and SIGINT stop the run after committing its open chunk. Its fields are set by picocli;
 * one instance per run, on one thread.
 */
@Command(
        name = "send",
        mixinStandardHelpOptions = true,
        versionProvider = ProducerVersion.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Parses the FILEs, maps each row to an Avro record of the --schema and publishes it to --topic in the"
                    + " Confluent wire format (the schema is registered under subject TOPIC-value), exactly once: rows"
                    + " go in Kafka transactions of --chunk-rows together with the file's position in the progress"
                    + " topic, and a file sent before is resumed where it stopped. A row that cannot be parsed or mapped"
                    + " is set aside in the rejects file (and the --dead-letter-topic) and the file goes on.",
            "Every option can also come from --config FILE (key = option name without dashes) or from the environment"
                    + " (CH_INGEST_<NAME>, e.g. CH_INGEST_BOOTSTRAP_SERVERS)."
        },
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            ExitCodes.OK + ":no file failed and every chunk was committed (also after SIGTERM, which commits the open"
                    + " chunk)",
            ExitCodes.FAILED
                    + ":a file failed (too many bad rows, a record the parser cannot read, an unreadable file),"
                    + " the schema cannot be registered or a commit fails",
            ExitCodes.INVALID_INPUT + ":invalid options, configuration or schema file; nothing sent",
            ExitCodes.SERVICE_UNAVAILABLE + ":no Kafka broker answers within --kafka-timeout, Kafka refuses the"
                    + " credentials, or a topic is not served within it; nothing sent"
        })
public final class SendCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TopicOptions topic;

    @Mixin
    ParseOptions parse;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    QuarantineOptions quarantine;

    @Option(
            names = "--progress",
            defaultValue = "auto",
            paramLabel = "auto|bar|log|none",
            description = "Progress while sending: bar (rows, MiB, rate and ETA of each file, redrawn in place), log"
                    + " (a line every 10 s), none; auto is bar on a terminal, else log. Default: ${DEFAULT-VALUE}.")
    String progress;

    @Parameters(
            paramLabel = "FILE",
            arity = "1..*",
            description = "Delimited files to publish, in order; .gz and .zst files are uncompressed.")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() {
        SendSettings settings = settings();
        PrintWriter err = spec.commandLine().getErr();
        SendRun run = new SendRun(settings, err, progressMode().display(System.console() != null, System.err, err));
        return StopOnSignal.execute(run::execute, run::requestStop, err);
    }

    /**
     * Checks every option and builds the run's settings.
     *
     * @throws picocli.CommandLine.ParameterException naming the option at fault
     */
    ProgressMode progressMode() {
        try {
            return ProgressMode.valueOf(progress.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(
                            "--progress", progress, "'" + progress + "' is not auto, bar, log or" + " none")
                    .asParameterException(spec);
        }
    }

    SendSettings settings() {
        try {
            return topic.settings(parse, kafka, quarantine, files, QuarantineOptions.DEFAULT_REJECTS);
        } catch (InvalidOptionException e) {
            throw e.asParameterException(spec);
        }
    }
}
