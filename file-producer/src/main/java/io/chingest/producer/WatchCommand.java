package io.chingest.producer;

import io.chingest.common.config.DurationConverter;
import io.chingest.common.config.ExitCodes;
import io.chingest.common.config.InvalidOptionException;
import io.chingest.common.config.OptionChecks;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code file-producer watch DIR}: the options of a long-running watcher, validated into {@link WatchSettings} and
 * handed to a {@link WatchRun}; SIGTERM and SIGINT stop it after committing its open chunk. Its fields are set by
 * picocli; one instance per process, on one thread.
 */
@Command(
        name = "watch",
        mixinStandardHelpOptions = true,
        versionProvider = ProducerVersion.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Watches the spool directory DIR and sends every file that arrives in DIR/incoming/ as send does,"
                    + " exactly once: a file is claimed by an atomic rename into DIR/processing/, so any number of"
                    + " watchers (on this host or others sharing DIR) never take one file twice, and ends in DIR/done/"
                    + " or DIR/failed/ with a .reason file. Names starting with '.' or ending in .tmp or .part are still"
                    + " being written and are left alone: write under such a name, then rename. A restarted watcher"
                    + " first resumes the files it had claimed. Each watcher renews a heartbeat in DIR/.watchers/;"
                    + " the files of a watcher whose heartbeat stops for --takeover-after are taken over by another"
                    + " and resumed after their last committed chunk.",
            "Runs until SIGTERM or SIGINT, which commit the open chunk, print a summary and exit 0. While Kafka is"
                    + " unavailable it tries again (1 s doubling to 5 min), printing 'still unavailable: ...' each time."
        },
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            ExitCodes.OK + ":stopped by SIGTERM or SIGINT after committing the open chunk",
            ExitCodes.FAILED
                    + ":the spool directories cannot be created, the watcher id is in use, or the schema cannot"
                    + " be registered",
            ExitCodes.INVALID_INPUT + ":invalid options, configuration or schema file",
            ExitCodes.SERVICE_UNAVAILABLE + ":Kafka refuses the credentials or the access (an unavailable Kafka is"
                    + " waited for)"
        })
public final class WatchCommand implements Callable<Integer> {

    private static final Pattern WATCHER_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    @Spec
    CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "DIR",
            description = "The spool directory: incoming/, processing/, done/,"
                    + " failed/ and rejects/ are kept in it (created when missing).")
    Path spool;

    @Mixin
    TopicOptions topic;

    @Mixin
    ParseOptions parse;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    QuarantineOptions quarantine;

    @Option(
            names = "--watcher-id",
            paramLabel = "ID",
            description = "This watcher's name among the watchers of DIR, unique and the same across its restarts"
                    + " (letters, digits, '.', '_', '-'). Default: the host name.")
    String watcherId;

    @Option(
            names = "--poll-interval",
            defaultValue = "1s",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How often DIR/incoming/ is looked at when idle. Default: ${DEFAULT-VALUE}.")
    Duration pollInterval;

    @Option(
            names = "--quiet-period",
            defaultValue = "0s",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Also leave files modified less than this long ago (for writers that cannot rename)."
                    + " Default: ${DEFAULT-VALUE} (off).")
    Duration quietPeriod;

    @Option(
            names = "--takeover-after",
            defaultValue = "60s",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Take over the files in DIR/processing/ of a watcher whose heartbeat has not changed for this"
                    + " long (it died or is frozen); also how long a file may be held without a row handled before"
                    + " /health is degraded. Default: ${DEFAULT-VALUE}.")
    Duration takeoverAfter;

    @Option(
            names = "--heartbeat-interval",
            defaultValue = "5s",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How often this watcher renews its heartbeat DIR/.watchers/ID.heartbeat; at most a third of"
                    + " --takeover-after. Default: ${DEFAULT-VALUE}.")
    Duration heartbeatInterval;

    @Option(
            names = "--metrics-port",
            paramLabel = "PORT",
            description = "Serve Prometheus metrics at http://HOST:PORT/metrics (rows read, published, rejected,"
                    + " bytes, files, files in processing/ per watcher, files taken over, JVM heap and GC) and health at"
                    + " /health. Default: off.")
    Integer metricsPort;

    @Override
    public Integer call() {
        WatchSettings settings = settings();
        PrintWriter err = spec.commandLine().getErr();
        WatchRun run = new WatchRun(settings, err);
        return StopOnSignal.execute(run::execute, run::requestStop, err);
    }

    /** @throws picocli.CommandLine.ParameterException naming the option at fault */
    WatchSettings settings() {
        try {
            if (Files.exists(spool) && !Files.isDirectory(spool)) {
                throw new InvalidOptionException("DIR", spool.toString(), "'" + spool + "' is not a directory");
            }
            SendSettings send = topic.settings(parse, kafka, quarantine, List.of(), spool.resolve("rejects"));
            String id = watcherId == null ? IngestHost.name() : watcherId;
            if (!WATCHER_ID.matcher(id).matches()) {
                throw new InvalidOptionException(
                        "--watcher-id", id, "'" + id + "' is not 1 to 100 letters, digits," + " '.', '_' or '-'");
            }
            if (metricsPort != null && (metricsPort < 0 || metricsPort > 65535)) {
                throw new InvalidOptionException(
                        "--metrics-port",
                        metricsPort.toString(),
                        "must be a port between 0" + " and 65535, was " + metricsPort);
            }
            if (quietPeriod.isNegative()) {
                throw new InvalidOptionException("--quiet-period", quietPeriod.toString(), "must not be negative");
            }
            OptionChecks.positive("--takeover-after", takeoverAfter);
            OptionChecks.positive("--heartbeat-interval", heartbeatInterval);
            if (heartbeatInterval.multipliedBy(3).compareTo(takeoverAfter) > 0) {
                throw new InvalidOptionException(
                        "--heartbeat-interval",
                        heartbeatInterval.toString(),
                        "must be at most a third of --takeover-after (" + takeoverAfter + "), was " + heartbeatInterval
                                + ": a live watcher renews its heartbeat several times before the others take its"
                                + " files");
            }
            return new WatchSettings(
                    send,
                    spool,
                    id,
                    OptionChecks.positive("--poll-interval", pollInterval),
                    quietPeriod,
                    takeoverAfter,
                    heartbeatInterval,
                    metricsPort);
        } catch (InvalidOptionException e) {
            throw e.asParameterException(spec);
        }
    }
}
