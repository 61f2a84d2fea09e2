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
import io.chingest.producer.publish.RecordTooLargeForKafkaException;
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
import java.util.Map;
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
    void closeAndCheckThatNeitherThreadIsLeft() throws Exception {
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
    void anErrorOfTheSessionOnTheEncodingThreadReachesTheTakerWithItsMessage() throws Exception {
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
    void withTheSendingSideStalledEachHandOverHoldsNoMoreThanItsHalfOfTheBound() throws Exception {
        StringBuilder rows = new StringBuilder("id,name\n");
        for (int id = 1; id <= 1000; id++) {
            rows.append(id).append(",n\n");
        }
        Path file = write("a.csv", rows.toString());
        int payloadBytes = 1000;
        long bound = 20_000;
        AtomicInteger prepared = new AtomicInteger();
        TextSession counting = new TextSession() {
            @Override
            public PreparedRecord prepare(GenericRecord record, long line) {
                prepared.incrementAndGet();
                return new PreparedRecord(null, new byte[payloadBytes], new Header[0], line);
            }
        };

        ReadingStage stage = start(file, counting, 0, bound);
        Thread encoding = awaitWaitingForRoom(ReadingStage.ENCODER_THREAD_NAME);
        Thread reading = awaitWaitingForRoom(ReadingStage.READER_THREAD_NAME);

        long perRecord = payloadBytes + ReadingStage.EVENT_OVERHEAD_BYTES;
        // the records that fit in the sender's half, and the one the encoding thread holds while it waits for room
        assertThat(prepared.get()).isEqualTo((int) (bound / 2 / perRecord) + 1);
        assertThat(stage.preparedBytesQueued()).isEqualTo(bound / 2 / perRecord * perRecord);
        assertThat(stage.mappedBytesQueued()).isPositive().isLessThanOrEqualTo(bound / 2);
        assertThat(stage.next()).isInstanceOf(ReadingStage.Prepared.class);
        stage.close();
        assertThat(stage.ended()).isTrue();
        assertThat(reading.isAlive()).isFalse();
        assertThat(encoding.isAlive()).isFalse();
    }

    @Test
    void aMappedRowIsCountedFourBytesACharacterOfItsTextPlusItsFieldsAndTheEventOverhead() throws Exception {
        String large = "2," + "é".repeat(5000);
        Path file = write("a.csv", "id,name\n1,a\n" + large + "\n");
        CountDownLatch inPrepare = new CountDownLatch(1);
        CountDownLatch released = new CountDownLatch(1);
        TextSession held = new TextSession() {
            @Override
            public PreparedRecord prepare(GenericRecord record, long line) {
                inPrepare.countDown();
                try {
                    released.await(); // the next row stays in the reader's hand-over meanwhile
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                return super.prepare(record, line);
            }
        };

        ReadingStage stage = start(file, held, 0, 1 << 20);
        inPrepare.await();
        awaitEnded(ReadingStage.READER_THREAD_NAME);
        long queued = stage.mappedBytesQueued();
        released.countDown();

        // the large row (a record of two fields) and the End, each with the event overhead
        long mapped = ReadingStage.EVENT_OVERHEAD_BYTES + 2L * ReadingStage.FIELD_OVERHEAD_BYTES + 4L * large.length();
        assertThat(queued).isEqualTo(mapped + ReadingStage.EVENT_OVERHEAD_BYTES);
        assertThat(drain(stage)).hasSize(3).last().isEqualTo("end 2");
    }

    @Test
    @Timeout(10)
    void aRecordLargerThanTheBoundStillPassesAlone() throws Exception {
        Path file = write("a.csv", "id,name\n1,a\n2,b\n3,c\n");

        List<String> events = drain(start(file, new TextSession(), 0, 1));

        assertThat(events).hasSize(4).last().isEqualTo("end 3");
    }

    @Test
    void anInterruptOfTheWaitingSenderReachesItAndCloseEndsBothThreads() throws Exception {
        Path file = write("a.csv", "id,name\n1,a\n2,b\n");
        CountDownLatch released = new CountDownLatch(1);
        TextSession slow = new TextSession() {
            @Override
            public PreparedRecord prepare(GenericRecord record, long line) {
                try {
                    released.await(); // an encoding thread busy with a row, the sender waiting for it
                } catch (InterruptedException e) {
                    throw new AssertionError("the encoding thread is not interrupted", e);
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
    void closingWhileBothThreadsWaitForRoomEndsThem() throws Exception {
        StringBuilder rows = new StringBuilder("id,name\n");
        for (int id = 1; id <= 1000; id++) {
            rows.append(id).append(",n\n");
        }
        Path file = write("a.csv", rows.toString());
        ReadingStage stage = start(file, new TextSession(), 0, 1);
        Thread encoding = awaitWaitingForRoom(ReadingStage.ENCODER_THREAD_NAME);
        Thread reading = awaitWaitingForRoom(ReadingStage.READER_THREAD_NAME);

        stage.close();

        assertThat(stage.ended()).isTrue();
        assertThat(reading.isAlive()).isFalse();
        assertThat(encoding.isAlive()).isFalse();
        assertThatThrownBy(stage::next).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingWhileTheEncodingThreadIsBusyEndsBothThreads() throws Exception {
        StringBuilder rows = new StringBuilder("id,name\n");
        for (int id = 1; id <= 1000; id++) {
            rows.append(id).append(",n\n");
        }
        Path file = write("a.csv", rows.toString());
        CountDownLatch inPrepare = new CountDownLatch(1);
        CountDownLatch released = new CountDownLatch(1);
        TextSession slow = new TextSession() {
            @Override
            public PreparedRecord prepare(GenericRecord record, long line) {
                inPrepare.countDown();
                try {
                    released.await();
                } catch (InterruptedException e) {
                    throw new AssertionError("the encoding thread is not interrupted", e);
                }
                return super.prepare(record, line);
            }
        };
        ReadingStage stage = start(file, slow, 0, 1);
        inPrepare.await();
        Thread reading = awaitWaitingForRoom(ReadingStage.READER_THREAD_NAME);
        Thread closer = new Thread(stage::close);
        closer.start();

        reading.join(DEADLINE.toMillis());
        assertThat(reading.isAlive())
                .as("the reading thread ends while the encoding thread is busy")
                .isFalse();
        assertThat(closer.isAlive()).as("close waits for the encoding thread").isTrue();
        released.countDown();
        closer.join(DEADLINE.toMillis());

        assertThat(closer.isAlive()).isFalse();
        assertThat(stage.ended()).isTrue();
        assertThat(reading.isAlive()).isFalse();
    }

    @Test
    void aRowTooLargeForKafkaIsRejectedWithItsOwnTextThoughTheReaderHasMovedOn() throws Exception {
        String large = "2," + "x".repeat(300);
        Path file = write("a.csv", "id,name\n1,a\n" + large + "\n3,c\n4,d\n");
        TextSession refusing = new TextSession() {
            @Override
            public PreparedRecord prepare(GenericRecord record, long line) {
                if (line == 3) {
                    // the reader has read every row and ended by now: its current record is another one
                    awaitEnded(ReadingStage.READER_THREAD_NAME);
                    throw new RecordTooLargeForKafkaException("the record is too large");
                }
                return super.prepare(record, line);
            }
        };

        List<String> events = drain(start(file, refusing, 0, 1 << 20));

        assertThat(events)
                .containsExactly(
                        "prepared 1 line 2 {\"id\": 1, \"name\": \"a\"}",
                        "rejected 2 " + new RejectedRow(file, 3, null, "the record is too large", null, large),
                        "prepared 3 line 4 {\"id\": 3, \"name\": \"c\"}",
                        "prepared 4 line 5 {\"id\": 4, \"name\": \"d\"}",
                        "end 4");
    }

    @Test
    void aFailureOfTheEncodingThreadEndsTheStreamInItsPlaceAfterTheRowsBefore() throws Exception {
        Path file = write("a.csv", "id,name\nx,a\n2,b\n3,c\n");
        TextSession failing = new TextSession() {
            @Override
            public PreparedRecord prepare(GenericRecord record, long line) {
                if (line == 4) {
                    throw new IllegalStateException(file + ":" + line + ": cannot encode");
                }
                return super.prepare(record, line);
            }
        };

        List<String> events = drain(start(file, failing, 0, 1 << 20));

        assertThat(events)
                .containsExactly(
                        "rejected 1 " + new RejectedRow(file, 2, "id", "not an int", "x", "x,a"),
                        "prepared 2 line 3 {\"id\": 2, \"name\": \"b\"}",
                        "failed " + IllegalStateException.class.getName() + ": " + file + ":4: cannot encode");
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

    /** Waits until the stage's thread named {@code name} waits for room in its hand-over. */
    private static Thread awaitWaitingForRoom(String name) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            for (Map.Entry<Thread, StackTraceElement[]> thread :
                    Thread.getAllStackTraces().entrySet()) {
                if (thread.getKey().getName().equals(name) && waitsForRoom(thread.getKey(), thread.getValue())) {
                    return thread.getKey();
                }
            }
            assertThat(System.nanoTime()).as(name + " waits for room").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    /** Waiting on the queue's condition inside put, not for its lock (which the other side may hold a moment). */
    private static boolean waitsForRoom(Thread thread, StackTraceElement[] stack) {
        if (thread.getState() != Thread.State.WAITING) {
            return false;
        }
        boolean inAwait = false;
        for (StackTraceElement frame : stack) {
            if (frame.getMethodName().equals("await")) {
                inAwait = true;
            }
            if (frame.getClassName().endsWith("ByteBoundedQueue")) {
                return inAwait && frame.getMethodName().equals("put");
            }
        }
        return false;
    }

    private static void awaitEnded(String name) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (readingThreads().stream().anyMatch(thread -> thread.getName().equals(name))) {
            assertThat(System.nanoTime()).as(name + " ends").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    /** The live threads of reading stages, of either kind. */
    static List<Thread> readingThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> (thread.getName().equals(ReadingStage.READER_THREAD_NAME)
                                || thread.getName().equals(ReadingStage.ENCODER_THREAD_NAME))
                        && thread.isAlive())
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
