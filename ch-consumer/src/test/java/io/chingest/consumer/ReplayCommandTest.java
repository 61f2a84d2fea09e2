package io.chingest.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chingest.common.config.CommandLineRunner;
import io.chingest.consumer.clickhouse.TableName;
import io.chingest.consumer.replay.ReplaySettings;
import io.chingest.consumer.replay.ReplayTarget;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The replay command's options: exactly one target, each validated before anything is asked of Kafka. */
class ReplayCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static ReplaySettings parsed(String... args) {
        ReplayCommand command = new ReplayCommand();
        new CommandLine(command).parseArgs(args);
        return command.options().validated();
    }

    private static ReplaySettings target(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(new String[] {"--group", "loader", "--topic", "trades"}, 0, all, 0, 4);
        System.arraycopy(args, 0, all, 4, args.length);
        return parsed(all);
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(new ChConsumerCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return CommandLineRunner.execute(cli, args);
    }

    @Test
    void eachTargetIsParsed() {
        assertThat(target("--to-earliest").target()).isEqualTo(new ReplayTarget.Earliest());
        assertThat(target("--to-datetime", "2026-12-01T08:00:00Z").target())
                .isEqualTo(new ReplayTarget.AtTime(Instant.parse("2026-12-01T08:00:00Z")));
        assertThat(target("--to-datetime", "2026-12-01T09:00:00+01:00").target())
                .isEqualTo(new ReplayTarget.AtTime(Instant.parse("2026-12-01T08:00:00Z")));
        assertThat(target("--to-datetime", "2026-12-01T09:00:00+01:00[Europe/Paris]")
                        .target())
                .isEqualTo(new ReplayTarget.AtTime(Instant.parse("2026-12-01T08:00:00Z")));
        assertThat(target("--to-offsets", "1:980, 0:1200").target())
                .isEqualTo(new ReplayTarget.Offsets(new TreeMap<>(Map.of(0, 1200L, 1, 980L))));
        ReplaySettings table = target(
                "--to-table", "market.trades", "--clickhouse-url", "http://ch:8123", "--clickhouse-password", "s3cret");
        assertThat(table.target()).isEqualTo(new ReplayTarget.Table(new TableName("market", "trades")));
        assertThat(table.clickHouse())
                .get()
                .extracting(ReplaySettings.ClickHouse::url)
                .isEqualTo("http://ch:8123");
        assertThat(table.toString()).doesNotContain("s3cret");
        assertThat(target("--to-earliest").dryRun()).isFalse();
        assertThat(target("--to-earliest", "--dry-run").dryRun()).isTrue();
        assertThat(target("--to-earliest").clickHouse()).isEmpty();
    }

    @Test
    void exactlyOneTargetIsRequired() {
        assertThatThrownBy(() -> target())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("give exactly one of --to-earliest, --to-datetime, --to-offsets, --to-table");
        assertThatThrownBy(() -> target("--to-earliest", "--to-offsets", "0:1"))
                .hasMessage(
                        "give exactly one of --to-earliest, --to-datetime, --to-offsets, --to-table (given: --to-earliest, --to-offsets)");
    }

    @Test
    void aTimeWithoutAZoneOrNotInIso8601IsRefused() {
        assertThatThrownBy(() -> target("--to-datetime", "2026-12-01T08:00:00"))
                .hasMessage(
                        "--to-datetime '2026-12-01T08:00:00' has no time zone: add Z (UTC) or an offset such as +01:00");
        assertThatThrownBy(() -> target("--to-datetime", "yesterday"))
                .hasMessageStartingWith("--to-datetime 'yesterday' is not an ISO-8601 date-time with a zone");
    }

    @Test
    void malformedOrRepeatedOffsetsAreRefused() {
        assertThatThrownBy(() -> target("--to-offsets", "0:1,x:2"))
                .hasMessage("--to-offsets: 'x:2' is not PARTITION:OFFSET (for example 0:1200,1:980)");
        assertThatThrownBy(() -> target("--to-offsets", "0:-1"))
                .hasMessageStartingWith("--to-offsets: '0:-1' is not PARTITION:OFFSET");
        assertThatThrownBy(() -> target("--to-offsets", "0:1,"))
                .hasMessageStartingWith("--to-offsets: '' is not PARTITION:OFFSET");
        assertThatThrownBy(() -> target("--to-offsets", "0:1,0:2"))
                .hasMessage("--to-offsets names partition 0 more than once");
        assertThatThrownBy(() -> target("--to-offsets", "0:99999999999999999999"))
                .hasMessageStartingWith("--to-offsets: '0:99999999999999999999'");
    }

    @Test
    void aTableTargetIsATableNameAndNeedsAUsableClickHouse() {
        assertThatThrownBy(() -> target("--to-table", "market."))
                .hasMessageStartingWith("--to-table: 'market.' is not a table name");
        assertThatThrownBy(() -> target("--to-table", "t", "--clickhouse-url", "ftp://ch"))
                .hasMessage("--clickhouse-url 'ftp://ch' must be an http:// or https:// URL");
    }

    @Test
    void invalidOptionsExitWithCode2AndTheMessage() {
        assertThat(run("replay", "--group", "g", "--topic", "t")).isEqualTo(2);
        assertThat(err.toString())
                .contains("give exactly one of --to-earliest, --to-datetime, --to-offsets, --to-table");
    }

    @Test
    void helpListsTheTargetsAndTheExitCodes() {
        assertThat(run("replay", "--help")).isZero();
        assertThat(out.toString())
                .contains(
                        "--to-earliest",
                        "--to-datetime",
                        "--to-offsets",
                        "--to-table",
                        "--dry-run",
                        "--bootstrap-servers",
                        "--clickhouse-url",
                        "Exit codes:",
                        "4   the group has active members");
    }

    @Test
    void requiredOptionsMayComeFromTheConfigFileLikeRunsDo() throws Exception {
        Path config = Files.createTempFile("replay", ".properties");
        try {
            Files.writeString(config, "group = loader\ntopic = trades\nto-offsets = 0:5\nto-earliest = true\n");
            assertThat(run("replay", "--config", config.toString())).isEqualTo(2);
            // The group and topic were found in the file; both targets too, which is one too many.
            assertThat(err.toString())
                    .contains("give exactly one of --to-earliest, --to-datetime, --to-offsets, --to-table"
                            + " (given: --to-earliest, --to-offsets)")
                    .doesNotContain("Missing required");
        } finally {
            Files.delete(config);
        }
    }
}
