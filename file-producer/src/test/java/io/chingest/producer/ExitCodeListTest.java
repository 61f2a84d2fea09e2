package io.chingest.producer;

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
            "send",
            Set.of(ExitCodes.OK, ExitCodes.FAILED, ExitCodes.INVALID_INPUT, ExitCodes.SERVICE_UNAVAILABLE),
            "watch",
            Set.of(ExitCodes.OK, ExitCodes.FAILED, ExitCodes.INVALID_INPUT, ExitCodes.SERVICE_UNAVAILABLE),
            "validate",
            Set.of(ExitCodes.OK, ExitCodes.FAILED, ExitCodes.INVALID_INPUT));

    @Test
    void everySubcommandsHelpListsItsExitCodes() {
        CommandLine program = new CommandLine(new FileProducerCommand());
        assertThat(program.getSubcommands().keySet()).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
        EXPECTED.forEach((name, codes) -> assertThat(ExitCodeTables.helpCodes(
                        program.getSubcommands().get(name).getUsageMessage()))
                .as("exit codes in 'file-producer %s --help'", name)
                .isEqualTo(new TreeSet<>(codes)));
    }

    @Test
    void theReadmeTableListsTheSameCodesUnderTheirNames() throws Exception {
        for (ExitCodeTables.Row row : ExitCodeTables.readme("file-producer")) {
            assertThat(ExitCodes.class.getField(row.name()).getInt(null))
                    .as("README row %s", row.name())
                    .isEqualTo(row.code());
        }
        EXPECTED.forEach((name, codes) -> assertThat(ExitCodeTables.readmeCodes("file-producer", name))
                .as("README exit codes of %s", name)
                .isEqualTo(new TreeSet<>(codes)));
    }
}
