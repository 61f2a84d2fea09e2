package io.chingest.producer.quarantine;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes rejected rows to {@code DIR/<input file name>.rejects.jsonl}, one JSON object per line with the fields
 * {@code file}, {@code line}, {@code column}, {@code reason}, {@code value} and {@code text} (absent ones are null).
 * The directory and each file are created at the first rejected row of that input; an existing file is appended to,
 * and every row is flushed to the operating system before {@link #accept} returns, so a killed run keeps what it
 * rejected. Not thread-safe: the pipeline's thread only.
 */
public final class RejectsFile implements RejectedRowSink {

    /** Suffix added to the input file's name. */
    public static final String SUFFIX = ".rejects.jsonl";

    private static final JsonFactory JSON = new JsonFactory();

    private final Path directory;
    private final Map<Path, OutputStream> open = new HashMap<>();

    public RejectsFile(Path directory) {
        this.directory = directory;
    }

    /** Where the rows rejected from {@code input} go. */
    public Path fileFor(Path input) {
        return directory.resolve(input.getFileName() + SUFFIX);
    }

    @Override
    public void accept(RejectedRow row) {
        Path target = fileFor(row.file());
        try {
            OutputStream out = open.get(row.file());
            if (out == null) {
                Files.createDirectories(directory);
                out = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                open.put(row.file(), out);
            }
            try (JsonGenerator json =
                    JSON.createGenerator(out, JsonEncoding.UTF8).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
                json.writeStartObject();
                json.writeStringField("file", row.file().toString());
                json.writeNumberField("line", row.line());
                json.writeStringField("column", row.column());
                json.writeStringField("reason", row.reason());
                json.writeStringField("value", row.value());
                json.writeStringField("text", row.text());
                json.writeEndObject();
            }
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new QuarantineException(
                    "cannot write the rejected row " + row.file() + ":" + row.line() + " to " + target + ": " + e, e);
        }
    }

    /** Closes the rejects file of one input once it is done. */
    public void closeFileOf(Path input) {
        OutputStream out = open.remove(input);
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new QuarantineException("cannot close " + fileFor(input) + ": " + e, e);
            }
        }
    }

    @Override
    public void close() {
        for (Path input : Map.copyOf(open).keySet()) {
            closeFileOf(input);
        }
    }
}
