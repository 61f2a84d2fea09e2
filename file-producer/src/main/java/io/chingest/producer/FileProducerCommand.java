package io.chingest.producer;

import picocli.CommandLine.Command;

/** The top-level command: holds the subcommands and the program-wide --help and --version. Stateless. */
@Command(
        name = "file-producer",
        mixinStandardHelpOptions = true,
        versionProvider = ProducerVersion.class,
        description = "Publishes the rows of delimited files (CSV, TSV) to Kafka as Avro records of a declared"
                + " schema, in the Confluent wire format.",
        subcommands = {SendCommand.class, ValidateCommand.class, WatchCommand.class})
public final class FileProducerCommand {}
