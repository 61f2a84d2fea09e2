package io.chingest.producer;

import io.chingest.common.config.ExitCodes;
import io.chingest.common.config.InvalidOptionException;
import io.chingest.producer.parse.ParseSettings;
import io.chingest.producer.publish.CountingSink;
import io.chingest.producer.quarantine.BadRowLimit;
import io.chingest.producer.quarantine.PrintedRows;
import io.chingest.producer.quarantine.Quarantine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code file-producer validate}: parses and maps the files exactly as {@code send} does, without Kafka or registry,
 * and prints every bad row. Its fields are set by picocli; one instance per run, on one thread.
 */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        versionProvider = ProducerVersion.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Parses the FILEs and maps each row to the --schema as send does, without publishing; prints every bad"
                    + " row on standard output as FILE:LINE: column C: reason, and one summary line per file."
        },
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            ExitCodes.OK + ":every row of every file maps",
            ExitCodes.FAILED + ":a row or a file is bad",
            ExitCodes.INVALID_INPUT + ":invalid options, configuration or schema file"
        })
public final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--schema",
            required = true,
            paramLabel = "FILE",
            description = "Avro record schema (.avsc) of the rows, as for send.")
    Path schemaFile;

    @Mixin
    ParseOptions parse;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Delimited files to check.")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() {
        SendPipeline pipeline;
        List<Path> inputs;
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Quarantine printed = new Quarantine(List.of(new PrintedRows(out, Long.MAX_VALUE)))) {
            try {
                ParseSettings parseSettings = parse.validated();
                pipeline = new SendPipeline(
                        parseSettings,
                        SchemaFile.load(schemaFile),
                        new CountingSink(),
                        printed,
                        BadRowLimit.NONE,
                        err::println);
                inputs = SchemaFile.readable(files);
            } catch (InvalidOptionException e) {
                throw e.asParameterException(spec);
            }
            SendReport report = pipeline.run(inputs);
            for (FileOutcome file : report.files()) {
                err.println("file-producer validate: " + file.summary());
            }
            return report.exitCode() == ExitCodes.OK && report.rejected() == 0 ? ExitCodes.OK : ExitCodes.FAILED;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
