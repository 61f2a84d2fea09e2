package io.chingest.producer;

import io.chingest.producer.map.HeaderMismatchException;
import io.chingest.producer.map.RowMappingException;
import io.chingest.producer.map.RowToAvroMapper;
import io.chingest.producer.map.TargetSchema;
import io.chingest.producer.parse.DelimitedRowReader;
import io.chingest.producer.parse.ParseSettings;
import io.chingest.producer.parse.ParsedRow;
import io.chingest.producer.parse.RowParseException;
import io.chingest.producer.publish.DeliveryCount;
import io.chingest.producer.publish.PublishOutcome;
import io.chingest.producer.publish.RecordSink;
import io.chingest.producer.publish.RecordTooLargeForKafkaException;
import io.chingest.producer.quarantine.BadRowLimit;
import io.chingest.producer.quarantine.Quarantine;
import io.chingest.producer.quarantine.QuarantineException;
import io.chingest.producer.quarantine.RejectedRow;
import org.apache.avro.generic.GenericRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Drives the flow file -> parse -> map -> publish for a list of files, one record at a time. A row that cannot be
 * mapped, or is too large for Kafka, goes to the quarantine and the file goes on; a file fails as a whole when its
 * bad rows pass the {@link BadRowLimit}, when the parser cannot read past a record (that record is quarantined too),
 * or when it cannot be opened; the run then goes on with the next file. Only a failed delivery to Kafka stops the run.
 * Always finishes the sink, so the records handed over are delivered. Not thread-safe: runs on the caller's thread,
 * once.
 */
public final class SendPipeline {

    private final ParseSettings parseSettings;
    private final TargetSchema target;
    private final RecordSink sink;
    private final Quarantine quarantine;
    private final BadRowLimit badRowLimit;
    private final Consumer<String> warnings;

    /**
     * @param sink       owned from now on: {@link #run} finishes it
     * @param quarantine receives every rejected row; not closed here
     * @param warnings   receives one-line warnings for the user
     */
    public SendPipeline(ParseSettings parseSettings, TargetSchema target, RecordSink sink, Quarantine quarantine,
            BadRowLimit badRowLimit, Consumer<String> warnings) {
        this.parseSettings = parseSettings;
        this.target = target;
        this.sink = sink;
        this.quarantine = quarantine;
        this.badRowLimit = badRowLimit;
        this.warnings = warnings;
    }

    /** Publishes the files in order; stops early only once Kafka has failed a send. */
    public SendReport run(List<Path> files) {
        long start = System.nanoTime();
        List<FileOutcome> outcomes = new ArrayList<>();
        PublishOutcome outcome;
        try {
            for (Path file : files) {
                if (sink.hasFailed()) {
                    break;
                }
                outcomes.add(publish(file));
            }
        } finally {
            outcome = sink.finish();
        }
        return new SendReport(outcomes, outcome, Duration.ofNanos(System.nanoTime() - start));
    }

    private FileOutcome publish(Path file) {
        FileProgress progress = new FileProgress();
        String failure;
        try (DelimitedRowReader reader = DelimitedRowReader.open(file, parseSettings)) {
            failure = publishRows(reader, progress);
        } catch (RowParseException e) {
            // univocity cannot go on after a record it failed to parse: quarantine it and fail the file
            progress.read++;
            failure = reject(progress, new RejectedRow(file, e.line(), null, e.reason(), null, null));
            if (failure == null) {
                failure = e.getMessage() + "; the rest of the file is not read";
            }
        } catch (HeaderMismatchException | QuarantineException e) {
            failure = e.getMessage();
        } catch (IOException e) {
            failure = file + ": cannot read the file: " + e;
        } finally {
            sink.flush();
            quarantine.endOfFile(file);
        }
        if (failure == null && sink.hasFailed()) {
            failure = "publishing to Kafka failed, the rest of the file is not read";
        }
        return new FileOutcome(file, progress.read, progress.delivered.acknowledged(), progress.rejected, failure);
    }

    /** @return why the file fails, or null when it was read to its end */
    private String publishRows(DelimitedRowReader reader, FileProgress progress) {
        RowToAvroMapper mapper = mapperFor(reader);
        for (ParsedRow row = reader.next(); row != null && !sink.hasFailed(); row = reader.next()) {
            progress.read++;
            String failure = null;
            try {
                GenericRecord record = mapper.map(row);
                sink.publish(record, progress.delivered);
            } catch (RowMappingException e) {
                failure = reject(progress, new RejectedRow(row.file(), row.line(), e.column(), e.reason(), e.value(),
                        reader.currentRecordText()));
            } catch (RecordTooLargeForKafkaException e) {
                failure = reject(progress, new RejectedRow(row.file(), row.line(), null, e.getMessage(), null,
                        reader.currentRecordText()));
            }
            if (failure != null) {
                return failure;
            }
        }
        if (badRowLimit.exceededAtEnd(progress.rejected, progress.read)) {
            return reader.file() + ": " + badRowLimit.describeExceeded(progress.rejected, progress.read);
        }
        return null;
    }

    /** Quarantines the row; returns why the file fails when that passes the limit, else null. */
    private String reject(FileProgress progress, RejectedRow row) {
        progress.rejected++;
        quarantine.accept(row);
        if (badRowLimit.exceededWhileReading(progress.rejected, progress.read)) {
            return row.file() + ": " + badRowLimit.describeExceeded(progress.rejected, progress.read)
                    + ", the last at line " + row.line();
        }
        return null;
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

    /** The counts of the file being read. */
    private static final class FileProgress {
        long read;
        long rejected;
        final DeliveryCount delivered = new DeliveryCount();
    }
}
