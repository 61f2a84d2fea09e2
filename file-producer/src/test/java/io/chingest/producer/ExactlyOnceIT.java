package io.chingest.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.testing.JarProgram;
import io.chingest.testing.KafkaBrokerExtension;
import io.chingest.testing.Poll;
import io.chingest.testing.SchemaRegistryExtension;
import io.chingest.testing.Topics;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the jar as users do and interrupts it mid-file, by SIGKILL and by SIGTERM; running the same command again must
 * leave a read_committed reader with every row exactly once, and a third run must publish nothing.
 */
@ExtendWith({KafkaBrokerExtension.class, SchemaRegistryExtension.class})
class ExactlyOnceIT {

    private static final Path JAR = Path.of("target", "file-producer.jar").toAbsolutePath();
    private static final int ROWS = 200_000;
    private static final Duration DEADLINE = Duration.ofMinutes(2);
    private static final String SCHEMA = """
            {"type": "record", "name": "Row", "fields": [
              {"name": "id", "type": "long"}, {"name": "payload", "type": "string"}]}""";

    @TempDir
    Path dir;

    @Test
    void killedMidFileAndRunAgainEveryRowArrivesOnceAndAThirdRunPublishesNothing() throws Exception {
        String topic = newTopic();
        List<String> command = sendCommand(topic);

        try (JarProgram first = JarProgram.start(JAR, dir, command)) {
            Poll.until(
                    DEADLINE, "a first chunk committed to " + topic, () -> CommittedRecords.rowsInProgress(topic) > 0);
            first.kill();
            assertThat(first.awaitExit(DEADLINE)).isEqualTo(137);
        }
        long before = CommittedRecords.rowsInProgress(topic);
        assertThat(before).as("rows committed before the kill").isBetween(1L, ROWS - 1L);

        Result second = run(command);
        Result third = run(command);

        assertThat(second.exitCode()).as(second.stderr()).isZero();
        assertThat(second.stderr())
                .containsPattern(
                        "rows\\.csv: (\\d+) rows read, \\1 published, 0 rejected," + " \\d+ rows sent earlier\\n");
        assertEveryRowOnce(topic);
        assertThat(third.exitCode()).as(third.stderr()).isZero();
        assertThat(third.stderr())
                .contains("rows.csv: 0 rows read, 0 published, 0 rejected, " + ROWS + " rows sent earlier\n");
        assertThat(CommittedRecords.of(topic)).hasSize(ROWS);
    }

    @Test
    void sigtermCommitsTheOpenChunkExitsZeroAndTheNextRunSendsTheRest() throws Exception {
        String topic = newTopic();
        List<String> command = sendCommand(topic);

        String stopped;
        try (JarProgram first = JarProgram.start(JAR, dir, command)) {
            Poll.until(
                    DEADLINE, "a first chunk committed to " + topic, () -> CommittedRecords.rowsInProgress(topic) > 0);
            first.terminate();
            assertThat(first.awaitExit(DEADLINE)).as(first.output()).isZero();
            stopped = first.stderr();
        }

        assertThat(stopped)
                .containsPattern("rows\\.csv: (\\d+) rows read, \\1 published, 0 rejected,"
                        + " stopped \\(run again to resume\\)\\n");
        assertThat(stopped)
                .containsPattern("file-producer: 1 file, 0 failed, \\d+ rows read, \\d+ published,"
                        + " 0 rejected, .* rows/s, stopped on request\\n");
        long committed = CommittedRecords.rowsInProgress(topic);
        assertThat(CommittedRecords.of(topic)).hasSize((int) committed);
        Result rest = run(command);
        assertThat(rest.exitCode()).as(rest.stderr()).isZero();
        assertThat(rest.stderr())
                .contains("rows.csv: " + (ROWS - committed) + " rows read, " + (ROWS - committed)
                        + " published, 0 rejected, " + committed + " rows sent earlier\n");
        assertEveryRowOnce(topic);
    }

    private List<String> sendCommand(String topic) throws IOException {
        Path schema = Files.writeString(dir.resolve("row.avsc"), SCHEMA);
        Path csv = dir.resolve("rows.csv");
        if (!Files.exists(csv)) {
            try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                out.write("id,payload\n");
                for (int id = 1; id <= ROWS; id++) {
                    out.write(id + ",row number " + id + " of the file\n");
                }
            }
        }
        return TestServicesCommandLine.of("send", topic, schema, "--chunk-rows", "2000", csv.toString());
    }

    private static void assertEveryRowOnce(String topic) {
        assertThat(CommittedRecords.rowIds(topic, ROWS)).isEqualTo(CommittedRecords.RowIds.EACH_ONCE);
    }

    private Result run(List<String> command) throws IOException, InterruptedException {
        try (JarProgram program = JarProgram.start(JAR, dir, command)) {
            int exitCode = program.awaitExit(DEADLINE);
            return new Result(exitCode, program.stderr());
        }
    }

    private static String newTopic() throws Exception {
        return Topics.createServedNew(KafkaBrokerExtension.bootstrapServers(), "exactly-once-", 2);
    }

    private record Result(int exitCode, String stderr) {}
}
