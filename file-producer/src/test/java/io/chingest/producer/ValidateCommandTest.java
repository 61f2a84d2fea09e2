package io.chingest.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.common.config.CommandLineRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ValidateCommandTest {

    @TempDir
    Path dir;

    private Path schema;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void schema() throws IOException {
        schema = Files.writeString(dir.resolve("order.avsc"), """
                {"type": "record", "name": "Order", "fields": [
                  {"name": "id", "type": "long"},
                  {"name": "note", "type": ["null", "string"]}
                ]}""");
    }

    @Test
    void reportsEveryBadRowOfEveryFileAndExitsOne() throws IOException {
        Path first = Files.writeString(dir.resolve("a.csv"), "id,note\n1,x\ntwo,y\n3\n4,z\n");
        Path second = Files.writeString(dir.resolve("b.tsv"), "id\tnote\n5\t\\\\N\n6.5\t\\N\n");

        assertThat(run("validate", "--schema", schema.toString(), first.toString()))
                .isEqualTo(1);
        assertThat(run("validate", "--schema", schema.toString(), "--format", "tsv", second.toString()))
                .isEqualTo(1);

        assertThat(out.toString())
                .isEqualTo(first + ":3: column 'id': not a long (value \"two\")\n"
                        + first + ":4: column 2: missing: the record has 1 column, the header has 2\n"
                        + second + ":3: column 'id': not a long (value \"6.5\")\n");
        assertThat(err.toString())
                .isEqualTo("file-producer validate: " + first + ": 4 rows read, 2 published, 2 rejected\n"
                        + "file-producer validate: " + second + ": 2 rows read, 1 published, 1 rejected\n");
    }

    @Test
    void aValidFileExitsZero() throws IOException {
        Path file = Files.writeString(dir.resolve("a.csv"), "id,note\n1,x\n2,\n");

        assertThat(run("validate", "--schema", schema.toString(), file.toString()))
                .isZero();

        assertThat(out.toString()).isEmpty();
        assertThat(err.toString())
                .isEqualTo("file-producer validate: " + file + ": 2 rows read, 2 published," + " 0 rejected\n");
    }

    @Test
    void aFileTheParserCannotReadIsReportedAndFails() throws IOException {
        Path file = Files.writeString(dir.resolve("a.csv"), "id,note\n1,\"" + "x".repeat(50) + "\"\n");

        assertThat(run("validate", "--schema", schema.toString(), "--max-value-chars", "10", file.toString()))
                .isEqualTo(1);

        assertThat(out.toString())
                .isEqualTo(file + ":2: value in column 2 is longer than 10 characters (raise"
                        + " --max-value-chars, or look for an unclosed quote)\n");
    }

    @Test
    void invalidOptionsExitTwoNamingThem() {
        assertThat(run("validate", "--schema", schema.toString(), "--format", "xml", "a.csv"))
                .isEqualTo(2);
        assertThat(err.toString()).startsWith("Invalid value for option '--format': 'xml' is not csv or tsv");
    }

    @Test
    void schemaProblemsExitTwoNamingTheSchemaFileAndTheField() throws IOException {
        Path typo = Files.writeString(dir.resolve("S.avsc"), """
                {"type": "record", "name": "S", "fields": [{"name": "amount", "type": "strin"}]}""");
        Path file = Files.writeString(dir.resolve("a.csv"), "amount\nx\n");

        assertThat(run("validate", "--schema", typo.toString(), file.toString()))
                .isEqualTo(2);

        assertThat(err.toString())
                .startsWith(
                        "Invalid value for option '--schema': '" + typo + "': field 'amount': unknown type 'strin'");
    }

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new FileProducerCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return CommandLineRunner.execute(commandLine, args);
    }
}
