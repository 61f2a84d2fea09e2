package io.chingest.producer;

import io.chingest.producer.map.RowMappingException;
import io.chingest.producer.parse.ParsedRow;

/**
 * Decides what happens to a record that cannot be mapped to the schema: returning skips the record (after, for
 * example, setting it aside), throwing the error stops the run. Called on the pipeline's thread only.
 */
public interface BadRowHandler {

    /** @throws RowMappingException to stop the run at this record */
    void handle(ParsedRow row, RowMappingException error);
}
