package io.chingest.producer.quarantine;

import java.nio.file.Path;
import java.util.List;

/**
 * Hands each rejected row to every configured sink in order (rejects file, dead-letter topic, terminal). Used by the
 * pipeline's thread only.
 */
public final class Quarantine implements RejectedRowSink {

    private final List<RejectedRowSink> sinks;

    public Quarantine(List<RejectedRowSink> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    @Override
    public void accept(RejectedRow row) {
        for (RejectedRowSink sink : sinks) {
            sink.accept(row);
        }
    }

    /** Lets the sinks release what they hold for one input file. */
    public void endOfFile(Path file) {
        for (RejectedRowSink sink : sinks) {
            if (sink instanceof RejectsFile rejects) {
                rejects.closeFileOf(file);
            }
        }
    }

    @Override
    public void close() {
        for (RejectedRowSink sink : sinks) {
            sink.close();
        }
    }
}
