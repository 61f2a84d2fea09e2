package io.chingest.consumer.encode;

import static io.chingest.consumer.encode.TestSchemas.TRADE;
import static io.chingest.consumer.encode.TestSchemas.columns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chingest.consumer.clickhouse.TableName;
import io.chingest.consumer.table.TableColumn;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Matching table columns to record fields: the encoded row, and every mismatch named by table and column. */
class RowLayoutBinderTest {
    private static final TableName TABLE = TableName.parse("db.trades");

    private static GenericRecord trade() {
        GenericRecord record = new GenericData.Record(TRADE);
        record.put("id", 7L);
        record.put("symbol", new Utf8("ÄB"));
        record.put(
                "price", ByteBuffer.wrap(new BigDecimal("-1.23").unscaledValue().toByteArray()));
        record.put("day", 19000);
        record.put("at", 1_700_000_000_999L);
        record.put("note", null);
        record.put("ok", true);
        record.put("ratio", 1.5f);
        record.put("score", -2.0);
        record.put("qty", -2);
        return record;
    }

    private static String row(RowLayout layout, GenericRecord record) {
        RowBinaryWriter out = new RowBinaryWriter(4096);
        RowBinaryEncoder.encode(record, layout, out, "t".getBytes(StandardCharsets.UTF_8), 0, 0L);
        return HexBytes.of(out.toByteArray());
    }

    @Test
    void encodesColumnsInTableOrderFromFieldsMatchedByName() {
        RowLayout layout = RowLayoutBinder.bind(
                TABLE,
                columns(
                        "qty Int32",
                        "note Nullable(String)",
                        "symbol String",
                        "id Int64",
                        "price Decimal(9, 2)",
                        "day Date",
                        "at DateTime",
                        "ok UInt8",
                        "ratio Float32",
                        "score Float64"),
                TRADE);
        assertThat(row(layout, trade()))
                .isEqualTo(String.join(
                        " ",
                        "FE FF FF FF",
                        "01",
                        "03 C3 84 42",
                        "07 00 00 00 00 00 00 00",
                        "85 FF FF FF",
                        "38 4A",
                        "00 F1 53 65",
                        "01",
                        "00 00 C0 3F",
                        "00 00 00 00 00 00 00 C0"));
    }

    @Test
    void fieldsWithoutAColumnAreLeftOut() {
        RowLayout layout = RowLayoutBinder.bind(TABLE, columns("id Int64"), TRADE);
        assertThat(row(layout, trade())).isEqualTo("07 00 00 00 00 00 00 00");
        assertThat(layout.unmappedFields())
                .containsExactly("symbol", "price", "day", "at", "note", "ok", "ratio", "score", "qty");
    }

    @Test
    void aFieldThatIsNeverNullMayFeedANullableColumn() {
        RowLayout layout =
                RowLayoutBinder.bind(TABLE, columns("id Nullable(Int64)", "at Nullable(DateTime('UTC'))"), TRADE);
        assertThat(row(layout, trade())).isEqualTo("00 07 00 00 00 00 00 00 00 00 00 F1 53 65");
    }

    @Test
    void aNullableColumnWithoutFieldOrDefaultExpressionIsWrittenNull() {
        RowLayout layout =
                RowLayoutBinder.bind(TABLE, columns("id Int64", "venue Nullable(String)", "qty Int32"), TRADE);
        assertThat(layout.columns().names()).containsExactly("id", "venue", "qty");
        assertThat(layout.defaultedColumns()).containsExactly("venue");
        assertThat(row(layout, trade())).isEqualTo("07 00 00 00 00 00 00 00 01 FE FF FF FF");
    }

    @Test
    void columnsWithoutFieldThatClickHouseFillsOtherwiseAreLeftOutOfTheInsert() {
        List<TableColumn> table = List.of(
                TableColumn.of("id", "Int64"),
                TableColumn.of("venue", "String"),
                TableColumn.of("lot", "Nullable(Int32)", "DEFAULT"),
                TableColumn.of("size", "Int64", "DEFAULT"),
                TableColumn.of("odd", "Array(UInt16)"),
                TableColumn.of("qty", "Int32"));
        RowLayout layout = RowLayoutBinder.bind(TABLE, table, TRADE);
        assertThat(layout.columns().names()).containsExactly("id", "qty");
        assertThat(layout.defaultedColumns()).containsExactly("venue", "lot", "size", "odd");
        assertThat(layout.typeDefaultColumns()).containsExactly("venue", "odd");
        assertThat(row(layout, trade())).isEqualTo("07 00 00 00 00 00 00 00 FE FF FF FF");
    }

    @Test
    void materializedAndAliasColumnsAreNeverWrittenEvenWhenAFieldHasTheirName() {
        List<TableColumn> table = List.of(
                TableColumn.of("id", "Int64"),
                TableColumn.of("qty", "Int32", "MATERIALIZED"),
                TableColumn.of("symbol", "String", "ALIAS"));
        RowLayout layout = RowLayoutBinder.bind(TABLE, table, TRADE);
        assertThat(layout.columns().names()).containsExactly("id");
        assertThat(layout.unmappedFields()).contains("qty", "symbol");
        assertThat(layout.defaultedColumns()).isEmpty();
    }

    @Test
    void fieldsNoColumnTakesAreReportedInFieldOrder() {
        RowLayout layout = RowLayoutBinder.bind(TABLE, columns("qty Int32", "id Int64", "_kafka_offset Int64"), TRADE);
        assertThat(layout.unmappedFields())
                .containsExactly("symbol", "price", "day", "at", "note", "ok", "ratio", "score");
    }

    @Test
    void aSchemaThatFeedsNoColumnIsAnErrorNamingTableFieldsAndColumns() {
        assertThatThrownBy(() -> RowLayoutBinder.bind(TABLE, columns("venue String", "_kafka_offset Int64"), TRADE))
                .isInstanceOf(TableMismatchException.class)
                .hasMessage(
                        "table db.trades has no column for any field of record schema io.test.Trade (fields [id, symbol, price, day,"
                                + " at, note, ok, ratio, score, qty], columns [venue, _kafka_offset])");
    }

    @Test
    void columnNamesMatchCaseSensitively() {
        RowLayout layout = RowLayoutBinder.bind(TABLE, columns("ID Nullable(Int64)", "qty Int32"), TRADE);
        assertThat(layout.defaultedColumns()).containsExactly("ID");
        assertThat(layout.unmappedFields()).contains("id");
    }

    @Test
    void aTypeMismatchNamesTableColumnAndBothTypes() {
        assertThatThrownBy(() -> RowLayoutBinder.bind(TABLE, columns("qty String"), TRADE))
                .isInstanceOf(TableMismatchException.class)
                .hasMessage(
                        "table db.trades column qty has type String but field qty of record schema io.test.Trade has Avro type"
                                + " \"int\": Avro type \"int\" cannot be written to a String column");
    }

    @Test
    void integerFieldsFeedEveryIntegerWidthWithTheirValuesRangeChecked() {
        RowLayout layout = RowLayoutBinder.bind(TABLE, columns("qty Int64", "id UInt32"), TRADE);
        GenericRecord trade = trade();
        trade.put("id", 4_294_967_295L);
        assertThatThrownBy(() -> RowLayoutBinder.bind(TABLE, columns("day UInt16"), TRADE))
                .isInstanceOf(TableMismatchException.class)
                .hasMessageContaining("cannot be written to a UInt16 column");
        assertThat(row(layout, trade)).isEqualTo("FE FF FF FF FF FF FF FF FF FF FF FF");
        RowLayout narrow = RowLayoutBinder.bind(TABLE, columns("qty UInt8"), TRADE);
        assertThatThrownBy(() -> row(narrow, trade))
                .isInstanceOf(ValueEncodingException.class)
                .hasMessage("column qty: value -2 is outside UInt8's range 0..255")
                .extracting(e -> ((ValueEncodingException) e).column())
                .isEqualTo("qty");
    }

    @Test
    void aNullableFieldCannotFeedAColumnThatIsNotNullable() {
        assertThatThrownBy(() -> RowLayoutBinder.bind(TABLE, columns("note String"), TRADE))
                .isInstanceOf(TableMismatchException.class)
                .hasMessage(
                        "table db.trades column note has type String but field note of record schema io.test.Trade has Avro type"
                                + " [\"null\",\"string\"]: a nullable field needs a Nullable column");
    }

    @Test
    void decimalScaleMustMatchAndThePrecisionMayGrow() {
        assertThat(row(RowLayoutBinder.bind(TABLE, columns("price Decimal(10, 2)"), TRADE), trade()))
                .isEqualTo("85 FF FF FF FF FF FF FF");
        assertThatThrownBy(() -> RowLayoutBinder.bind(TABLE, columns("price Decimal(8, 2)"), TRADE))
                .isInstanceOf(TableMismatchException.class)
                .hasMessageContaining("column price has type Decimal(8, 2) but field price")
                .hasMessageEndingWith("decimal(9, 2) needs the same scale and at least the precision");
        assertThatThrownBy(() -> RowLayoutBinder.bind(TABLE, columns("price Decimal(9, 3)"), TRADE))
                .isInstanceOf(TableMismatchException.class)
                .hasMessageContaining("column price has type Decimal(9, 3)");
    }

    @Test
    void aColumnTypeTheEncoderDoesNotKnowIsAnError() {
        assertThatThrownBy(() -> RowLayoutBinder.bind(TABLE, columns("qty Tuple(Int32, Int32)"), TRADE))
                .isInstanceOf(TableMismatchException.class)
                .hasMessageStartingWith(
                        "table db.trades column qty has type Tuple(Int32, Int32), which ch-consumer cannot write");
    }

    @Test
    void aRecordFieldWithoutAColumnTypeIsReportedByNameOnlyWhenAColumnTakesIt() {
        Schema withRecord = new Schema.Parser().parse("""
                {"type": "record", "name": "Tagged", "fields": [
                  {"name": "id", "type": "long"},
                  {"name": "inner", "type": {"type": "record", "name": "Inner", "fields": [{"name": "x", "type": "int"}]}}]}""");
        assertThatThrownBy(() -> RowLayoutBinder.bind(TABLE, columns("id Int64", "inner String"), withRecord))
                .isInstanceOf(TableMismatchException.class)
                .hasMessageStartingWith(
                        "table db.trades column inner has type String but field inner of record schema Tagged");
        GenericRecord record = new GenericData.Record(withRecord);
        record.put("id", 1L);
        assertThat(row(RowLayoutBinder.bind(TABLE, columns("id Int64"), withRecord), record))
                .isEqualTo("01 00 00 00 00 00 00 00");
    }

    @Test
    void anEncodingErrorNamesTheColumn() {
        RowLayout layout = RowLayoutBinder.bind(TABLE, columns("day Date"), TRADE);
        GenericRecord record = trade();
        record.put("day", -1);
        assertThatThrownBy(() -> row(layout, record))
                .isInstanceOf(ValueEncodingException.class)
                .hasMessage("column day: date of -1 days since 1970-01-01 is outside ClickHouse Date's range 0..65535");
    }

    /** A LowCardinality(String) topic, as --create-table makes it on current servers, takes a String's bytes. */
    @ParameterizedTest
    @ValueSource(strings = {"String", "LowCardinality(String)"})
    void provenanceColumnsTakeTheRecordsTopicPartitionAndOffset(String topicType) {
        RowLayout layout = RowLayoutBinder.bind(
                TABLE,
                columns("qty Int32", "_kafka_topic " + topicType, "_kafka_partition Int32", "_kafka_offset Int64"),
                TRADE);
        RowBinaryWriter out = new RowBinaryWriter(4096);
        RowBinaryEncoder.encode(trade(), layout, out, "ab".getBytes(StandardCharsets.UTF_8), 3, 258L);
        assertThat(HexBytes.of(out.toByteArray()))
                .isEqualTo("FE FF FF FF 02 61 62 03 00 00 00 02 01 00 00 00 00 00 00");
    }

    @Test
    void aTopicColumnOfAnotherTypeIsAMismatchNamingBothTypesItCouldHave() {
        assertThatThrownBy(
                        () -> RowLayoutBinder.bind(TABLE, columns("qty Int32", "_kafka_topic FixedString(8)"), TRADE))
                .isInstanceOf(TableMismatchException.class)
                .hasMessage(
                        "table db.trades column _kafka_topic has type FixedString(8); ch-consumer writes the records' Kafka topic"
                                + " there and needs type String or LowCardinality(String)");
    }

    @Test
    void aProvenanceColumnOfAnotherTypeIsAMismatchNamingIt() {
        assertThatThrownBy(() -> RowLayoutBinder.bind(TABLE, columns("qty Int32", "_kafka_offset UInt32"), TRADE))
                .isInstanceOf(TableMismatchException.class)
                .hasMessage(
                        "table db.trades column _kafka_offset has type UInt32; ch-consumer writes the records' Kafka offset there"
                                + " and needs type Int64");
    }
}
