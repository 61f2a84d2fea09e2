package io.chingest.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {
    @TempDir
    Path directory;

    @Test
    void returnsTheLastLinesOfASmallLog() throws Exception {
        Path log = Files.writeString(directory.resolve("a.log"), "one\ntwo\nthree\nfour\n");

        assertThat(LogTail.lastLines(log, 2)).isEqualTo("three\nfour");
        assertThat(LogTail.lastLines(log, 10)).isEqualTo("one\ntwo\nthree\nfour");
    }

    @Test
    void readsNoMoreThanItsByteBoundFromAHugeLogAndDropsTheCutLine() throws Exception {
        String line = "x".repeat(99); // 100 bytes with its newline
        String text = IntStream.range(0, 10_000)
                .mapToObj(i -> String.format("%05d", i) + line)
                .collect(Collectors.joining("\n", "", "\n"));
        Path log = Files.writeString(directory.resolve("huge.log"), text, StandardCharsets.UTF_8);

        String tail = LogTail.lastLines(log, 1_000_000);

        assertThat(tail.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(LogTail.MAX_BYTES);
        assertThat(tail).endsWith("09999" + line);
        assertThat(tail.lines()).allSatisfy(each -> assertThat(each).hasSize(104));
        assertThat(tail.lines().count()).isEqualTo(LogTail.MAX_BYTES / 105);
    }

    @Test
    void saysSoWhenTheLogIsMissingOrEmpty() throws Exception {
        assertThat(LogTail.lastLines(directory.resolve("missing.log"), 5))
                .isEqualTo("(no log file " + directory.resolve("missing.log") + ")");
        Path empty = Files.createFile(directory.resolve("empty.log"));
        assertThat(LogTail.lastLines(empty, 5)).isEqualTo("(log file " + empty + " is empty)");
    }
}
