package io.chingest.producer;

import io.chingest.producer.ReadingStage.End;
import io.chingest.producer.ReadingStage.Event;
import io.chingest.producer.ReadingStage.Failed;
import io.chingest.producer.ReadingStage.Mapped;
import io.chingest.producer.ReadingStage.Prepared;
import io.chingest.producer.ReadingStage.Rejected;
import io.chingest.producer.handover.ByteBoundedQueue;
import io.chingest.producer.handover.StageThread;
import io.chingest.producer.publish.FileSession;
import io.chingest.producer.publish.RecordTooLargeForKafkaException;
import io.chingest.producer.quarantine.RejectedRow;

/**
 * The second stage of {@link ReadingStage}: {@link FileSession#prepare prepares} each {@link Mapped} row of the
 * reading thread (encode, key, headers, size check) into a {@link Prepared} record, or a {@link Rejected} row with
 * its text when it is too large for Kafka, and passes every other event on as it came, so the order stays the file's.
 * Ends after handing on the {@link End} or {@link Failed} of the reading thread. Runs on the encoding thread, which
 * alone calls the session's {@code prepare}.
 */
final class EncodingStage implements StageThread.Work<Event> {

    private final StageThread<Event> input;
    private final FileSession session;

    EncodingStage(StageThread<Event> input, FileSession session) {
        this.input = input;
        this.session = session;
    }

    /**
     * @throws IllegalStateException when the reading stage was closed while this one waits for a row; nobody takes
     *     this stage's output then either
     */
    @Override
    public void run(ByteBoundedQueue<Event> out) throws InterruptedException {
        while (true) {
            Event event = input.next();
            if (!out.put(event instanceof Mapped mapped ? prepare(mapped) : event)) {
                return;
            }
            if (event instanceof End || event instanceof Failed) {
                return;
            }
        }
    }

    private Event prepare(Mapped mapped) {
        try {
            return new Prepared(mapped.rowsHandled(), session.prepare(mapped.record(), mapped.line()));
        } catch (RecordTooLargeForKafkaException e) {
            return new Rejected(
                    mapped.rowsHandled(),
                    new RejectedRow(mapped.file(), mapped.line(), null, e.getMessage(), null, mapped.text()));
        }
    }
}
