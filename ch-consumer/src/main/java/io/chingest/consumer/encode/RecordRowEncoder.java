package io.chingest.consumer.encode;

import io.chingest.common.mapping.AvroToClickHouseMapping;
import io.chingest.common.mapping.ClickHouseType;
import io.chingest.common.mapping.ColumnMapping;
import io.chingest.common.mapping.UnsupportedAvroTypeException;
import io.chingest.common.registry.SchemaNotFoundException;
import io.chingest.common.registry.SchemaRegistryException;
import io.chingest.common.registry.UnreadableSchemaException;
import io.chingest.common.wire.ConfluentWireFormat;
import io.chingest.common.wire.WireFormatException;
import io.chingest.consumer.clickhouse.ClickHouseUnavailableException;
import io.chingest.consumer.clickhouse.NewColumn;
import io.chingest.consumer.metrics.ConsumerMetrics;
import io.chingest.consumer.table.TableColumn;
import io.chingest.consumer.table.TableSetupException;
import io.chingest.consumer.table.TargetTable;
import io.micrometer.core.instrument.Counter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one Kafka record value (Confluent wire format) into one RowBinary row of the target table: decodes it with its
 * writer schema, binds that schema to the table's columns once per schema id, and encodes the row into a scratch writer
 * bounded by the batch byte limit. Each record is decoded with its own writer schema, so records of several schema
 * versions interleaved in one partition each get the layout of their version.
 *
 * <p>Schemas that change while running: a column the schema has no field for takes its default (see
 * {@link RowLayoutBinder}); a field the table has no column for is dropped with one warning per schema id and counted
 * per field ({@code chingest.consumer.fields.unmapped}), after the table's columns were read again in case someone
 * added it. With {@code evolve} the missing column is added first ({@link TargetTable#addColumn}, on this thread,
 * bounded by the ClickHouse time-out); when the table's columns change, every schema is bound again, so that all
 * versions keep writing one column list where they can. Not thread-safe: one per polling thread.
 */
public final class RecordRowEncoder {
    private static final Logger LOG = LoggerFactory.getLogger(RecordRowEncoder.class);

    private final RecordDecoder decoder;
    private final TargetTable table;
    private final RowBinaryWriter scratch;
    private final boolean evolve;
    private final ConsumerMetrics metrics;
    private final Map<Integer, BoundSchema> bySchemaId = new HashMap<>();
    /** The dropped fields last reported per schema id: a schema is reported again only when they change. */
    private final Map<Integer, List<String>> reportedUnmapped = new HashMap<>();

    private final Map<Integer, List<String>> reportedDefaulted = new HashMap<>();
    /** The last record decoded, filled again by the next one of its schema: the row is encoded before the next decode. */
    private GenericRecord reusable;

    private String lastTopic;
    private byte[] lastTopicUtf8;

    /** @param evolve add a column for a record field the table lacks ({@code --evolve}) instead of dropping the field */
    public RecordRowEncoder(
            RecordDecoder decoder, TargetTable table, int maxRowBytes, boolean evolve, ConsumerMetrics metrics) {
        this.decoder = decoder;
        this.table = table;
        this.scratch = new RowBinaryWriter(maxRowBytes);
        this.evolve = evolve;
        this.metrics = metrics;
    }

    /**
     * Encodes the value of the record at topic/partition/offset; the row's bytes are valid until the next call.
     *
     * @throws RecordRejectedException when no retry can make this record ingestible; of the registry's answers only a
     *     proven unknown schema id (404 with error code 40403) and a schema that is not readable Avro are
     * @throws RecordDeferredException when the registry (any other answer, or none) or ClickHouse is unavailable and
     *     the record should be read again later
     */
    public EncodedRow encode(String topic, int partition, long offset, byte[] value) {
        if (value == null) {
            throw new RecordRejectedException(
                    "record at " + where(topic, partition, offset)
                            + " has no value (a null payload is not in the Confluent wire format)",
                    null);
        }
        int schemaId;
        GenericRecord record;
        try {
            schemaId = ConfluentWireFormat.schemaIdOf(value);
            record = decoder.decode(value, reusable);
        } catch (WireFormatException | AvroRuntimeException e) {
            reusable = null;
            throw new RecordRejectedException(
                    "bad payload at " + where(topic, partition, offset) + ": " + e.getMessage(), e);
        } catch (SchemaNotFoundException e) {
            throw new RecordRejectedException(
                    "unknown schema id " + ConfluentWireFormat.schemaIdOf(value) + " at "
                            + where(topic, partition, offset) + ": " + e.getMessage(),
                    e);
        } catch (UnreadableSchemaException e) {
            throw new RecordRejectedException(
                    "unreadable writer schema of " + where(topic, partition, offset) + ": " + e.getMessage(), e);
        } catch (SchemaRegistryException e) {
            // Not proven to be this record's fault (a wrong URL answers every id with a 404 page): read it again later.
            throw new RecordDeferredException(
                    "schema registry unavailable while decoding " + where(topic, partition, offset) + ": "
                            + e.getMessage(),
                    e);
        }
        reusable = record;
        BoundSchema bound = boundFor(schemaId, record, topic, partition, offset);
        RowLayout layout = bound.layout();
        scratch.reset();
        try {
            RowBinaryEncoder.encode(record, layout, scratch, utf8(topic), partition, offset);
        } catch (ValueEncodingException e) {
            throw new RecordRejectedException(
                    "record at " + where(topic, partition, offset) + " does not fit table " + table.name() + ": "
                            + e.getMessage(),
                    e,
                    false,
                    table.name().toString(),
                    e.column());
        } catch (RowTooLargeException e) {
            throw new RecordRejectedException(
                    "record at " + where(topic, partition, offset) + ": " + e.getMessage(), e);
        }
        for (Counter dropped : bound.droppedFields()) {
            dropped.increment();
        }
        return new EncodedRow(scratch, layout.columns());
    }

    /** Built only for messages: a string per record costs as much as decoding a narrow one. */
    private static String where(String topic, int partition, long offset) {
        return "topic " + topic + " partition " + partition + " offset " + offset;
    }

    private byte[] utf8(String topic) {
        if (!topic.equals(lastTopic)) {
            lastTopic = topic;
            lastTopicUtf8 = topic.getBytes(StandardCharsets.UTF_8);
        }
        return lastTopicUtf8;
    }

    private BoundSchema boundFor(int schemaId, GenericRecord record, String topic, int partition, long offset) {
        BoundSchema known = bySchemaId.get(schemaId);
        if (known != null) {
            return known;
        }
        Schema schema = record.getSchema();
        RowLayout layout;
        Map<String, String> notAdded = new LinkedHashMap<>();
        try {
            List<TableColumn> columns = table.columnsFor(schema);
            layout = RowLayoutBinder.bind(table.name(), columns, schema);
            if (!layout.unmappedFields().isEmpty()) {
                // Another consumer, or a user, may have added the columns since they were read.
                layout = rebindIfChanged(columns, table.refresh(), schema, layout);
            }
            if (!layout.unmappedFields().isEmpty() && evolve) {
                List<TableColumn> before = table.columnsFor(schema);
                addColumns(schema, layout.unmappedFields(), before, notAdded);
                layout = rebindIfChanged(before, table.columnsFor(schema), schema, layout);
            }
        } catch (ClickHouseUnavailableException e) {
            throw new RecordDeferredException(
                    "cannot read the columns of table " + table.name() + " for " + where(topic, partition, offset)
                            + ": " + e.getMessage(),
                    e);
        } catch (TableMismatchException | TableSetupException | UnsupportedAvroTypeException e) {
            throw new RecordRejectedException(
                    e.getMessage() + " (writer schema id " + schemaId + ", first used at "
                            + where(topic, partition, offset) + ")",
                    e,
                    true,
                    table.name().toString(),
                    null);
        }
        report(schemaId, schema, layout, notAdded, where(topic, partition, offset));
        List<Counter> dropped =
                layout.unmappedFields().stream().map(metrics::unmappedField).toList();
        BoundSchema bound = new BoundSchema(layout, dropped.toArray(Counter[]::new));
        bySchemaId.put(schemaId, bound);
        return bound;
    }

    /** Binds again when the table's columns changed, forgetting every schema's layout so that each is bound to the new columns. */
    private RowLayout rebindIfChanged(
            List<TableColumn> before, List<TableColumn> after, Schema schema, RowLayout layout) {
        if (after.equals(before)) {
            return layout;
        }
        bySchemaId.clear();
        return RowLayoutBinder.bind(table.name(), after, schema);
    }

    /** Adds a column for each field that has no column of its name at all; the reasons for those not added go to {@code notAdded}. */
    private void addColumns(
            Schema schema, List<String> unmapped, List<TableColumn> columns, Map<String, String> notAdded) {
        Map<String, ClickHouseType> mapped = new HashMap<>();
        for (ColumnMapping mapping : AvroToClickHouseMapping.columnsOf(schema)) {
            mapped.put(mapping.name(), mapping.type());
        }
        for (String field : unmapped) {
            Optional<TableColumn> existing = columns.stream()
                    .filter(column -> column.name().equals(field))
                    .findFirst();
            if (existing.isPresent()) {
                TableColumn column = existing.get();
                notAdded.put(
                        field,
                        "column " + field + " is "
                                + (column.insertable()
                                        ? "filled by ch-consumer with the record's Kafka coordinates"
                                        : column.defaultKind() + ", computed by ClickHouse"));
                continue;
            }
            Optional<NewColumn> column = NewColumn.forField(schema.getField(field), mapped.get(field));
            if (column.isEmpty()) {
                notAdded.put(
                        field,
                        "its default value " + schema.getField(field).defaultVal()
                                + " has no ClickHouse expression; add the column by hand");
                continue;
            }
            try {
                if (table.addColumn(column.get())) {
                    metrics.columnAdded();
                }
            } catch (TableSetupException e) {
                notAdded.put(field, e.getMessage());
            }
        }
    }

    private void report(int schemaId, Schema schema, RowLayout layout, Map<String, String> notAdded, String where) {
        String writer =
                "writer schema id " + schemaId + " (record " + schema.getFullName() + ", first used at " + where + ")";
        List<String> unmapped = layout.unmappedFields();
        if (!unmapped.isEmpty() && !unmapped.equals(reportedUnmapped.get(schemaId))) {
            reportedUnmapped.put(schemaId, unmapped);
            String why = notAdded.isEmpty()
                    ? (evolve ? "" : "; --evolve adds such columns")
                    : "; not added: "
                            + notAdded.entrySet().stream()
                                    .map(reason -> reason.getKey() + ": " + reason.getValue())
                                    .collect(Collectors.joining("; "));
            LOG.warn(
                    "table {} has no column for field{} {} of {}: their values are dropped (metric {}){}",
                    table.name(),
                    unmapped.size() == 1 ? "" : "s",
                    unmapped,
                    writer,
                    "chingest.consumer.fields.unmapped",
                    why);
        }
        List<String> defaulted = layout.defaultedColumns();
        if (!defaulted.isEmpty() && !defaulted.equals(reportedDefaulted.get(schemaId))) {
            reportedDefaulted.put(schemaId, defaulted);
            List<String> madeUp = layout.typeDefaultColumns();
            if (madeUp.isEmpty()) {
                LOG.info(
                        "{} has no field for column{} {} of table {}: they take their defaults",
                        writer,
                        defaulted.size() == 1 ? "" : "s",
                        defaulted,
                        table.name());
            } else {
                LOG.warn(
                        "{} has no field for column{} {} of table {}: they take their defaults; {} {} neither Nullable nor a DEFAULT"
                                + " expression, so ClickHouse stores its type's default value (0, '', 1970-01-01) there",
                        writer,
                        defaulted.size() == 1 ? "" : "s",
                        defaulted,
                        table.name(),
                        madeUp,
                        madeUp.size() == 1 ? "has" : "have");
            }
        }
    }

    /** A schema's layout and the counters of the fields it drops. */
    private record BoundSchema(RowLayout layout, Counter[] droppedFields) {}
}
