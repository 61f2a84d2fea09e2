package io.chingest.consumer.insert;

import io.chingest.consumer.buffer.Batch;

/** Writes one batch to the target table with one INSERT. Implementations say their thread-safety. */
@FunctionalInterface
public interface BatchInserter {

    /** Returns once the table has the batch's rows; @throws InsertFailedException when it may not have them */
    void insert(Batch batch);
}
