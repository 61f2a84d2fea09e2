package io.chingest.producer;

import io.chingest.producer.map.HeaderMismatchException;
import io.chingest.producer.map.RowMappingException;
import io.chingest.producer.map.RowToAvroMapper;
import io.chingest.producer.map.TargetSchema;
import io.chingest.producer.parse.DelimitedRowReader;
import io.chingest.producer.parse.ParseSettings;
import io.chingest.producer.parse.ParsedRow;
import io.chingest.producer.parse.RowParseException;
import io.chingest.producer.publish.KafkaRecordPublisher;
import io.chingest.producer.publish.PublishOutcome;
import org.apache.avro.generic.GenericRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Drives the flow file -> parse -> map -> publish for a list of files, one record at a time, and always finishes the
 * publisher so that the records handed over before a stop are delivered. Not thread-safe: runs on the caller's
 * thread, once.
 */
public final class SendPipeline {

    private final ParseSettings parseSettings;
    private final TargetSchema target;
    private final KafkaRecordPublisher publisher;
    private final BadRowHandler badRows;
    private final Consumer<String> warnings;

    /**
     * @param publisher owned from now on: {@link #run} finishes it
     * @param warnings  receives one-line warnings for the user
     */
    public SendPipeline(ParseSettings parseSettings, TargetSchema target, KafkaRecordPublisher publisher,
            BadRowHandler badRows, Consumer<String> warnings) {
        this.parseSettings = parseSettings;
        this.target = target;
        this.publisher = publisher;
        this.badRows = badRows;
        this.warnings = warnings;
    }

    /** Publishes the files in order; stops at the first bad file or row, or once Kafka has failed a send. */
    public SendReport run(List<Path> files) {
        long start = System.nanoTime();
        int opened = 0;
        String stopReason = null;
        PublishOutcome outcome;
        try {
            for (Path file : files) {
                if (publisher.hasFailed()) {
                    break;
                }
                opened++;
                stopReason = publish(file);
                if (stopReason != null) {
                    break;
                }
            }
        } finally {
            outcome = publisher.finish();
        }
        return new SendReport(opened, outcome, stopReason, Duration.ofNanos(System.nanoTime() - start));
    }

    /** @return why the run must stop, or null when the file was published to its end */
    private String publish(Path file) {
        try (DelimitedRowReader reader = DelimitedRowReader.open(file, parseSettings)) {
            RowToAvroMapper mapper = mapperFor(reader);
            for (ParsedRow row = reader.next(); row != null && !publisher.hasFailed(); row = reader.next()) {
                GenericRecord record;
                try {
                    record = mapper.map(row);
                } catch (RowMappingException e) {
                    badRows.handle(row, e);
                    continue;
                }
                publisher.publish(record);
            }
            return null;
        } catch (RowParseException | RowMappingException | HeaderMismatchException e) {
            return e.getMessage();
        } catch (IOException e) {
            return file + ": cannot read the file: " + e;
        }
    }

    private RowToAvroMapper mapperFor(DelimitedRowReader reader) {
        if (!parseSettings.header()) {
            return RowToAvroMapper.byPosition(target, reader.file());
        }
        // An empty file has no header, and no rows to map either.
        RowToAvroMapper mapper = reader.header()
                .map(header -> RowToAvroMapper.byHeader(target, header))
                .orElseGet(() -> RowToAvroMapper.byPosition(target, reader.file()));
        if (!mapper.ignoredColumns().isEmpty()) {
            warnings.accept(reader.file() + ": ignoring columns that are not in the schema: "
                    + String.join(", ", mapper.ignoredColumns()));
        }
        return mapper;
    }
}
