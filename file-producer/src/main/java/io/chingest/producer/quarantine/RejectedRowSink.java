package io.chingest.producer.quarantine;

import java.io.Closeable;

/**
 * Where rejected rows go: a rejects file, a dead-letter topic, the terminal. {@link #accept} is called on the
 * pipeline's thread only; an implementation that cannot keep a row throws {@link QuarantineException}, which fails the
 * file (a row is never dropped silently).
 */
public interface RejectedRowSink extends Closeable {

    /** @throws QuarantineException when the row could not be kept */
    void accept(RejectedRow row);

    /** Releases what the sink holds open; rows accepted so far are kept. */
    @Override
    void close();
}
