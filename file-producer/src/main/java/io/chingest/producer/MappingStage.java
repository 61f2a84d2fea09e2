package io.chingest.producer;

import io.chingest.producer.ReadingStage.End;
import io.chingest.producer.ReadingStage.Event;
import io.chingest.producer.ReadingStage.Mapped;
import io.chingest.producer.ReadingStage.Progress;
import io.chingest.producer.ReadingStage.Rejected;
import io.chingest.producer.feedback.SendProgress;
import io.chingest.producer.handover.ByteBoundedQueue;
import io.chingest.producer.handover.StageThread;
import io.chingest.producer.map.RowMappingException;
import io.chingest.producer.map.RowToAvroMapper;
import io.chingest.producer.parse.DelimitedRowReader;
import io.chingest.producer.parse.ParsedRow;
import io.chingest.producer.quarantine.RejectedRow;
import org.apache.avro.generic.GenericRecord;

/**
 * The first stage of {@link ReadingStage}: parses the rows and maps each to a record, handing on {@link Mapped} rows,
 * rows that cannot be mapped ({@link Rejected}), {@link Progress} and the {@link End}, in file order. Rows an earlier
 * run sent are counted and not mapped. Runs on the reading thread, which alone uses the reader and the mapper.
 */
final class MappingStage implements StageThread.Work<Event> {

    private final DelimitedRowReader reader;
    private final RowToAvroMapper mapper;
    private final long skipRows;

    MappingStage(DelimitedRowReader reader, RowToAvroMapper mapper, long skipRows) {
        this.reader = reader;
        this.mapper = mapper;
        this.skipRows = skipRows;
    }

    @Override
    public void run(ByteBoundedQueue<Event> out) throws InterruptedException {
        long handled = 0;
        for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
            handled++;
            if (handled % SendProgress.ROWS_PER_UPDATE == 0 && !out.put(new Progress(handled, reader.bytesRead()))) {
                return;
            }
            if (handled <= skipRows) {
                continue; // sent by an earlier run
            }
            if (!out.put(map(row, handled))) {
                return;
            }
        }
        out.put(new End(handled));
    }

    private Event map(ParsedRow row, long handled) {
        // Copied for every row, not only for rejected ones: the encoding thread may find the record too large for
        // Kafka when this reader is at another record. One copy of a row costs little next to parsing it.
        String text = reader.currentRecordText();
        try {
            GenericRecord record = mapper.map(row);
            return new Mapped(
                    handled, row.file(), row.line(), record, text, Mapped.estimate(record, text, row.values()));
        } catch (RowMappingException e) {
            return new Rejected(
                    handled, new RejectedRow(row.file(), row.line(), e.column(), e.reason(), e.value(), text));
        }
    }
}
