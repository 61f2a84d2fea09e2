package io.chingest.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.common.config.CommandLineRunner;
import io.chingest.testing.KafkaBrokerExtension;
import io.chingest.testing.Poll;
import io.chingest.testing.SchemaRegistryExtension;
import io.chingest.testing.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Progress belongs to one incarnation of a topic, and a file is recognised by its first bytes as well as by its own:
 * a topic created again gets the file again, a repaired or grown file resumes after the rows sent earlier, a file
 * that begins differently is sent in full. Each checked read_committed, row by row id.
 */
@ExtendWith({KafkaBrokerExtension.class, SchemaRegistryExtension.class})
class ResumeAcrossFilesIT {

    private static final Duration DEADLINE = Duration.ofMinutes(2);
    private static final String SCHEMA = """
            {"type": "record", "name": "Row", "fields": [
              {"name": "id", "type": "long"}, {"name": "payload", "type": "string"}]}""";

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    @Test
    void aTopicCreatedAgainGetsTheFileAgainOnceAndTheRunSaysSo() throws Exception {
        String topic = newTopic();
        Path csv = Files.write(dir.resolve("rows.csv"), rows(1, 20_000));
        assertThat(send(topic, "--chunk-rows", "5000", csv.toString()))
                .as(err.toString())
                .isZero();
        assertThat(CommittedRecords.rowIds(topic, 20_000)).isEqualTo(CommittedRecords.RowIds.EACH_ONCE);

        createAgain(topic);
        assertThat(CommittedRecords.of(topic)).isEmpty();
        err.getBuffer().setLength(0);
        int again = send(topic, "--chunk-rows", "5000", csv.toString());

        assertThat(again).as(err.toString()).isZero();
        assertThat(err.toString())
                .containsPattern(
                        "topic '" + Pattern.quote(topic) + "' was created again since " + Pattern.quote(csv.toString())
                                + " was sent \\(topic id \\S+, now \\S+\\): sending it again\\n")
                .contains(csv + ": 20000 rows read, 20000 published, 0 rejected\n");
        assertThat(CommittedRecords.rowIds(topic, 20_000)).isEqualTo(CommittedRecords.RowIds.EACH_ONCE);
    }

    @Test
    void aCutGzipFailsNamingTheRowsPublishedAndTheCompleteFileUnderTheSameNameResumesAfterThem() throws Exception {
        String topic = newTopic();
        byte[] complete = gzip(rows(1, 12_000));
        Path file = dir.resolve("orders.csv.gz");
        Files.write(file, Arrays.copyOf(complete, complete.length * 3 / 4));

        int cut = send(topic, "--chunk-rows", "500", file.toString());

        long published = CommittedRecords.rowsInProgress(topic);
        assertThat(cut).as(err.toString()).isEqualTo(1);
        assertThat(published).as("rows committed before the cut").isBetween(500L, 11_500L);
        assertThat(err.toString())
                .contains(String.format(
                        Locale.ROOT,
                        "; the first %,d rows are already published: sending the complete file under the same name"
                                + " resumes after them\n",
                        published));
        assertThat(CommittedRecords.of(topic)).hasSize((int) published);

        Files.write(file, complete);
        err.getBuffer().setLength(0);
        int resumed = send(topic, "--chunk-rows", "500", file.toString());

        assertThat(resumed).as(err.toString()).isZero();
        Matcher summary = Pattern.compile(
                        Pattern.quote(file.toString()) + ": (\\d+) rows read, \\1 published, 0 rejected,"
                                + " resumed after ([\\d,]+) rows sent earlier from a file with the same first ([\\d,]+) bytes\\n")
                .matcher(err.toString());
        assertThat(summary.find()).as(err.toString()).isTrue();
        assertThat(Long.parseLong(summary.group(1))).isEqualTo(12_000 - published);
        assertThat(summary.group(2)).isEqualTo(String.format(Locale.ROOT, "%,d", published));
        assertThat(CommittedRecords.rowIds(topic, 12_000)).isEqualTo(CommittedRecords.RowIds.EACH_ONCE);
    }

    @Test
    void aPlainFileThatGrewResumesAndOneThatBeginsDifferentlyIsSentInFull() throws Exception {
        String topic = newTopic();
        Path file = dir.resolve("grows.csv");
        Files.write(file, rows(1, 5_000));
        assertThat(send(topic, file.toString())).as(err.toString()).isZero();

        Files.write(file, rows(5_001, 8_000), StandardOpenOption.APPEND);
        err.getBuffer().setLength(0);
        assertThat(send(topic, file.toString())).as(err.toString()).isZero();

        long firstBytes = rows(1, 5_000).length;
        assertThat(err.toString())
                .contains(String.format(
                        Locale.ROOT,
                        "%s: 3000 rows read, 3000 published, 0 rejected, resumed after 5,000 rows sent earlier from a"
                                + " file with the same first %,d bytes\n",
                        file,
                        firstBytes));
        assertThat(CommittedRecords.rowIds(topic, 8_000)).isEqualTo(CommittedRecords.RowIds.EACH_ONCE);

        byte[] changed = rows(1, 9_000);
        changed[14] = 'X'; // in the first row's payload
        Path other = Files.createDirectories(dir.resolve("elsewhere")).resolve("grows.csv");
        Files.write(other, changed);
        err.getBuffer().setLength(0);
        assertThat(send(topic, other.toString())).as(err.toString()).isZero();

        assertThat(err.toString())
                .contains(String.format(
                        Locale.ROOT,
                        "%s: its first %,d bytes differ from those of the 8,000 rows sent earlier from %s: sending it"
                                + " in full\n",
                        other,
                        rows(1, 8_000).length,
                        file))
                .contains(other + ": 9000 rows read, 9000 published, 0 rejected\n");
        assertThat(CommittedRecords.of(topic)).hasSize(8_000 + 9_000);
    }

    @Test
    void aFileSentWithoutALineBreakAfterItsLastRowThatGrewSendsThatRowOnce() throws Exception {
        String topic = newTopic();
        Path file = dir.resolve("export.csv");
        byte[] first = rows(1, 5_000);
        Files.write(file, Arrays.copyOf(first, first.length - 1)); // as exported: no line break after row 5000
        assertThat(send(topic, file.toString())).as(err.toString()).isZero();

        Files.write(file, rows(1, 8_000)); // the next export, with the rows since
        err.getBuffer().setLength(0);
        assertThat(send(topic, file.toString())).as(err.toString()).isZero();

        assertThat(err.toString())
                .contains(String.format(
                        Locale.ROOT,
                        "%s: 3000 rows read, 3000 published, 0 rejected, resumed after 5,000 rows sent earlier from a"
                                + " file with the same first %,d bytes\n",
                        file,
                        first.length - 1));
        assertThat(CommittedRecords.rowIds(topic, 8_000)).isEqualTo(CommittedRecords.RowIds.EACH_ONCE);
    }

    /** The header and rows {@code from} to {@code to}, or only the rows when {@code from} is not 1. */
    private static byte[] rows(int from, int to) {
        StringBuilder text = new StringBuilder(from == 1 ? "id,payload\n" : "");
        for (int id = from; id <= to; id++) {
            text.append(id).append(",row ").append(id).append(" with some text to make it longer\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(compressed)) {
            out.write(bytes);
        }
        return compressed.toByteArray();
    }

    private int send(String topic, String... more) throws IOException {
        Path schema = Files.writeString(dir.resolve("row.avsc"), SCHEMA);
        List<String> args = TestServicesCommandLine.of(
                "send",
                topic,
                schema,
                concat(new String[] {"--rejects", dir.resolve("rejects").toString()}, more));
        CommandLine commandLine = new CommandLine(new FileProducerCommand());
        commandLine.setErr(new PrintWriter(err, true));
        return CommandLineRunner.execute(commandLine, args.toArray(String[]::new));
    }

    private static String[] concat(String[] first, String[] second) {
        String[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static String newTopic() throws Exception {
        return Topics.createServedNew(KafkaBrokerExtension.bootstrapServers(), "resume-", 2);
    }

    /** Deletes the topic and creates it again under the same name: a new topic id, no records. */
    private static void createAgain(String topic) throws Exception {
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerExtension.bootstrapServers()))) {
            admin.deleteTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
            // the broker refuses the name while the deletion is still going on
            Poll.until(DEADLINE, "topic " + topic + " created again", () -> {
                try {
                    Topics.createServed(admin, topic, 2);
                    return true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicExistsException) {
                        return false;
                    }
                    throw new IllegalStateException("cannot create topic " + topic + " again", e);
                } catch (Exception e) {
                    throw new IllegalStateException("cannot create topic " + topic + " again", e);
                }
            });
        }
    }
}
