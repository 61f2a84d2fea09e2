package io.chingest.producer.publish;

import io.chingest.producer.progress.FileProgress;
import io.chingest.producer.quarantine.RejectedRow;
import java.nio.file.Path;
import org.apache.avro.generic.GenericRecord;

/** Counts each record as delivered at once and keeps none: {@code validate} maps without publishing. Not thread-safe. */
public final class CountingSink implements RecordSink {

    private long records;

    @Override
    public FileSession open(Path file) {
        return new FileSession() {
            private long published;

            @Override
            public FileProgress sentBefore() {
                return FileProgress.NONE;
            }

            @Override
            public void publish(GenericRecord record, long line) {
                published++;
                records++;
            }

            @Override
            public void deadLetter(RejectedRow row) {}

            @Override
            public void commit(long rowsHandled, boolean complete) {}

            @Override
            public long published() {
                return published;
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public boolean hasFailed() {
        return false;
    }

    @Override
    public PublishOutcome finish() {
        return new PublishOutcome("(none)", records, records, 0, null);
    }
}
