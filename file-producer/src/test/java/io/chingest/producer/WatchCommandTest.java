package io.chingest.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.common.config.CommandLineRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class WatchCommandTest {

    @TempDir
    Path dir;

    private Path schema;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void schema() throws IOException {
        schema = Files.writeString(dir.resolve("order.avsc"), """
                {"type": "record", "name": "Order", "fields": [{"name": "id", "type": "long"}]}""");
    }

    @Test
    void defaultsPutTheRejectsInTheSpoolDirectoryAndNameTheWatcherAfterTheHost() {
        WatchSettings settings =
                settings("watch", dir.resolve("spool").toString(), "--topic", "orders", "--schema", schema.toString());

        assertThat(settings.spool()).isEqualTo(dir.resolve("spool"));
        assertThat(settings.send().rejectsDirectory())
                .isEqualTo(dir.resolve("spool").resolve("rejects"));
        assertThat(settings.send().files()).isEmpty();
        assertThat(settings.send().progressTopic()).isEqualTo("orders.progress");
        assertThat(settings.watcherId()).isEqualTo(IngestHost.name());
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.quietPeriod()).isZero();
        assertThat(settings.takeoverAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.metricsPort()).isNull();
    }

    @Test
    void everyWatchOptionReachesTheSettings() {
        WatchSettings settings = settings(
                "watch",
                dir.toString(),
                "--topic",
                "orders",
                "--schema",
                schema.toString(),
                "--watcher-id",
                "ingest-3.b",
                "--poll-interval",
                "250ms",
                "--quiet-period",
                "30s",
                "--metrics-port",
                "9464",
                "--takeover-after",
                "5s",
                "--heartbeat-interval",
                "500ms",
                "--rejects",
                dir.resolve("bad").toString(),
                "--chunk-rows",
                "100");

        assertThat(settings.watcherId()).isEqualTo("ingest-3.b");
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.quietPeriod()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.metricsPort()).isEqualTo(9464);
        assertThat(settings.takeoverAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.heartbeatInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.send().rejectsDirectory()).isEqualTo(dir.resolve("bad"));
        assertThat(settings.send().chunkRows()).isEqualTo(100);
    }

    @Test
    void invalidValuesAreErrorsNamingTheOption() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");

        assertInvalid(
                "Invalid value for option '--watcher-id': 'a/b' is not 1 to 100 letters, digits, '.', '_' or" + " '-'",
                dir.toString(),
                "--watcher-id",
                "a/b");
        assertInvalid(
                "Invalid value for option '--metrics-port': must be a port between 0 and 65535, was 70000",
                dir.toString(),
                "--metrics-port",
                "70000");
        assertInvalid(
                "Invalid value for option '--poll-interval': must be a positive duration, was PT0S",
                dir.toString(),
                "--poll-interval",
                "0s");
        assertInvalid(
                "Invalid value for option '--takeover-after': must be a positive duration, was PT0S",
                dir.toString(),
                "--takeover-after",
                "0s");
        assertInvalid(
                "Invalid value for option '--heartbeat-interval': must be at most a third of --takeover-after (PT1M),"
                        + " was PT21S: a live watcher renews its heartbeat several times before the others take its"
                        + " files",
                dir.toString(),
                "--heartbeat-interval",
                "21s");
        assertInvalid("Invalid value for parameter DIR: '" + file + "' is not a directory", file.toString());
    }

    @Test
    void theTopLevelHelpListsWatch() {
        CommandLine commandLine = new CommandLine(new FileProducerCommand());
        commandLine.setOut(new PrintWriter(out, true));

        assertThat(CommandLineRunner.execute(commandLine, new String[] {"--help"}))
                .isZero();

        assertThat(out.toString()).containsPattern("\\n\\s+watch\\s+Watches the spool directory DIR");
    }

    private void assertInvalid(String expected, String... args) {
        err.getBuffer().setLength(0);
        CommandLine commandLine = new CommandLine(new FileProducerCommand());
        commandLine.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 5];
        all[0] = "watch";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--topic";
        all[args.length + 2] = "orders";
        all[args.length + 3] = "--schema";
        all[args.length + 4] = schema.toString();
        assertThat(CommandLineRunner.execute(commandLine, all)).isEqualTo(2);
        assertThat(err.toString().lines().findFirst()).contains(expected);
    }

    private static WatchSettings settings(String... args) {
        CommandLine.ParseResult parsed = new CommandLine(new FileProducerCommand()).parseArgs(args);
        return ((WatchCommand) parsed.subcommand().commandSpec().userObject()).settings();
    }
}
