package io.chingest.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.testing.JarProgram;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar starts as a program: help and usage errors, without any service. */
class ChConsumerJarIT {

    @TempDir
    Path directory;

    @Test
    void helpPrintsUsageAndExitsZero() throws Exception {
        try (JarProgram process = JarProgram.start(IngestFixture.CONSUMER_JAR, directory, "--help")) {
            assertThat(process.awaitExit(IngestFixture.WAIT)).isZero();
            assertThat(process.stdout()).startsWith("Usage: ch-consumer").contains("run", "--help", "--version");
            assertThat(process.stderr()).isEmpty();
        }
    }

    @Test
    void runHelpListsTheRunOptions() throws Exception {
        try (JarProgram process = JarProgram.start(IngestFixture.CONSUMER_JAR, directory, "run", "--help")) {
            assertThat(process.awaitExit(IngestFixture.WAIT)).isZero();
            assertThat(process.stdout())
                    .startsWith("Usage: ch-consumer run")
                    .contains(
                            "--topic=TOPIC",
                            "--group=GROUP",
                            "--table=[DB.]TABLE",
                            "--create-table",
                            "--stop-at-end",
                            "--max-buffered-bytes=SIZE");
        }
    }

    @Test
    void anInvalidOptionExitsTwoNamingIt() throws Exception {
        try (JarProgram process = JarProgram.start(
                IngestFixture.CONSUMER_JAR,
                directory,
                "run",
                "--topic",
                "t",
                "--group",
                "g",
                "--table",
                "t",
                "--batch-max-rows",
                "0")) {
            assertThat(process.awaitExit(IngestFixture.WAIT)).isEqualTo(2);
            assertThat(process.stderr()).contains("--batch-max-rows must be at least 1, was 0");
        }
    }
}
