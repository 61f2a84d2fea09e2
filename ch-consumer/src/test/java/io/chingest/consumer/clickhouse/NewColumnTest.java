package io.chingest.consumer.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.chingest.common.mapping.AvroToClickHouseMapping;
import io.chingest.common.mapping.ColumnMapping;
import java.util.Optional;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The column {@code --evolve} adds for a field: Nullable without a default, the default as a ClickHouse expression with one. */
class NewColumnTest {
    private static final TableName TABLE = TableName.parse("db.t");

    private static Optional<String> addSql(String fieldJson) {
        Schema record =
                new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"R\", \"fields\": [" + fieldJson + "]}");
        ColumnMapping mapping = AvroToClickHouseMapping.columnsOf(record).get(0);
        return NewColumn.forField(record.getFields().get(0), mapping.type()).map(column -> column.addSql(TABLE));
    }

    @Test
    void aFieldWithoutDefaultGetsANullableColumn() {
        assertThat(addSql("{\"name\": \"venue\", \"type\": \"string\"}"))
                .hasValue("ALTER TABLE db.t ADD COLUMN `venue` Nullable(String)");
        assertThat(addSql("{\"name\": \"n\", \"type\": [\"null\", \"long\"]}"))
                .hasValue("ALTER TABLE db.t ADD COLUMN `n` Nullable(Int64)");
    }

    @Test
    void aNullDefaultIsAPlainNullableColumn() {
        assertThat(addSql("{\"name\": \"n\", \"type\": [\"null\", \"int\"], \"default\": null}"))
                .hasValue("ALTER TABLE db.t ADD COLUMN `n` Nullable(Int32)");
    }

    @Test
    void aDefaultBecomesTheColumnsDefaultExpression() {
        assertThat(addSql("{\"name\": \"s\", \"type\": \"string\", \"default\": \"it's \\\\ x\"}"))
                .hasValue("ALTER TABLE db.t ADD COLUMN `s` String DEFAULT 'it\\'s \\\\ x'");
        assertThat(addSql("{\"name\": \"i\", \"type\": \"int\", \"default\": -5}"))
                .hasValue("ALTER TABLE db.t ADD COLUMN `i` Int32 DEFAULT -5");
        assertThat(addSql("{\"name\": \"l\", \"type\": \"long\", \"default\": 9000000000}"))
                .hasValue("ALTER TABLE db.t ADD COLUMN `l` Int64 DEFAULT 9000000000");
        assertThat(addSql("{\"name\": \"f\", \"type\": \"float\", \"default\": 0.1}"))
                .hasValue("ALTER TABLE db.t ADD COLUMN `f` Float32 DEFAULT 0.1");
        assertThat(addSql("{\"name\": \"d\", \"type\": \"double\", \"default\": 1e20}"))
                .hasValue("ALTER TABLE db.t ADD COLUMN `d` Float64 DEFAULT 100000000000000000000");
        assertThat(addSql("{\"name\": \"b\", \"type\": \"boolean\", \"default\": true}"))
                .hasValue("ALTER TABLE db.t ADD COLUMN `b` UInt8 DEFAULT 1");
        assertThat(addSql("{\"name\": \"n\", \"type\": [\"int\", \"null\"], \"default\": 7}"))
                .hasValue("ALTER TABLE db.t ADD COLUMN `n` Nullable(Int32) DEFAULT 7");
    }

    @Test
    void datesTimesAndDecimalsAreWrittenSoThatTheServersTimeZoneDoesNotChangeThem() {
        assertThat(
                        addSql(
                                "{\"name\": \"day\", \"type\": {\"type\": \"int\", \"logicalType\": \"date\"}, \"default\": 19000}"))
                .hasValue("ALTER TABLE db.t ADD COLUMN `day` Date DEFAULT toDate(19000)");
        assertThat(
                        addSql(
                                "{\"name\": \"at\", \"type\": {\"type\": \"long\", \"logicalType\": \"timestamp-millis\"}, \"default\": 1700000000999}"))
                .hasValue("ALTER TABLE db.t ADD COLUMN `at` DateTime DEFAULT toDateTime(1700000000)");
        // Avro writes a bytes default as the unscaled value's bytes, one character each: 0x04 0xD2 is 1234.
        assertThat(addSql(
                        "{\"name\": \"p\", \"type\": {\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 9, \"scale\": 2},"
                                + " \"default\": \"\\u0004\\u00d2\"}"))
                .hasValue("ALTER TABLE db.t ADD COLUMN `p` Decimal(9, 2) DEFAULT '12.34'");
    }

    @Test
    void aDefaultOutsideTheColumnsRangeHasNoExpression() {
        assertThat(
                        addSql(
                                "{\"name\": \"day\", \"type\": {\"type\": \"int\", \"logicalType\": \"date\"}, \"default\": -1}"))
                .isEmpty();
        assertThat(
                        addSql(
                                "{\"name\": \"at\", \"type\": {\"type\": \"long\", \"logicalType\": \"timestamp-millis\"}, \"default\": -1000}"))
                .isEmpty();
    }

    @Test
    void namesAreQuoted() {
        assertThat(addSql("{\"name\": \"select\", \"type\": \"string\"}"))
                .hasValue("ALTER TABLE db.t ADD COLUMN `select` Nullable(String)");
    }
}
