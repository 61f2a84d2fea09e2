package io.chingest.common.mapping;

import java.util.List;
import org.apache.avro.Schema;

/** Maps an Avro record schema to ClickHouse columns and their CREATE TABLE statement. Stateless. */
public final class AvroToClickHouseMapping {

    private AvroToClickHouseMapping() {
    }

    public static List<ColumnMapping> columnsOf(Schema recordSchema) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public static String createTableSql(String qualifiedTable, List<ColumnMapping> columns) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
