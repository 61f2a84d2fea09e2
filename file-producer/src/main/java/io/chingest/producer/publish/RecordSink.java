package io.chingest.producer.publish;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where the pipeline hands the records it mapped, one {@link FileSession} per input file: Kafka in transactions for
 * {@code send}, a count for {@code validate}. Used by the pipeline's sending thread only (only
 * {@link FileSession#prepare} runs on its reading thread).
 */
public interface RecordSink {

    /**
     * Starts sending one file: tells how far an earlier run got with it.
     *
     * @throws IOException when the file cannot be read to take its identity
     */
    FileSession open(Path file) throws IOException;

    /** Whether delivery has failed, so going on with further files is pointless. */
    boolean hasFailed();

    /** Releases resources and tells what was delivered in total; idempotent. */
    PublishOutcome finish();
}
