package io.chingest.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chingest.producer.handover.Threads;
import io.chingest.producer.map.RowToAvroMapper;
import io.chingest.producer.map.TargetSchema;
import io.chingest.producer.parse.DelimitedRowReader;
import io.chingest.producer.parse.ParseSettings;
import io.chingest.producer.parse.RowParseException;
import io.chingest.producer.progress.FileProgress;
import io.chingest.producer.publish.FileSession;
import io.chingest.producer.publish.PreparedRecord;
import io.chingest.producer.quarantine.RejectedRow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ReadingStageTest {

    private static final Schema SCHEMA = new Schema.Parser().parse("""
            {"type": "record", "name": "Item", "fields": [
              {"name": "id", "type": "int"},
              {"name": "name", "type": ["null", "string"]}
            ]}""");
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAndCheckThatNoReadingThreadIsLeft() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        assertThat(readingThreads()).isEmpty();
    }

    @Test
    void eachRowBecomesOneEventInFileOrderAfterTheRowsSentEarlier() throws Exception {
        Path file = write("a.csv", "id,name\n1,a\n2,b\nx,c\n4,d\n5,e\n");

        List<String> events = drain(start(file, new TextSession(), 1, 1 << 20));

        assertThat(events)
                .containsExactly(
                        "prepared 2 line 3 {\"id\": 2, \"name\": \"b\"}",
                        "rejected 3 " + new RejectedRow(file, 4, "id", "not an int", "x", "x,c"),
                        "prepared 4 line 5 {\"id\": 4, \"name\": \"d\"}",
                        "prepared 5 line 6 {\"id\": 5, \"name\": \"e\"}",
                        "end 5");
    }

    @Test
    void progressIsReportedEvery1024RowsSkippedOnesIncluded() throws Exception {
        StringBuilder rows = new StringBuilder("id,name\n");
        for (int id = 1; id <= 2100; id++) {
            rows.append(id).append(",n\n");
        }
        Path file = write("a.csv", rows.toString());

        List<String> events = drain(start(file, new TextSession(), 2000, 1 << 20));

        assertThat(events)
                .filteredOn(event -> event.startsWith("progress"))
                .containsExactly("progress 1024", "progress 2048");
        assertThat(events).filteredOn(event -> event.startsWith("prepared")).hasSize(100);
        assertThat(events.get(0)).isEqualTo("progress 1024");
        assertThat(events.get(events.size() - 1)).isEqualTo("end 2100");
    }

    @Test
    void aRecordTheParserCannotReadEndsTheStreamWithItsFailureNamingFileAndLine() throws Exception {
        Path file = write("a.csv", "id,name\n1,one\n2,\"" + "x".repeat(200) + "\"\n3,three\n");
        DelimitedRowReader reader = open(file, ParseSettings.csvDefaults().withBounds(100, 10, 1000));

        List<String> events = drain(start(reader, new TextSession(), 0, 1 << 20));

        assertThat(events).hasSize(2);
        assertThat(events.get(0)).startsWith("prepared 1 line 2");
        assertThat(events.get(1))
                .isEqualTo("failed " + RowParseException.class.getName() + ": " + file
                        + ":3: value in column 2 is longer than 100 characters (raise --max-value-chars, or look for"
                        + " an unclosed quote)");
    }

    @Test
    void aFileCutShortFailsTheStreamNamingTheFile() throws Exception {
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
            // past the parser's first 64 KiB buffer, so that the cut is met while rows are read
            StringBuilder rows = new StringBuilder("id,name\n");
            Random random = new Random(3);
            for (int id = 1; id <= 20_000; id++) {
                rows.append(id)
                        .append(',')
                        .append(Long.toHexString(random.nextLong()))
                        .append('\n');
            }
            out.write(rows.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] whole = gzip.toByteArray();
        Path file = Files.write(dir.resolve("a.csv.gz"), Arrays.copyOf(whole, whole.length / 2));

        List<String> events = drain(start(file, new TextSession(), 0, 1 << 20));

        assertThat(events).filteredOn(event -> event.startsWith("prepared")).isNotEmpty();
        assertThat(events.get(events.size() - 1))
                .matches("failed " + RowParseException.class.getName() + ": \\Q" + file
                        + "\\E:\\d+: cannot read the file: Unexpected end of ZLIB input stream");
    }

    @Test
    void anErrorOfTheSessionOnTheReadingThreadReachesTheTakerWithItsMessage() throws Exception {
        Path file = write("a.csv", "id,name\n1,a\n");
        TextSession failing = new TextSession() {
            @Override
            public PreparedRecord prepare(GenericRecord record, long line) {
                throw new IllegalStateException(file + ":" + line + ": cannot encode");
            }
        };

        List<String> events = drain(start(file, failing, 0, 1 << 20));

        assertThat(events)
                .containsExactly("failed " + IllegalStateException.class.getName() + ": " + file + ":2: cannot encode");
    }

    @Test
    void withTheSendingSideStalledTheReadingThreadPreparesNoMoreThanTheBoundHolds() throws Exception {
        StringBuilder rows = new StringBuilder("id,name\n");
        for (int id = 1; id <= 1000; id++) {
            rows.append(id).append(",n\n");
        }
        Path file = write("a.csv", rows.toString());
        int payloadBytes = 1000;
        long bound = 10_000;
        AtomicInteger prepared = new AtomicInteger();
        TextSession counting = new TextSession() {
            @Override
            public PreparedRecord prepare(GenericRecord record, long line) {
                prepared.incrementAndGet();
                return new PreparedRecord(null, new byte[payloadBytes], new Header[0], line);
            }
        };

        ReadingStage stage = start(file, counting, 0, bound);
        Thread reading = awaitReadingThreadBlocked();

        long perRecord = payloadBytes + ReadingStage.EVENT_OVERHEAD_BYTES;
        // a batch is handed over once it holds an eighth of the bound (1,250 bytes): two records of 1,128
        long perBatch = 2 * perRecord;
        // the four batches that fit, and the one the thread holds while it waits for room
        assertThat(bound / ReadingStage.BATCHES_PER_CAPACITY).isBetween(perRecord + 1, perBatch);
        assertThat(prepared.get()).isEqualTo((int) (bound / perBatch + 1) * 2);
        assertThat(stage.next()).isInstanceOf(ReadingStage.Prepared.class);
        stage.close();
        assertThat(stage.ended()).isTrue();
        assertThat(reading.isAlive()).isFalse();
    }

    @Test
    @Timeout(10)
    void aRecordLargerThanTheBoundStillPassesAlone() throws Exception {
        Path file = write("a.csv", "id,name\n1,a\n2,b\n3,c\n");

        List<String> events = drain(start(file, new TextSession(), 0, 1));

        assertThat(events).hasSize(4).last().isEqualTo("end 3");
    }

    @Test
    void anInterruptOfTheWaitingSenderReachesItAndCloseEndsTheReadingThread() throws Exception {
        Path file = write("a.csv", "id,name\n1,a\n2,b\n");
        CountDownLatch released = new CountDownLatch(1);
        TextSession slow = new TextSession() {
            @Override
            public PreparedRecord prepare(GenericRecord record, long line) {
                try {
                    released.await(); // a reading thread busy with a row, the sender waiting for it
                } catch (InterruptedException e) {
                    throw new AssertionError("the reading thread is not interrupted", e);
                }
                return super.prepare(record, line);
            }
        };
        ReadingStage stage = start(file, slow, 0, 1 << 20);
        AtomicReference<Throwable> heard = new AtomicReference<>();
        Thread sender = new Thread(() -> {
            try {
                stage.next();
            } catch (Throwable e) {
                heard.set(e);
            }
        });
        sender.start();
        Threads.awaitBlockedOrDone(sender);

        sender.interrupt();
        sender.join(DEADLINE.toMillis());
        released.countDown();
        stage.close();

        assertThat(heard.get()).isInstanceOf(InterruptedException.class);
        assertThat(stage.ended()).isTrue();
    }

    @Test
    void closingWhileTheReadingThreadWaitsForRoomEndsIt() throws Exception {
        StringBuilder rows = new StringBuilder("id,name\n");
        for (int id = 1; id <= 1000; id++) {
            rows.append(id).append(",n\n");
        }
        Path file = write("a.csv", rows.toString());
        ReadingStage stage = start(file, new TextSession(), 0, 1);
        Thread reading = awaitReadingThreadBlocked();

        stage.close();

        assertThat(stage.ended()).isTrue();
        assertThat(reading.isAlive()).isFalse();
        assertThatThrownBy(stage::next).isInstanceOf(IllegalStateException.class);
    }

    /** Takes every event up to the end of the stream, each in a short text form. */
    private static List<String> drain(ReadingStage stage) throws InterruptedException {
        List<String> events = new ArrayList<>();
        while (true) {
            ReadingStage.Event event = stage.next();
            if (event instanceof ReadingStage.Prepared prepared) {
                events.add("prepared " + prepared.rowsHandled() + " line "
                        + prepared.record().line() + " "
                        + new String(prepared.record().payload(), StandardCharsets.UTF_8));
            } else if (event instanceof ReadingStage.Rejected rejected) {
                events.add("rejected " + rejected.rowsHandled() + " " + rejected.row());
            } else if (event instanceof ReadingStage.Progress progress) {
                events.add("progress " + progress.rowsHandled());
            } else if (event instanceof ReadingStage.End end) {
                events.add("end " + end.rowsHandled());
                return events;
            } else {
                events.add("failed " + ((ReadingStage.Failed) event).cause());
                return events;
            }
        }
    }

    private ReadingStage start(Path file, FileSession session, long skip, long bound) throws IOException {
        return start(open(file, ParseSettings.csvDefaults()), session, skip, bound);
    }

    private ReadingStage start(DelimitedRowReader reader, FileSession session, long skip, long bound) {
        RowToAvroMapper mapper = RowToAvroMapper.byHeader(
                TargetSchema.of(SCHEMA), reader.header().orElseThrow());
        ReadingStage stage = ReadingStage.start(reader, mapper, session, skip, bound);
        opened.add(stage);
        return stage;
    }

    private DelimitedRowReader open(Path file, ParseSettings settings) throws IOException {
        DelimitedRowReader reader = DelimitedRowReader.open(file, settings);
        opened.add(reader);
        return reader;
    }

    private static Thread awaitReadingThreadBlocked() {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            for (Thread thread : readingThreads()) {
                if (thread.getState() == Thread.State.WAITING) {
                    return thread;
                }
            }
            assertThat(System.nanoTime())
                    .as("the reading thread waits for room")
                    .isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    static List<Thread> readingThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(ReadingStage.THREAD_NAME) && thread.isAlive())
                .toList();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    /** A session whose prepared payload is the record's text; nothing but prepare is used here. */
    private static class TextSession implements FileSession {
        @Override
        public FileProgress sentBefore() {
            return FileProgress.NONE;
        }

        @Override
        public PreparedRecord prepare(GenericRecord record, long line) {
            return new PreparedRecord(null, record.toString().getBytes(StandardCharsets.UTF_8), new Header[0], line);
        }

        @Override
        public void send(PreparedRecord record) {
            throw new AssertionError("the reading stage does not send");
        }

        @Override
        public void deadLetter(RejectedRow row) {
            throw new AssertionError("the reading stage does not write dead letters");
        }

        @Override
        public void commit(long rowsHandled, boolean complete) {
            throw new AssertionError("the reading stage does not commit");
        }

        @Override
        public long published() {
            return 0;
        }

        @Override
        public void close() {}
    }
}
