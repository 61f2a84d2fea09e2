package io.chingest.producer.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RejectsFileTest {

    @TempDir
    Path dir;

    @Test
    void writesOneJsonLinePerRowIntoAFilePerInputAndAppendsOnTheNextRun() throws IOException {
        Path rejects = dir.resolve("rejects");
        Path input = Path.of("in", "a.csv");
        try (RejectsFile file = new RejectsFile(rejects)) {
            file.accept(new RejectedRow(input, 3, "qty", "not an int", "x\"y", "1,\"x\"\"y\"\n2"));
            file.accept(new RejectedRow(Path.of("b.csv"), 9, null, "cannot parse", null, null));
        }
        try (RejectsFile file = new RejectsFile(rejects)) {
            file.accept(new RejectedRow(input, 7, "2", "missing", null, "7"));
        }

        assertThat(Files.readAllLines(rejects.resolve("a.csv.rejects.jsonl")))
                .containsExactly(
                        "{\"file\":\"in/a.csv\",\"line\":3,\"column\":\"qty\",\"reason\":\"not an int\",\"value\":\"x\\\"y\","
                                + "\"text\":\"1,\\\"x\\\"\\\"y\\\"\\n2\"}",
                        "{\"file\":\"in/a.csv\",\"line\":7,\"column\":\"2\",\"reason\":\"missing\",\"value\":null,"
                                + "\"text\":\"7\"}");
        assertThat(Files.readAllLines(rejects.resolve("b.csv.rejects.jsonl")))
                .containsExactly(
                        "{\"file\":\"b.csv\",\"line\":9,\"column\":null,\"reason\":\"cannot parse\",\"value\":null,"
                                + "\"text\":null}");
    }

    @Test
    void nothingIsCreatedWithoutARejectedRow() {
        new RejectsFile(dir.resolve("rejects")).close();

        assertThat(dir.resolve("rejects")).doesNotExist();
    }
}
