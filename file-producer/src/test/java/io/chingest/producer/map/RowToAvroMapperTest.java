package io.chingest.producer.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chingest.common.mapping.UnsupportedAvroTypeException;
import io.chingest.producer.parse.ParsedRow;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class RowToAvroMapperTest {

    private static final Path FILE = Path.of("in", "orders.csv");

    private static final Schema ORDER = new Schema.Parser().parse("""
            {"type": "record", "name": "Order", "namespace": "test", "fields": [
              {"name": "id", "type": "long"},
              {"name": "qty", "type": "int"},
              {"name": "name", "type": "string"},
              {"name": "note", "type": ["null", "string"], "default": null},
              {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
              {"name": "ratio", "type": "float"},
              {"name": "score", "type": ["double", "null"]},
              {"name": "paid", "type": "boolean"},
              {"name": "day", "type": {"type": "int", "logicalType": "date"}},
              {"name": "at", "type": ["null", {"type": "long", "logicalType": "timestamp-millis"}]},
              {"name": "code", "type": {"type": "fixed", "name": "Code", "size": 4,
                                        "logicalType": "decimal", "precision": 9, "scale": 0}}
            ]}""");

    private static final Schema WITH_DEFAULTS = new Schema.Parser().parse("""
            {"type": "record", "name": "Event", "fields": [
              {"name": "id", "type": "int"},
              {"name": "source", "type": "string", "default": "import"},
              {"name": "weight", "type": "double", "default": 1.5},
              {"name": "comment", "type": ["null", "string"]}
            ]}""");

    private static final TargetSchema ORDERS = TargetSchema.of(ORDER);

    @Test
    void mapsEveryTypeByHeaderNameWhateverTheColumnOrder() {
        RowToAvroMapper mapper = RowToAvroMapper.byHeader(
                ORDERS, row(1, "code", "at", "day", "paid", "score", "ratio", "price", "note", "name", "qty", "id"));

        GenericRecord record = mapper.map(row(
                2,
                "-1",
                "2024-01-02T03:04:05.123Z",
                "2024-01-02",
                "yes",
                "2.5",
                "0.5",
                "12.34",
                "fragile",
                "Köln",
                "3",
                "9000000000"));

        assertThat(record.getSchema()).isEqualTo(ORDER);
        assertThat(record.get("id")).isEqualTo(9_000_000_000L);
        assertThat(record.get("qty")).isEqualTo(3);
        assertThat(record.get("name")).isEqualTo("Köln");
        assertThat(record.get("note")).isEqualTo("fragile");
        assertThat(record.get("price")).isEqualTo(ByteBuffer.wrap(new byte[] {0x04, (byte) 0xD2}));
        assertThat(record.get("ratio")).isEqualTo(0.5f);
        assertThat(record.get("score")).isEqualTo(2.5d);
        assertThat(record.get("paid")).isEqualTo(true);
        assertThat(record.get("day")).isEqualTo(19724);
        assertThat(record.get("at")).isEqualTo(1704164645123L);
        assertThat(record.get("code"))
                .isEqualTo(new GenericData.Fixed(ORDER.getField("code").schema(), new byte[] {-1, -1, -1, -1}));
        assertThat(GenericData.get().validate(ORDER, record)).isTrue();
        assertThat(mapper.ignoredColumns()).isEmpty();
    }

    @Test
    void mapsByPositionWithoutHeader() {
        RowToAvroMapper mapper = RowToAvroMapper.byPosition(ORDERS, FILE);

        GenericRecord record =
                mapper.map(row(1, "1", "2", "n", null, "0.1", "1", "2", "0", "1970-01-02", "1970-01-01 00:00:01", "7"));

        assertThat(record.toString())
                .isEqualTo("{\"id\": 1, \"qty\": 2, \"name\": \"n\", \"note\": null,"
                        + " \"price\": \"\\n\", \"ratio\": 1.0, \"score\": 2.0, \"paid\": false, \"day\": 1,"
                        + " \"at\": 1000, \"code\": [0, 0, 0, 7]}");
    }

    @Test
    void absentValuesAreNullForNullableFieldsAndEmptyForNonNullableStrings() {
        RowToAvroMapper mapper = RowToAvroMapper.byHeader(
                ORDERS, row(1, "id", "qty", "name", "note", "price", "ratio", "score", "paid", "day", "at", "code"));

        GenericRecord unquotedEmpty =
                mapper.map(row(2, "1", "2", null, null, "1", "1", null, "1", "2024-01-02", null, "1"));
        GenericRecord quotedEmpty = mapper.map(row(3, "1", "2", "", "", "1", "1", "", "1", "2024-01-02", "", "1"));

        assertThat(unquotedEmpty.get("name")).isEqualTo("");
        assertThat(unquotedEmpty.get("note")).isNull();
        assertThat(unquotedEmpty.get("score")).isNull();
        assertThat(unquotedEmpty.get("at")).isNull();
        assertThat(quotedEmpty.get("name")).isEqualTo("");
        assertThat(quotedEmpty.get("note")).isEqualTo("");
        assertThat(quotedEmpty.get("score")).isNull();
        assertThat(quotedEmpty.get("at")).isNull();
    }

    @Test
    void anEmptyValueForANonNullableNonStringFieldIsAnError() {
        RowToAvroMapper mapper = RowToAvroMapper.byHeader(
                ORDERS, row(1, "id", "qty", "name", "note", "price", "ratio", "score", "paid", "day", "at", "code"));

        assertThatThrownBy(() -> mapper.map(row(7, "1", null, "n", null, "1", "1", "1", "1", "2024-01-02", null, "1")))
                .isInstanceOf(RowMappingException.class)
                .hasMessage("in/orders.csv:7: column 'qty': empty value for non-nullable int");
        assertThatThrownBy(() -> mapper.map(row(8, "1", "2", "n", null, "", "1", "1", "1", "2024-01-02", null, "1")))
                .hasMessage("in/orders.csv:8: column 'price': empty value for non-nullable decimal(10, 2)"
                        + " (value \"\")");
    }

    @Test
    void aBadValueNamesFileLineColumnReasonAndValue() {
        RowToAvroMapper mapper = RowToAvroMapper.byHeader(
                ORDERS, row(1, "id", "qty", "name", "note", "price", "ratio", "score", "paid", "day", "at", "code"));

        assertThatThrownBy(() ->
                        mapper.map(row(12, "1", "2", "n", null, "12.345", "1", "1", "1", "2024-01-02", null, "1")))
                .isInstanceOf(RowMappingException.class)
                .hasMessage("in/orders.csv:12: column 'price': more than 2 fraction digits for decimal(10, 2)"
                        + " (value \"12.345\")")
                .satisfies(thrown -> {
                    RowMappingException e = (RowMappingException) thrown;
                    assertThat(e.file()).isEqualTo(FILE);
                    assertThat(e.line()).isEqualTo(12);
                    assertThat(e.column()).isEqualTo("price");
                    assertThat(e.value()).isEqualTo("12.345");
                    assertThat(e.reason()).isEqualTo("more than 2 fraction digits for decimal(10, 2)");
                });
    }

    @Test
    void withoutHeaderTheColumnIsNamedByIndexAndField() {
        RowToAvroMapper mapper = RowToAvroMapper.byPosition(ORDERS, FILE);

        assertThatThrownBy(
                        () -> mapper.map(row(4, "1", "2", "n", null, "1", "1", "1", "maybe", "2024-01-02", null, "1")))
                .isInstanceOf(RowMappingException.class)
                .hasMessage("in/orders.csv:4: column 8 (field 'paid'): not a boolean (true/false, 1/0, yes/no)"
                        + " (value \"maybe\")")
                .satisfies(thrown ->
                        assertThat(((RowMappingException) thrown).column()).isEqualTo("8"));
    }

    @Test
    void aLongOffendingValueIsTruncatedAndLineBreaksAreShownEscaped() {
        RowToAvroMapper mapper = RowToAvroMapper.byPosition(TargetSchema.of(WITH_DEFAULTS), FILE);
        String longValue = "x".repeat(100);

        assertThatThrownBy(() -> mapper.map(row(2, longValue, "s", "1", null)))
                .hasMessage("in/orders.csv:2: column 1 (field 'id'): not an int (value \"" + "x".repeat(60)
                        + "\"... (100 characters))")
                .satisfies(thrown ->
                        assertThat(((RowMappingException) thrown).value()).isEqualTo("x".repeat(60)));
        assertThatThrownBy(() -> mapper.map(row(3, "1\n2\t\"3\"", "s", "1", null)))
                .hasMessage("in/orders.csv:3: column 1 (field 'id'): not an int (value \"1\\n2\\t\\\"3\\\"\")");
    }

    @Test
    void aFieldWithoutColumnTakesItsDefaultOrNullWhenNullable() {
        RowToAvroMapper mapper = RowToAvroMapper.byHeader(TargetSchema.of(WITH_DEFAULTS), row(1, "id"));

        GenericRecord record = mapper.map(row(2, "5"));

        assertThat(record.toString())
                .isEqualTo("{\"id\": 5, \"source\": \"import\", \"weight\": 1.5, \"comment\": null}");
    }

    @Test
    void aRequiredFieldWithoutColumnIsAHeaderError() {
        assertThatThrownBy(() -> RowToAvroMapper.byHeader(ORDERS, row(1, "id", " qty", "name")))
                .isInstanceOf(HeaderMismatchException.class)
                .hasMessage("in/orders.csv:1: no header column for schema fields 'qty', 'price', 'ratio', 'paid',"
                        + " 'day', 'code', which can be left out only when nullable or with a default;"
                        + " the header has 'id', ' qty', 'name'");
        assertThatThrownBy(() -> RowToAvroMapper.byHeader(TargetSchema.of(WITH_DEFAULTS), row(1, "source")))
                .hasMessage("in/orders.csv:1: no header column for schema field 'id', which can be left out only"
                        + " when nullable or with a default; the header has 'source'");
    }

    @Test
    void aSchemaFieldNamedTwiceInTheHeaderIsAHeaderError() {
        assertThatThrownBy(() -> RowToAvroMapper.byHeader(TargetSchema.of(WITH_DEFAULTS), row(1, "id", "x", "x", "id")))
                .isInstanceOf(HeaderMismatchException.class)
                .hasMessage("in/orders.csv:1: the header names column 'id' twice (columns 1 and 4)");
    }

    @Test
    void columnsTheSchemaDoesNotKnowAreIgnoredAndListed() {
        RowToAvroMapper mapper = RowToAvroMapper.byHeader(
                TargetSchema.of(WITH_DEFAULTS), row(1, "extra", "id", null, "comment", "notes"));

        GenericRecord record = mapper.map(row(2, "e", "9", "z", "c", "n"));

        assertThat(mapper.ignoredColumns()).containsExactly("extra", "column 3", "notes");
        assertThat(record.toString())
                .isEqualTo("{\"id\": 9, \"source\": \"import\", \"weight\": 1.5, \"comment\": \"c\"}");
    }

    @Test
    void aRecordWithMoreOrFewerColumnsThanTheHeaderIsAnError() {
        RowToAvroMapper mapper = RowToAvroMapper.byHeader(TargetSchema.of(WITH_DEFAULTS), row(1, "id", "comment"));

        assertThatThrownBy(() -> mapper.map(row(5, "1")))
                .isInstanceOf(RowMappingException.class)
                .hasMessage("in/orders.csv:5: column 2: missing: the record has 1 column, the header has 2");
        assertThatThrownBy(() -> mapper.map(row(6, "1", "c", "surplus")))
                .hasMessage("in/orders.csv:6: column 3: unexpected: the record has 3 columns, the header has 2"
                        + " (value \"surplus\")");
    }

    @Test
    void withoutHeaderTheColumnCountMustMatchTheSchema() {
        RowToAvroMapper mapper = RowToAvroMapper.byPosition(TargetSchema.of(WITH_DEFAULTS), FILE);

        assertThatThrownBy(() -> mapper.map(row(1, "1", "s", "2")))
                .isInstanceOf(RowMappingException.class)
                .hasMessage("in/orders.csv:1: column 4: missing: the record has 3 columns, the schema has 4 fields");
        assertThatThrownBy(() -> mapper.map(row(2, "1", "s", "2", "c", null)))
                .hasMessage("in/orders.csv:2: column 5: unexpected: the record has 5 columns, the schema has 4 fields");
    }

    @Test
    void anUnsupportedFieldTypeIsRejectedWhenTheSchemaIsCompiled() {
        Schema withMap = new Schema.Parser().parse("""
                {"type": "record", "name": "R", "fields": [
                  {"name": "ok", "type": "int"},
                  {"name": "tags", "type": {"type": "map", "values": "string"}}
                ]}""");

        assertThatThrownBy(() -> TargetSchema.of(withMap))
                .isInstanceOf(UnsupportedAvroTypeException.class)
                .hasMessageContaining("field 'tags'");
    }

    @Test
    void aSchemaThatIsNotARecordIsRejected() {
        assertThatThrownBy(() -> TargetSchema.of(Schema.create(Schema.Type.STRING)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the schema must be an Avro record, not string");
    }

    private static ParsedRow row(long line, String... values) {
        return new ParsedRow(FILE, line, Arrays.asList(values));
    }
}
