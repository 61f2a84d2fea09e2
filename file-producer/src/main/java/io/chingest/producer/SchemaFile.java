package io.chingest.producer;

import io.chingest.common.config.InvalidOptionException;
import io.chingest.common.mapping.UnsupportedAvroTypeException;
import io.chingest.producer.map.TargetSchema;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/** Reads the {@code --schema} file and checks the input files, each failure naming the option or file. Stateless. */
final class SchemaFile {

    private SchemaFile() {}

    /** @throws InvalidOptionException for {@code --schema} when the file is unreadable, not Avro or not supported */
    static TargetSchema load(Path schemaFile) {
        String prefix = "'" + schemaFile + "': ";
        Schema schema;
        String text;
        try (InputStream in = new FileInputStream(schemaFile.toFile())) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidOptionException("--schema", schemaFile.toString(), prefix + "cannot read it: " + e);
        }
        try {
            schema = new Schema.Parser().parse(text);
        } catch (AvroRuntimeException e) { // SchemaParseException, and AvroTypeException for an unknown type name
            throw new InvalidOptionException(
                    "--schema", schemaFile.toString(), prefix + SchemaParseProblem.describe(text, e));
        }
        try {
            return TargetSchema.of(schema);
        } catch (UnsupportedAvroTypeException | IllegalArgumentException e) {
            throw new InvalidOptionException("--schema", schemaFile.toString(), prefix + e.getMessage());
        }
    }

    /** @throws InvalidOptionException for parameter {@code FILE} naming the first file that cannot be read */
    static List<Path> readable(List<Path> files) {
        for (Path file : files) {
            String reason = !Files.exists(file)
                    ? "does not exist"
                    : !Files.isRegularFile(file)
                            ? "is not a regular file"
                            : !Files.isReadable(file) ? "is not readable" : null;
            if (reason != null) {
                throw new InvalidOptionException("FILE", file.toString(), "'" + file + "' " + reason);
            }
        }
        return List.copyOf(files);
    }
}
