package io.chingest.deploy;

import io.chingest.common.config.CommandLineRunner;
import io.chingest.consumer.ChConsumerCommand;
import io.chingest.producer.FileProducerCommand;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The programs the images run, by the name of their Dockerfile stage: their command line as picocli sees it, from
 * the programs' own command classes, so the checks follow every option added or renamed. Stateless.
 */
final class Programs {
    private static final Map<String, Supplier<Object>> COMMANDS = Map.of(
            "ch-consumer", ChConsumerCommand::new,
            "file-producer", FileProducerCommand::new);

    private Programs() {}

    static Set<String> names() {
        return COMMANDS.keySet();
    }

    static boolean isProgram(String stage) {
        return COMMANDS.containsKey(stage);
    }

    /** A fresh picocli model of the program's root command, subcommands included. */
    static CommandLine commandLine(String program) {
        Supplier<Object> command = COMMANDS.get(program);
        if (command == null) {
            throw new IllegalArgumentException("no program " + program + "; the programs are " + COMMANDS.keySet());
        }
        return new CommandLine(command.get());
    }

    /** Every CH_INGEST_* variable the program reads. */
    static Set<String> environmentVariables(String program) {
        return CommandLineRunner.environmentVariables(commandLine(program));
    }
}
