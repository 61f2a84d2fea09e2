package io.chingest.producer.publish;

import io.chingest.producer.progress.FileProgress;
import io.chingest.producer.quarantine.RejectedRow;
import java.nio.file.Path;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.Header;

/** Counts each record as delivered at once and keeps none: {@code validate} maps without publishing. Not thread-safe;
 * its sessions' {@code prepare} touches no state, so the reading thread may call it. */
public final class CountingSink implements RecordSink {

    private static final byte[] NOTHING = new byte[0];
    private static final Header[] NO_HEADERS = new Header[0];

    private long records;

    @Override
    public FileSession open(Path file) {
        return new FileSession() {
            private long published;

            @Override
            public FileProgress sentBefore() {
                return FileProgress.NONE;
            }

            /** Validation publishes nothing, so it encodes nothing either: every record is this empty one. */
            @Override
            public PreparedRecord prepare(GenericRecord record, long line) {
                return new PreparedRecord(null, NOTHING, NO_HEADERS, line);
            }

            @Override
            public void send(PreparedRecord record) {
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
