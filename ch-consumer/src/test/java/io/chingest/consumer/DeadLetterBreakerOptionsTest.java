package io.chingest.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.common.config.CommandLineRunner;
import io.chingest.consumer.deadletter.BreakerLimits;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The dead-letter circuit breaker's options: documented defaults, off, and invalid values refused naming the option. */
class DeadLetterBreakerOptionsTest {
    private static final String[] REQUIRED = {"--topic", "trades", "--group", "loader", "--table", "market.trades"};

    private final StringWriter err = new StringWriter();

    private static BreakerLimits parsed(String... args) {
        RunCommand command = new RunCommand(false);
        List<String> all = new ArrayList<>(List.of(REQUIRED));
        all.addAll(List.of(args));
        new CommandLine(command).parseArgs(all.toArray(String[]::new));
        return command.options().validated().deadLetterBreaker();
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of(REQUIRED));
        all.addAll(List.of(args));
        CommandLine cli = new CommandLine(new RunCommand(false));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        return CommandLineRunner.execute(cli, all.toArray(String[]::new));
    }

    @Test
    void theDefaultsAreAThousandInARowAndHalfOfTheLastTenThousand() {
        assertThat(parsed()).isEqualTo(new BreakerLimits(1000, 50, 10_000));
    }

    @Test
    void eachRuleCanBeSetOrTurnedOff() {
        assertThat(parsed("--dead-letter-breaker-run", "25", "--dead-letter-breaker-share", "90%"))
                .isEqualTo(new BreakerLimits(25, 90, 10_000));
        assertThat(parsed("--dead-letter-breaker-run", "off", "--dead-letter-breaker-share", "OFF"))
                .isEqualTo(BreakerLimits.OFF);
        assertThat(parsed("--dead-letter-breaker-share", "5")).isEqualTo(new BreakerLimits(1000, 5, 10_000));
    }

    @Test
    void invalidValuesAreRefusedNamingTheOption() {
        for (String run : new String[] {"0", "-3", "many", ""}) {
            err.getBuffer().setLength(0);
            assertThat(run("--dead-letter-breaker-run", run))
                    .as("--dead-letter-breaker-run %s", run)
                    .isEqualTo(2);
            assertThat(err.toString())
                    .contains("--dead-letter-breaker-run must be a number of dead letters in a row (at least 1) or off,"
                            + " was '" + run + "'");
        }
        for (String share : new String[] {"0%", "100%", "50.5%", "half"}) {
            err.getBuffer().setLength(0);
            assertThat(run("--dead-letter-breaker-share", share))
                    .as("--dead-letter-breaker-share %s", share)
                    .isEqualTo(2);
            assertThat(err.toString())
                    .contains("--dead-letter-breaker-share must be a whole percentage from 1% to 99% of the last 10000"
                            + " records, or off, was '" + share + "'");
        }
    }
}
