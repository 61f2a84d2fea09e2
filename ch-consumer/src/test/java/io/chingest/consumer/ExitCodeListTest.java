package io.chingest.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.common.config.ExitCodes;
import io.chingest.testing.ExitCodeTables;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Each subcommand's --help and the README's table list the same exit codes, with the values of ExitCodes. */
class ExitCodeListTest {
    private static final Map<String, Set<Integer>> EXPECTED = Map.of(
            "run",
            Set.of(
                    ExitCodes.OK,
                    ExitCodes.FAILED,
                    ExitCodes.INVALID_INPUT,
                    ExitCodes.TABLE_REFUSED,
                    ExitCodes.SERVICE_UNAVAILABLE,
                    ExitCodes.TOO_MANY_DEAD_LETTERS),
            "replay",
            Set.of(
                    ExitCodes.OK,
                    ExitCodes.FAILED,
                    ExitCodes.INVALID_INPUT,
                    ExitCodes.TABLE_REFUSED,
                    ExitCodes.GROUP_ACTIVE,
                    ExitCodes.SERVICE_UNAVAILABLE));

    @Test
    void everySubcommandsHelpListsItsExitCodes() {
        CommandLine program = new CommandLine(new ChConsumerCommand());
        assertThat(program.getSubcommands().keySet()).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
        EXPECTED.forEach((name, codes) -> assertThat(ExitCodeTables.helpCodes(
                        program.getSubcommands().get(name).getUsageMessage()))
                .as("exit codes in 'ch-consumer %s --help'", name)
                .isEqualTo(new TreeSet<>(codes)));
    }

    @Test
    void theReadmeTableListsTheSameCodesUnderTheirNames() throws Exception {
        for (ExitCodeTables.Row row : ExitCodeTables.readme("ch-consumer")) {
            assertThat(ExitCodes.class.getField(row.name()).getInt(null))
                    .as("README row %s", row.name())
                    .isEqualTo(row.code());
        }
        EXPECTED.forEach((name, codes) -> assertThat(ExitCodeTables.readmeCodes("ch-consumer", name))
                .as("README exit codes of %s", name)
                .isEqualTo(new TreeSet<>(codes)));
    }
}
