package io.chingest.consumer.encode;

import io.chingest.common.mapping.UnsupportedAvroTypeException;
import io.chingest.common.registry.RegistryUnavailableException;
import io.chingest.common.registry.SchemaNotFoundException;
import io.chingest.common.registry.SchemaRegistryException;
import io.chingest.common.wire.ConfluentWireFormat;
import io.chingest.common.wire.WireFormatException;
import io.chingest.consumer.clickhouse.ClickHouseUnavailableException;
import io.chingest.consumer.table.TableSetupException;
import io.chingest.consumer.table.TargetTable;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.generic.GenericRecord;

/**
 * Turns one Kafka record value (Confluent wire format) into one RowBinary row of the target table: decodes it with its
 * writer schema, binds that schema to the table's columns once per schema id, and encodes the row into a scratch writer
 * bounded by the batch byte limit. Not thread-safe: one per polling thread.
 */
public final class RecordRowEncoder {
    private final RecordDecoder decoder;
    private final TargetTable table;
    private final RowBinaryWriter scratch;
    private final Map<Integer, RowLayout> layoutsBySchemaId = new HashMap<>();
    /** The last record decoded, filled again by the next one of its schema: the row is encoded before the next decode. */
    private GenericRecord reusable;
    private int lastSchemaId = -1;
    private RowLayout lastLayout;
    private String lastTopic;
    private byte[] lastTopicUtf8;

    public RecordRowEncoder(RecordDecoder decoder, TargetTable table, int maxRowBytes) {
        this.decoder = decoder;
        this.table = table;
        this.scratch = new RowBinaryWriter(maxRowBytes);
    }

    /**
     * Encodes the value of the record at topic/partition/offset; the row is in the returned writer until the next call.
     *
     * @throws RecordRejectedException when no retry can make this record ingestible
     * @throws RecordDeferredException when the registry or ClickHouse is unavailable and the record should be read again later
     */
    public RowBinaryWriter encode(String topic, int partition, long offset, byte[] value) {
        if (value == null) {
            throw new RecordRejectedException("record at " + where(topic, partition, offset)
                    + " has no value (a null payload is not in the Confluent wire format)", null);
        }
        int schemaId;
        GenericRecord record;
        try {
            schemaId = ConfluentWireFormat.schemaIdOf(value);
            record = decoder.decode(value, reusable);
        } catch (WireFormatException | AvroRuntimeException e) {
            reusable = null;
            throw new RecordRejectedException("bad payload at " + where(topic, partition, offset) + ": " + e.getMessage(), e);
        } catch (SchemaNotFoundException e) {
            throw new RecordRejectedException("unknown schema id at " + where(topic, partition, offset) + ": " + e.getMessage(), e);
        } catch (RegistryUnavailableException e) {
            throw new RecordDeferredException("schema registry unavailable while decoding " + where(topic, partition, offset) + ": "
                    + e.getMessage(), e);
        } catch (SchemaRegistryException e) {
            throw new RecordRejectedException("the schema registry refused the writer schema of " + where(topic, partition, offset) + ": "
                    + e.getMessage(), e);
        }
        reusable = record;
        RowLayout layout = layoutFor(schemaId, record, topic, partition, offset);
        scratch.reset();
        try {
            RowBinaryEncoder.encode(record, layout, scratch, utf8(topic), partition, offset);
        } catch (ValueEncodingException e) {
            throw new RecordRejectedException("record at " + where(topic, partition, offset) + " does not fit table " + table.name() + ": "
                    + e.getMessage(), e, false, table.name().toString(), e.column());
        } catch (RowTooLargeException e) {
            throw new RecordRejectedException("record at " + where(topic, partition, offset) + ": " + e.getMessage(), e);
        }
        return scratch;
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

    private RowLayout layoutFor(int schemaId, GenericRecord record, String topic, int partition, long offset) {
        if (schemaId == lastSchemaId) {
            return lastLayout;
        }
        RowLayout known = layoutsBySchemaId.get(schemaId);
        if (known != null) {
            lastSchemaId = schemaId;
            lastLayout = known;
            return known;
        }
        RowLayout layout;
        try {
            layout = RowLayoutBinder.bind(table.name(), table.columnsFor(record.getSchema()), record.getSchema());
        } catch (ClickHouseUnavailableException e) {
            throw new RecordDeferredException("cannot read the columns of table " + table.name() + " for "
                    + where(topic, partition, offset) + ": " + e.getMessage(), e);
        } catch (TableMismatchException | TableSetupException | UnsupportedAvroTypeException e) {
            throw new RecordRejectedException(e.getMessage() + " (writer schema id " + schemaId + ", first used at " + where(topic, partition, offset) + ")", e,
                    true, table.name().toString(), null);
        }
        layoutsBySchemaId.put(schemaId, layout);
        lastSchemaId = schemaId;
        lastLayout = layout;
        return layout;
    }
}
