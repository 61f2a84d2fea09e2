package io.chingest.consumer.encode;

import static io.chingest.consumer.encode.TestSchemas.TRADE;
import static io.chingest.consumer.encode.TestSchemas.columns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chingest.common.metrics.IngestMetrics;
import io.chingest.common.registry.RegistryFaultException;
import io.chingest.common.registry.RegistryUnavailableException;
import io.chingest.common.registry.SchemaNotFoundException;
import io.chingest.common.registry.UnreadableSchemaException;
import io.chingest.common.wire.AvroWireEncoder;
import io.chingest.common.wire.ConfluentWireFormat;
import io.chingest.consumer.clickhouse.ClickHouseUnavailableException;
import io.chingest.consumer.clickhouse.NewColumn;
import io.chingest.consumer.clickhouse.TableName;
import io.chingest.consumer.metrics.ConsumerMetrics;
import io.chingest.consumer.table.InsertColumns;
import io.chingest.consumer.table.TableColumn;
import io.chingest.consumer.table.TableSetupException;
import io.chingest.consumer.table.TargetTable;
import io.chingest.testing.WirePayloadBody;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** One Kafka record value to one row, and every way a record is rejected or deferred, named by topic/partition/offset. */
class RecordRowEncoderTest {
    private static final int SCHEMA_ID = 12;

    private final FakeRegistryDecoder decoder = new FakeRegistryDecoder(Map.of(SCHEMA_ID, TRADE));
    private final FakeTable table = new FakeTable(columns("id Int64", "symbol String", "qty Int32"));
    private final ConsumerMetrics metrics = new ConsumerMetrics(IngestMetrics.newRegistry());
    private final RecordRowEncoder encoder = new RecordRowEncoder(decoder, table, 1024, false, metrics);

    private static byte[] trade(long id, String symbol, int qty) {
        GenericRecord record = new GenericData.Record(TRADE);
        record.put("id", id);
        record.put("symbol", new Utf8(symbol));
        record.put(
                "price", ByteBuffer.wrap(new BigDecimal("1.00").unscaledValue().toByteArray()));
        record.put("day", 1);
        record.put("at", 0L);
        record.put("note", null);
        record.put("ok", false);
        record.put("ratio", 0f);
        record.put("score", 0d);
        record.put("qty", qty);
        return new AvroWireEncoder(SCHEMA_ID, TRADE).encode(record);
    }

    /** The payload of trade 1 with the byte at {@code index} set to {@code value}. */
    private static byte[] tradeWithByte(int index, int value) {
        byte[] payload = trade(1, "a", 1);
        payload[index] = (byte) value;
        return payload;
    }

    private static String hex(EncodedRow row) {
        return HexBytes.of(Arrays.copyOf(row.bytes().array(), row.bytes().size()));
    }

    /** Asserts that {@code by} rejects {@code payload} at topic trades; the assertion goes on with the message. */
    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(
            RecordRowEncoder by, int partition, long offset, byte[] payload) {
        return assertThatThrownBy(() -> by.encode("trades", partition, offset, payload))
                .isInstanceOf(RecordRejectedException.class);
    }

    /**
     * Asserts that trade 1 at topic trades partition 1 offset 7 is deferred with {@code message}, and encoded once
     * {@code recovery} has run.
     */
    private void assertDeferredUntil(Runnable recovery, String message) {
        assertThatThrownBy(() -> encoder.encode("trades", 1, 7, trade(1, "a", 1)))
                .isInstanceOf(RecordDeferredException.class)
                .hasMessageContaining(message);
        recovery.run();
        assertThat(hex(encoder.encode("trades", 1, 7, trade(1, "a", 1))))
                .isEqualTo("01 00 00 00 00 00 00 00 01 61 01 00 00 00");
    }

    @Test
    void encodesOneRecordIntoOneRowAndReadsTheColumnsOncePerSchemaId() {
        assertThat(hex(encoder.encode("trades", 2, 40, trade(1, "é", 3))))
                .isEqualTo("01 00 00 00 00 00 00 00 02 C3 A9 03 00 00 00");
        assertThat(hex(encoder.encode("trades", 2, 41, trade(2, "", -1))))
                .isEqualTo("02 00 00 00 00 00 00 00 00 FF FF FF FF");
        assertThat(table.columnReads).isEqualTo(1);
    }

    @Test
    void aRecordWithoutValueIsRejectedNamingTopicPartitionOffset() {
        assertRejected(encoder, 2, 41, null)
                .hasMessage(
                        "record at topic trades partition 2 offset 41 has no value (a null payload is not in the Confluent wire format)");
    }

    @Test
    void aWrongMagicByteIsABadPayload() {
        assertRejected(encoder, 2, 41, tradeWithByte(0, 7))
                .hasMessage("bad payload at topic trades partition 2 offset 41: magic byte 0x07, expected 0x00");
    }

    @Test
    void aTruncatedBodyIsABadPayload() {
        assertRejected(encoder, 0, 5, Arrays.copyOf(trade(1, "abc", 1), 9))
                .hasMessageStartingWith("bad payload at topic trades partition 0 offset 5: ");
    }

    @Test
    void anUnknownSchemaIdIsRejected() {
        assertRejected(encoder, 1, 7, tradeWithByte(4, 99))
                .hasMessage("unknown schema id 99 at topic trades partition 1 offset 7: schema 99 not found");
    }

    @Test
    void aRegistryAnswerThatDoesNotProveTheIdUnknownDefersTheRecord() {
        decoder.fault = new RegistryFaultException(
                "GET http://registry/schemas/ids/1 answered HTTP 404: <html>not found</html>", 404, -1);
        assertDeferredUntil(
                () -> decoder.fault = null,
                "schema registry unavailable while decoding topic trades partition 1 offset 7: GET"
                        + " http://registry/schemas/ids/1 answered HTTP 404: <html>not found</html>");
    }

    @Test
    void aSchemaThatIsNotAvroIsRejected() {
        decoder.fault =
                new UnreadableSchemaException("schema id 1 at http://registry is a PROTOBUF schema, not Avro", null);
        assertRejected(encoder, 1, 7, trade(1, "abc", 1))
                .hasMessage("unreadable writer schema of topic trades partition 1 offset 7: schema id 1 at"
                        + " http://registry is a PROTOBUF schema, not Avro");
    }

    @Test
    void anUnavailableRegistryDefersTheRecord() {
        decoder.available = false;
        assertDeferredUntil(
                () -> decoder.available = true,
                "schema registry unavailable while decoding topic trades partition 1 offset 7");
    }

    @Test
    void anUnavailableClickHouseDefersTheRecordUntilTheColumnsCanBeRead() {
        table.available = false;
        assertDeferredUntil(
                () -> table.available = true,
                "cannot read the columns of table db.trades for topic trades partition 1 offset 7");
    }

    @Test
    void aTableMismatchIsRejectedNamingTableColumnAndRecord() {
        FakeTable mismatched = new FakeTable(columns("id Date"));
        RecordRowEncoder mismatchedEncoder = new RecordRowEncoder(decoder, mismatched, 1024, false, metrics);
        assertRejected(mismatchedEncoder, 3, 0, trade(1, "a", 1))
                .hasMessageStartingWith(
                        "table db.trades column id has type Date but field id of record schema io.test.Trade has Avro type"
                                + " \"long\"")
                .hasMessageEndingWith(" (writer schema id 12, first used at topic trades partition 3 offset 0)");
    }

    @Test
    void aMissingTableIsRejected() {
        table.missing = true;
        assertRejected(encoder, 0, 0, trade(1, "a", 1)).hasMessageStartingWith("table db.trades does not exist");
    }

    @Test
    void aValueOutOfRangeIsRejectedNamingColumnAndOffset() {
        FakeTable dated = new FakeTable(columns("day Date"));
        RecordRowEncoder datedEncoder = new RecordRowEncoder(decoder, dated, 1024, false, metrics);
        byte[] payload = trade(1, "a", 1);
        GenericRecord record = decode(payload);
        record.put("day", 70_000);
        assertRejected(datedEncoder, 4, 9, new AvroWireEncoder(SCHEMA_ID, TRADE).encode(record))
                .hasMessage(
                        "record at topic trades partition 4 offset 9 does not fit table db.trades:"
                                + " column day: date of 70000 days since 1970-01-01 is outside ClickHouse Date's range 0..65535");
    }

    @Test
    void aRowLargerThanTheBatchLimitIsRejected() {
        RecordRowEncoder small = new RecordRowEncoder(decoder, table, 16, false, metrics);
        assertRejected(small, 0, 3, trade(1, "a longer symbol", 1))
                .hasMessage(
                        "record at topic trades partition 0 offset 3: the encoded row is larger than the batch limit of 16 bytes"
                                + " (--batch-max-bytes)");
    }

    private static final Schema FILL_V1 = new Schema.Parser().parse("""
            {"type": "record", "name": "Fill", "namespace": "io.test", "fields": [
              {"name": "id", "type": "long"}, {"name": "qty", "type": "int"}]}""");

    /** The small schema with one more field, as a BACKWARD-compatible v2 adds it. */
    private static Schema fillWith(String extraField) {
        String json = FILL_V1.toString();
        return new Schema.Parser().parse(json.substring(0, json.length() - 2) + "," + extraField + "]}");
    }

    /** An encoder into {@code into} whose registry knows {@code schemas}, with a 1024-byte row limit. */
    private RecordRowEncoder encoderOf(Map<Integer, Schema> schemas, FakeTable into, boolean evolve) {
        return new RecordRowEncoder(new FakeRegistryDecoder(schemas), into, 1024, evolve, metrics);
    }

    private static byte[] fill(int schemaId, Schema schema, long id, int qty, Object extra) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("id", id);
        record.put("qty", qty);
        if (schema.getFields().size() > 2) {
            record.put(2, extra);
        }
        return new AvroWireEncoder(schemaId, schema).encode(record);
    }

    @Test
    void aFieldWithoutColumnIsDroppedAndCountedPerRecordAfterTheColumnsWereReadAgainOnce() {
        Schema v2 = fillWith("{\"name\": \"venue\", \"type\": [\"null\", \"string\"], \"default\": null}");
        FakeTable idOnly = new FakeTable(columns("id Int64"));
        RecordRowEncoder dropping = encoderOf(Map.of(2, v2), idOnly, false);
        for (int i = 0; i < 3; i++) {
            assertThat(hex(dropping.encode("fills", 0, i, fill(2, v2, 5, 1, new Utf8("x")))))
                    .isEqualTo("05 00 00 00 00 00 00 00");
        }
        assertThat(metrics.unmappedFieldValues("venue")).isEqualTo(3);
        assertThat(metrics.unmappedFieldValues("qty")).isEqualTo(3);
        assertThat(metrics.unmappedFieldValues("id")).isZero();
        assertThat(idOnly.refreshes)
                .as("the columns read again once for the new schema id")
                .isEqualTo(1);
        assertThat(idOnly.alters).isEmpty();
    }

    @Test
    void aColumnSomeoneElseAddedIsFoundWhenANewSchemaIdArrives() {
        Schema v2 = fillWith("{\"name\": \"venue\", \"type\": [\"null\", \"string\"], \"default\": null}");
        FakeTable narrow = new FakeTable(columns("id Int64", "qty Int32"));
        RecordRowEncoder seeing = encoderOf(Map.of(1, FILL_V1, 2, v2), narrow, false);
        EncodedRow v1Row = seeing.encode("fills", 0, 0, fill(1, FILL_V1, 1, 2, null));
        assertThat(v1Row.columns().names()).containsExactly("id", "qty");
        narrow.changedBehindOurBack = columns("id Int64", "qty Int32", "venue Nullable(String)");

        EncodedRow v2Row = seeing.encode("fills", 0, 1, fill(2, v2, 2, 1, new Utf8("X")));
        assertThat(hex(v2Row)).isEqualTo("02 00 00 00 00 00 00 00 01 00 00 00 00 01 58");
        assertThat(metrics.unmappedFieldValues("venue")).isZero();
        // v1 is bound again to the new columns: NULL for venue, so both versions keep one column list.
        EncodedRow v1Again = seeing.encode("fills", 0, 2, fill(1, FILL_V1, 3, 4, null));
        assertThat(hex(v1Again)).isEqualTo("03 00 00 00 00 00 00 00 04 00 00 00 01");
        assertThat(v1Again.columns()).isEqualTo(v2Row.columns());
    }

    @Test
    void withEvolveAFieldWithoutDefaultGetsANullableColumnAndIsWritten() {
        Schema v2 = fillWith("{\"name\": \"venue\", \"type\": \"string\"}");
        FakeTable narrow = new FakeTable(columns("id Int64", "qty Int32"));
        RecordRowEncoder evolving = encoderOf(Map.of(1, FILL_V1, 2, v2), narrow, true);
        evolving.encode("fills", 0, 0, fill(1, FILL_V1, 1, 2, null));
        assertThat(narrow.alters).isEmpty();

        assertThat(hex(evolving.encode("fills", 0, 1, fill(2, v2, 2, 1, new Utf8("X")))))
                .isEqualTo("02 00 00 00 00 00 00 00 01 00 00 00 00 01 58");
        assertThat(narrow.alters).containsExactly("ALTER TABLE db.trades ADD COLUMN `venue` Nullable(String)");
        assertThat(metrics.columnsAdded()).isEqualTo(1);
        assertThat(hex(evolving.encode("fills", 0, 2, fill(1, FILL_V1, 3, 4, null))))
                .isEqualTo("03 00 00 00 00 00 00 00 04 00 00 00 01");
        evolving.encode("fills", 0, 3, fill(2, v2, 4, 4, new Utf8("Y")));
        assertThat(narrow.alters).hasSize(1);
        assertThat(metrics.unmappedFieldValues("venue")).isZero();
    }

    @Test
    void withEvolveAFieldWithADefaultGetsAColumnWithThatDefaultWhichOlderRecordsLeaveOut() {
        Schema v2 = fillWith("{\"name\": \"lot\", \"type\": \"int\", \"default\": 100}");
        FakeTable narrow = new FakeTable(columns("id Int64", "qty Int32"));
        RecordRowEncoder evolving = encoderOf(Map.of(1, FILL_V1, 2, v2), narrow, true);

        EncodedRow v2Row = evolving.encode("fills", 0, 0, fill(2, v2, 2, 1, 7));
        assertThat(narrow.alters).containsExactly("ALTER TABLE db.trades ADD COLUMN `lot` Int32 DEFAULT 100");
        assertThat(v2Row.columns().names()).containsExactly("id", "qty", "lot");
        assertThat(hex(v2Row)).isEqualTo("02 00 00 00 00 00 00 00 01 00 00 00 07 00 00 00");
        EncodedRow v1Row = evolving.encode("fills", 0, 1, fill(1, FILL_V1, 3, 4, null));
        assertThat(v1Row.columns().names())
                .as("ClickHouse fills in the DEFAULT")
                .containsExactly("id", "qty");
    }

    @Test
    void withEvolveAColumnTheTableRefusesToAddLeavesTheFieldDroppedAndCounted() {
        Schema v2 = fillWith("{\"name\": \"venue\", \"type\": \"string\"}");
        FakeTable narrow = new FakeTable(columns("id Int64", "qty Int32"));
        narrow.refusesAlter = true;
        RecordRowEncoder evolving = encoderOf(Map.of(2, v2), narrow, true);
        assertThat(hex(evolving.encode("fills", 0, 0, fill(2, v2, 2, 1, new Utf8("X")))))
                .isEqualTo("02 00 00 00 00 00 00 00 01 00 00 00");
        assertThat(metrics.unmappedFieldValues("venue")).isEqualTo(1);
        assertThat(metrics.columnsAdded()).isZero();
    }

    @Test
    void withEvolveAFieldNamedLikeAComputedColumnIsNotAdded() {
        FakeTable computed =
                new FakeTable(List.of(TableColumn.of("id", "Int64"), TableColumn.of("qty", "Int32", "MATERIALIZED")));
        RecordRowEncoder evolving = encoderOf(Map.of(1, FILL_V1), computed, true);
        assertThat(hex(evolving.encode("fills", 0, 0, fill(1, FILL_V1, 1, 2, null))))
                .isEqualTo("01 00 00 00 00 00 00 00");
        assertThat(computed.alters).isEmpty();
        assertThat(metrics.unmappedFieldValues("qty")).isEqualTo(1);
    }

    @Test
    void twoSchemaVersionsInterleavedAreEachEncodedWithTheirOwnLayout() {
        Schema v2 = fillWith("{\"name\": \"venue\", \"type\": [\"null\", \"string\"], \"default\": null}");
        FakeTable wide = new FakeTable(columns("id Int64", "venue Nullable(String)", "qty Int32"));
        RecordRowEncoder interleaved = encoderOf(Map.of(1, FILL_V1, 2, v2), wide, false);
        List<String> rows = new ArrayList<>();
        List<InsertColumns> columnLists = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            byte[] payload = i % 2 == 0 ? fill(1, FILL_V1, i, i, null) : fill(2, v2, i, i, new Utf8("v" + i));
            EncodedRow row = interleaved.encode("fills", 0, i, payload);
            rows.add(hex(row));
            columnLists.add(row.columns());
        }
        assertThat(rows)
                .containsExactly(
                        "00 00 00 00 00 00 00 00 01 00 00 00 00",
                        "01 00 00 00 00 00 00 00 00 02 76 31 01 00 00 00",
                        "02 00 00 00 00 00 00 00 01 02 00 00 00",
                        "03 00 00 00 00 00 00 00 00 02 76 33 03 00 00 00");
        assertThat(columnLists).as("one column list for both versions").containsOnly(columnLists.get(0));
        assertThat(wide.columnReads).isEqualTo(2);
    }

    private static GenericRecord decode(byte[] payload) {
        try {
            return WirePayloadBody.read(TRADE, payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes with schemas from a map, like a registry that knows them, and can be switched off. */
    private static final class FakeRegistryDecoder implements RecordDecoder {
        private final Map<Integer, Schema> schemas;
        boolean available = true;
        /** Thrown for every payload while set. */
        RuntimeException fault;

        FakeRegistryDecoder(Map<Integer, Schema> schemas) {
            this.schemas = schemas;
        }

        @Override
        public GenericRecord decode(byte[] payload) {
            if (!available) {
                throw new RegistryUnavailableException(
                        "registry at http://registry unavailable after 3 attempts", 503, -1, null);
            }
            if (fault != null) {
                throw fault;
            }
            int id = ConfluentWireFormat.schemaIdOf(payload);
            Schema schema = schemas.get(id);
            if (schema == null) {
                throw new SchemaNotFoundException("schema " + id + " not found", 404, 40403);
            }
            try {
                return WirePayloadBody.read(schema, payload);
            } catch (IOException e) {
                throw new io.chingest.common.wire.WireFormatException("truncated body", e);
            }
        }
    }

    /** A table whose columns can change (by {@link #addColumn} or by hand), that can be unreachable or missing. */
    static final class FakeTable implements TargetTable {
        private List<TableColumn> columns;
        /** What a refresh finds: the columns as someone else changed them, or null when unchanged. */
        List<TableColumn> changedBehindOurBack;

        final List<String> alters = new ArrayList<>();
        boolean available = true;
        boolean missing;
        boolean refusesAlter;
        int columnReads;
        int refreshes;

        FakeTable(List<TableColumn> columns) {
            this.columns = columns;
        }

        @Override
        public TableName name() {
            return TableName.parse("db.trades");
        }

        @Override
        public List<TableColumn> columnsFor(Schema writerSchema) {
            if (!available) {
                throw new ClickHouseUnavailableException("ClickHouse at http://ch is unavailable", null);
            }
            if (missing) {
                throw new TableSetupException(
                        "table db.trades does not exist in ClickHouse at http://ch; create it or pass --create-table");
            }
            columnReads++;
            return columns;
        }

        @Override
        public List<TableColumn> refresh() {
            refreshes++;
            if (changedBehindOurBack != null) {
                columns = changedBehindOurBack;
                changedBehindOurBack = null;
            }
            return columns;
        }

        @Override
        public boolean addColumn(NewColumn column) {
            if (refusesAlter) {
                throw new TableSetupException(
                        "adding column " + column.name() + " to table db.trades failed: access denied (test)");
            }
            alters.add(column.addSql(name()));
            List<TableColumn> more = new ArrayList<>(columns);
            more.add(TableColumn.of(
                    column.name(), column.typeSql(), column.defaultSql().isPresent() ? "DEFAULT" : ""));
            columns = List.copyOf(more);
            return true;
        }

        @Override
        public java.util.Optional<Boolean> hasProvenanceColumns() {
            return java.util.Optional.of(false);
        }

        @Override
        public void checkUnchanged(InsertColumns encodedFor) {}
    }
}
