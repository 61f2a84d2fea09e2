package io.chingest.producer;

import io.chingest.common.config.InvalidOptionException;
import io.chingest.common.config.OptionChecks;
import io.chingest.producer.quarantine.BadRowLimit;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options that say where bad rows go and how many a file may have (picocli mixin of {@code send} and
 * {@code watch}). Its fields are set by picocli; one instance per command, one thread.
 */
public final class QuarantineOptions {

    /** Where {@code send} puts rejected rows when --rejects is not given: relative to the working directory. */
    static final Path DEFAULT_REJECTS = Path.of("rejects");

    /**
     * Half the rows: no file with real data has that many bad rows, but a file read with the wrong schema, delimiter or
     * header setting has (nearly) all of them bad, and "unlimited" would set the whole file aside and exit 0.
     */
    static final String DEFAULT_MAX_BAD_ROWS = "50%";

    @Option(
            names = "--rejects",
            paramLabel = "DIR",
            description = "Directory of the rejects files: each bad row is appended to DIR/<file name>.rejects.jsonl"
                    + " as one JSON object (file, line, column, reason, value, text). Default: ./rejects for send,"
                    + " DIR/rejects for watch.")
    Path rejects;

    @Option(
            names = "--dead-letter-topic",
            paramLabel = "TOPIC",
            description = "Also publish each bad row to this topic: its text as the value, headers chingest.file,"
                    + " chingest.line, chingest.column and chingest.reason.")
    String deadLetterTopic;

    @Option(
            names = "--max-bad-rows",
            defaultValue = DEFAULT_MAX_BAD_ROWS,
            paramLabel = "N|P%|unlimited",
            description = "Most bad rows a file may have, as a count (0: the first bad row fails the file), a share"
                    + " of its rows (1%%, applied once 1000 rows are read and at the end) or unlimited; past it the file"
                    + " fails. Default: ${DEFAULT-VALUE}, so a file read with the wrong schema or options fails after"
                    + " its first 1000 rows instead of setting every row aside.")
    String maxBadRows;

    /** The --rejects directory, else {@code defaultDirectory}. */
    Path rejectsDirectory(Path defaultDirectory) {
        return rejects == null ? defaultDirectory : rejects;
    }

    /** The dead-letter topic, or null. */
    String deadLetterTopic(String topic) {
        if (deadLetterTopic == null) {
            return null;
        }
        OptionChecks.topic("--dead-letter-topic", deadLetterTopic);
        if (deadLetterTopic.equals(topic)) {
            throw new InvalidOptionException("--dead-letter-topic", deadLetterTopic, "must not be the --topic itself");
        }
        return deadLetterTopic;
    }

    BadRowLimit badRowLimit() {
        try {
            return BadRowLimit.parse(maxBadRows);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException("--max-bad-rows", maxBadRows, e.getMessage());
        }
    }
}
