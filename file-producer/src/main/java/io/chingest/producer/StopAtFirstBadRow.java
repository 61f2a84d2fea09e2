package io.chingest.producer;

import io.chingest.producer.map.RowMappingException;
import io.chingest.producer.parse.ParsedRow;

/** Stops the run at the first record that cannot be mapped; the records before it are still delivered. Stateless. */
public final class StopAtFirstBadRow implements BadRowHandler {

    @Override
    public void handle(ParsedRow row, RowMappingException error) {
        throw error;
    }
}
