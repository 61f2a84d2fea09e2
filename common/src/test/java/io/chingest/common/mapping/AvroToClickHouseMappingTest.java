package io.chingest.common.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AvroToClickHouseMappingTest {

    private static Schema recordWith(String fieldType) {
        return new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"R\", \"namespace\": \"test\", \"fields\": ["
                + "{\"name\": \"f\", \"type\": " + fieldType + "}]}");
    }

    private static String sqlOf(String fieldType) {
        List<ColumnMapping> columns = AvroToClickHouseMapping.columnsOf(recordWith(fieldType));
        assertThat(columns).hasSize(1);
        assertThat(columns.get(0).name()).isEqualTo("f");
        return columns.get(0).type().sql();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
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

        assertThat(AvroToClickHouseMapping.columnsOf(schema)).containsExactly(
                new ColumnMapping("id", new ClickHouseType(ClickHouseBaseType.INT64, false, 0, 0)),
                new ColumnMapping("customer", new ClickHouseType(ClickHouseBaseType.STRING, true, 0, 0)),
                new ColumnMapping("amount", new ClickHouseType(ClickHouseBaseType.DECIMAL, false, 18, 4)),
                new ColumnMapping("day", new ClickHouseType(ClickHouseBaseType.DATE, true, 0, 0)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\": \"record\", \"name\": \"Inner\", \"fields\": [{\"name\": \"x\", \"type\": \"int\"}]}",
        "{\"type\": \"enum\", \"name\": \"Color\", \"symbols\": [\"RED\"]}",
        "{\"type\": \"array\", \"items\": \"int\"}",
        "{\"type\": \"map\", \"values\": \"int\"}",
        "\"null\"",
        "\"bytes\"",
        "{\"type\": \"fixed\", \"name\": \"F\", \"size\": 4}",
        "{\"type\": \"int\", \"logicalType\": \"time-millis\"}",
        "{\"type\": \"long\", \"logicalType\": \"time-micros\"}",
        "{\"type\": \"long\", \"logicalType\": \"timestamp-micros\"}",
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
        Schema reported = fieldType.isUnion() && fieldType.getTypes().size() == 2 && fieldType.isNullable()
                && fieldType.getTypes().stream().anyMatch(branch -> !branch.isNullable())
                ? fieldType.getTypes().stream().filter(branch -> !branch.isNullable()).findFirst().orElseThrow()
                : fieldType;

        assertThatThrownBy(() -> AvroToClickHouseMapping.columnsOf(schema))
                .isInstanceOf(UnsupportedAvroTypeException.class)
                .hasMessageStartingWith("field 'f' of record test.R has Avro type " + reported + ", which is not supported: ");
    }

    @Test
    void decimalOverThirtyEightDigitsSaysSo() {
        assertThatThrownBy(() -> AvroToClickHouseMapping.columnsOf(
                recordWith("{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 40, \"scale\": 2}")))
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
