package io.chingest.consumer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code ch-consumer} command: holds the {@code run} and {@code replay} subcommands and the program's --help/--version. Stateless. */
@Command(
        name = "ch-consumer",
        mixinStandardHelpOptions = true,
        versionProvider = ChConsumerVersion.class,
        description =
                "Drains Kafka topics of Avro records into ClickHouse with bounded memory, committing offsets only after inserts.",
        subcommands = {RunCommand.class, ReplayCommand.class})
public final class ChConsumerCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(), "missing command: use 'ch-consumer run --topic T --group G --table [DB.]TABLE'");
    }
}
