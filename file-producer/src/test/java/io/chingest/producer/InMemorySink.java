package io.chingest.producer;

import io.chingest.producer.parse.RowPrefix;
import io.chingest.producer.progress.FileProgress;
import io.chingest.producer.progress.ResumePoint;
import io.chingest.producer.publish.FileSession;
import io.chingest.producer.publish.PreparedRecord;
import io.chingest.producer.publish.PublishFailedException;
import io.chingest.producer.publish.PublishOutcome;
import io.chingest.producer.publish.RecordSink;
import io.chingest.producer.publish.RecordTooLargeForKafkaException;
import io.chingest.producer.quarantine.RejectedRow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.Header;

/** A sink that keeps committed records, dead letters and positions in memory, like Kafka's transactions would.
 * {@code prepare} (the reading thread's) reads only {@link #tooLarge}; the rest is the sending thread's. */
final class InMemorySink implements RecordSink {

    final List<String> committed = new ArrayList<>();
    final List<RejectedRow> deadLetters = new ArrayList<>();
    final Map<Path, FileProgress> progress = new HashMap<>();
    /** Where a file starts when not by its own {@link #progress} (as when another file of its name began alike). */
    final Map<Path, ResumePoint> resumePoints = new HashMap<>();

    final List<String> commits = new ArrayList<>();
    final List<Path> opened = new ArrayList<>();
    Predicate<GenericRecord> tooLarge = record -> false;
    int failCommitNumber = -1;
    private int commitCount;
    private Exception failure;
    private long sent;

    @Override
    public FileSession open(Path file) {
        opened.add(file);
        return new FileSession() {
            private final List<String> pending = new ArrayList<>();
            private final List<RejectedRow> pendingDead = new ArrayList<>();
            private long published;

            @Override
            public FileProgress sentBefore() {
                return resumePoint().progress();
            }

            @Override
            public ResumePoint resumePoint() {
                return resumePoints.getOrDefault(file, ResumePoint.of(progress.getOrDefault(file, FileProgress.NONE)));
            }

            /** The payload is the record's text, for tests to compare. */
            @Override
            public PreparedRecord prepare(GenericRecord record, long line) {
                if (tooLarge.test(record)) {
                    throw new RecordTooLargeForKafkaException("the record is too large");
                }
                return new PreparedRecord(
                        null, record.toString().getBytes(StandardCharsets.UTF_8), new Header[0], line);
            }

            @Override
            public void send(PreparedRecord record) {
                pending.add(new String(record.payload(), StandardCharsets.UTF_8));
                sent++;
            }

            @Override
            public void deadLetter(RejectedRow row) {
                pendingDead.add(row);
            }

            @Override
            public void commit(long rowsHandled, boolean complete) {
                commit(rowsHandled, complete, null);
            }

            @Override
            public void commit(long rowsHandled, boolean complete, RowPrefix prefix) {
                if (++commitCount == failCommitNumber) {
                    failure = new IllegalStateException("commit refused");
                    throw new PublishFailedException("Kafka did not commit the rows of " + file, failure);
                }
                committed.addAll(pending);
                deadLetters.addAll(pendingDead);
                published += pending.size();
                pending.clear();
                pendingDead.clear();
                progress.put(file, new FileProgress(rowsHandled, complete, file.toString(), "host", null, prefix));
                commits.add(file.getFileName() + "@" + rowsHandled + (complete ? " complete" : ""));
            }

            @Override
            public long published() {
                return published;
            }

            @Override
            public void close() {
                sent -= pending.size();
                pending.clear();
                pendingDead.clear();
            }
        };
    }

    @Override
    public boolean hasFailed() {
        return failure != null;
    }

    @Override
    public PublishOutcome finish() {
        return new PublishOutcome("items", sent, committed.size(), sent - committed.size(), failure);
    }
}
