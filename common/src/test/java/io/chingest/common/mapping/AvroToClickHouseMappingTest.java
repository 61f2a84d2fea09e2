package io.chingest.common.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AvroToClickHouseMappingTest {

    private static Schema recordWith(String fieldType) {
        return new Schema.Parser()
                .parse("{\"type\": \"record\", \"name\": \"R\", \"namespace\": \"test\", \"fields\": ["
                        + "{\"name\": \"f\", \"type\": " + fieldType + "}]}");
    }

    private static String sqlOf(String fieldType) {
        List<ColumnMapping> columns = AvroToClickHouseMapping.columnsOf(recordWith(fieldType));
        assertThat(columns).hasSize(1);
        assertThat(columns.get(0).name()).isEqualTo("f");
        return columns.get(0).type().sql();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"string\"                                                                   | String",
                "\"int\"                                                                      | Int32",
                "\"long\"                                                                     | Int64",
                "\"float\"                                                                    | Float32",
                "\"double\"                                                                   | Float64",
                "\"boolean\"                                                                  | UInt8",
                "{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 18, \"scale\": 4} | Decimal(18, 4)",
                "{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 38, \"scale\": 0} | Decimal(38, 0)",
                "{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 1}            | Decimal(1, 0)",
                "{\"type\": \"fixed\", \"name\": \"D\", \"size\": 5, \"logicalType\": \"decimal\", \"precision\": 10, \"scale\": 2} | Decimal(10, 2)",
                "{\"type\": \"int\", \"logicalType\": \"date\"}                                  | Date",
                "{\"type\": \"long\", \"logicalType\": \"timestamp-millis\"}                      | DateTime",
                "{\"type\": \"long\", \"logicalType\": \"timestamp-micros\"}                      | DateTime",
                "{\"type\": \"int\", \"logicalType\": \"time-millis\"}                           | Int32",
                "{\"type\": \"long\", \"logicalType\": \"time-micros\"}                          | Int64",
                "{\"type\": \"string\", \"logicalType\": \"uuid\"}                               | UUID",
                "\"bytes\"                                                                    | String",
                "{\"type\": \"fixed\", \"name\": \"F\", \"size\": 16}                            | FixedString(16)",
                "{\"type\": \"enum\", \"name\": \"Color\", \"symbols\": [\"RED\", \"GREEN\"]}        | Enum8('RED' = 0, 'GREEN' = 1)",
            })
    void mapsEachSupportedTypeAndItsNullableUnionInBothOrders(String avroType, String expectedSql) {
        assertThat(sqlOf(avroType)).isEqualTo(expectedSql);
        assertThat(sqlOf("[\"null\", " + avroType + "]")).isEqualTo("Nullable(" + expectedSql + ")");
        assertThat(sqlOf("[" + avroType + ", \"null\"]")).isEqualTo("Nullable(" + expectedSql + ")");
    }

    @Test
    void columnsCarryTheStructuredTypeInFieldOrder() {
        Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "Sale", "fields": [
                  {"name": "id", "type": "long"},
                  {"name": "customer", "type": ["null", "string"], "default": null},
                  {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 18, "scale": 4}},
                  {"name": "day", "type": [{"type": "int", "logicalType": "date"}, "null"]}
                ]}""");

        assertThat(AvroToClickHouseMapping.columnsOf(schema))
                .containsExactly(
                        new ColumnMapping("id", new ClickHouseType(ClickHouseBaseType.INT64, false, 0, 0)),
                        new ColumnMapping("customer", new ClickHouseType(ClickHouseBaseType.STRING, true, 0, 0)),
                        new ColumnMapping("amount", new ClickHouseType(ClickHouseBaseType.DECIMAL, false, 18, 4)),
                        new ColumnMapping("day", new ClickHouseType(ClickHouseBaseType.DATE, true, 0, 0)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\": \"record\", \"name\": \"Inner\", \"fields\": [{\"name\": \"x\", \"type\": \"int\"}]}",
                "{\"type\": \"map\", \"values\": \"int\"}",
                "\"null\"",
                "{\"type\": \"long\", \"logicalType\": \"local-timestamp-millis\"}",
                "{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 39, \"scale\": 2}",
                "[\"null\", \"string\", \"int\"]",
                "[\"int\", \"string\"]",
                "[\"null\"]",
                "[\"string\"]",
                "[\"null\", {\"type\": \"array\", \"items\": \"int\"}]",
            })
    void rejectsUnsupportedTypesNamingFieldAndType(String avroType) {
        Schema schema = recordWith(avroType);
        Schema fieldType = schema.getField("f").schema();
        // a nullable union is reported by its non-null branch, which is the part that has no mapping
        Schema reported = fieldType.isUnion()
                        && fieldType.getTypes().size() == 2
                        && fieldType.isNullable()
                        && fieldType.getTypes().stream().anyMatch(branch -> !branch.isNullable())
                ? fieldType.getTypes().stream()
                        .filter(branch -> !branch.isNullable())
                        .findFirst()
                        .orElseThrow()
                : fieldType;

        assertThatThrownBy(() -> AvroToClickHouseMapping.columnsOf(schema))
                .isInstanceOf(UnsupportedAvroTypeException.class)
                .hasMessageStartingWith(
                        "field 'f' of record test.R has Avro type " + reported + ", which is not supported: ");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"type\": \"long\", \"logicalType\": \"timestamp-millis\"}                      | DateTime                | DateTime64(3)",
                "{\"type\": \"long\", \"logicalType\": \"timestamp-micros\"}                      | DateTime                | DateTime64(6)",
                "\"boolean\"                                                                  | UInt8                   | Bool",
                "{\"type\": \"array\", \"items\": \"boolean\"}                                    | Array(UInt8)            | Array(Bool)",
                "{\"type\": \"array\", \"items\": [\"null\", \"int\"]}                            | Array(Nullable(Int32))  | Array(Nullable(Int32))",
                "{\"type\": \"array\", \"items\": {\"type\": \"array\", \"items\": \"string\"}}     | Array(Array(String))    | Array(Array(String))",
                "\"string\"                                                                   | String                  | String",
            })
    void theServersTypesDecideTimestampsAndBooleans(String avroType, String on1816, String onCurrent) {
        assertThat(AvroToClickHouseMapping.columnsOf(recordWith(avroType), ServerTypeSupport.NONE)
                        .get(0)
                        .type()
                        .sql())
                .isEqualTo(on1816);
        assertThat(AvroToClickHouseMapping.columnsOf(recordWith(avroType), ServerTypeSupport.ALL)
                        .get(0)
                        .type()
                        .sql())
                .isEqualTo(onCurrent);
        assertThat(AvroToClickHouseMapping.columnsOf(recordWith(avroType))
                        .get(0)
                        .type()
                        .sql())
                .isEqualTo(on1816);
    }

    @Test
    void mapsOfStringKeysBecomeMapColumnsOnlyOnServersThatHaveThem() {
        Schema schema = recordWith("{\"type\": \"map\", \"values\": [\"null\", \"long\"]}");
        assertThat(AvroToClickHouseMapping.columnsOf(schema, ServerTypeSupport.ALL)
                        .get(0)
                        .type()
                        .sql())
                .isEqualTo("Map(String, Nullable(Int64))");
        assertThatThrownBy(() -> AvroToClickHouseMapping.columnsOf(schema, ServerTypeSupport.NONE))
                .isInstanceOf(UnsupportedAvroTypeException.class)
                .hasMessage(
                        "field 'f' of record test.R has Avro type {\"type\":\"map\",\"values\":[\"null\",\"long\"]}, which is not"
                                + " supported: this ClickHouse server has no Map type (it came with 21.8); create the table yourself (for example"
                                + " with an Array or String column) or use a newer server");
    }

    @Test
    void enumsNumberTheirSymbolsFromZeroAndTakeEnum16PastOneHundredTwentyEightSymbols() {
        String symbols128 =
                IntStream.range(0, 128).mapToObj(i -> "\"S" + i + "\"").collect(Collectors.joining(", "));
        ClickHouseType narrow = AvroToClickHouseMapping.columnsOf(
                        recordWith("{\"type\": \"enum\", \"name\": \"E\", \"symbols\": [" + symbols128 + "]}"))
                .get(0)
                .type();
        assertThat(narrow.base()).isEqualTo(ClickHouseBaseType.ENUM8);
        assertThat(narrow.enumValues()).hasSize(128).containsEntry("S0", 0).containsEntry("S127", 127);
        ClickHouseType wide = AvroToClickHouseMapping.columnsOf(recordWith(
                        "{\"type\": \"enum\", \"name\": \"E\", \"symbols\": [" + symbols128 + ", \"S128\"]}"))
                .get(0)
                .type();
        assertThat(wide.base()).isEqualTo(ClickHouseBaseType.ENUM16);
        assertThat(wide.enumValues()).containsEntry("S128", 128);
    }

    @Test
    void aNullableArrayIsRefusedBecauseClickHouseHasNoNullableArray() {
        assertThatThrownBy(() -> AvroToClickHouseMapping.columnsOf(
                        recordWith("[\"null\", {\"type\": \"array\", \"items\": \"int\"}]")))
                .hasMessageEndingWith(
                        "ClickHouse has no Nullable(Array); make the field non-null (an empty array can stand for none)");
    }

    @Test
    void decimalOverThirtyEightDigitsSaysSo() {
        assertThatThrownBy(() -> AvroToClickHouseMapping.columnsOf(recordWith(
                        "{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 40, \"scale\": 2}")))
                .isInstanceOf(UnsupportedAvroTypeException.class)
                .hasMessage("field 'f' of record test.R has Avro type "
                        + "{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":40,\"scale\":2}, which is not supported: "
                        + "decimal precision 40 is over ClickHouse's maximum of 38");
    }

    @Test
    void unionMessageSaysWhichUnionsMap() {
        assertThatThrownBy(() -> AvroToClickHouseMapping.columnsOf(recordWith("[\"int\", \"string\"]")))
                .hasMessage("field 'f' of record test.R has Avro type [\"int\",\"string\"], which is not supported: "
                        + "only a union of null and one other type maps (to Nullable)");
    }

    @Test
    void rejectsASchemaThatIsNotARecord() {
        assertThatThrownBy(() -> AvroToClickHouseMapping.columnsOf(Schema.create(Schema.Type.STRING)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected an Avro record schema, got STRING: \"string\"");
    }
}
