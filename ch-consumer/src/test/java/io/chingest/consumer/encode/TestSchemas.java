package io.chingest.consumer.encode;

import io.chingest.consumer.table.TableColumn;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/** Avro schemas and table descriptions for encoder tests. Stateless. */
final class TestSchemas {
    static final Schema TRADE = new Schema.Parser().parse("""
            {"type": "record", "name": "Trade", "namespace": "io.test", "fields": [
              {"name": "id", "type": "long"},
              {"name": "symbol", "type": "string"},
              {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}},
              {"name": "day", "type": {"type": "int", "logicalType": "date"}},
              {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "note", "type": ["null", "string"], "default": null},
              {"name": "ok", "type": "boolean"},
              {"name": "ratio", "type": "float"},
              {"name": "score", "type": "double"},
              {"name": "qty", "type": "int"}
            ]}""");

    private TestSchemas() {}

    /** "name Type" pairs to table columns. */
    static List<TableColumn> columns(String... nameAndType) {
        List<TableColumn> columns = new ArrayList<>();
        for (String column : nameAndType) {
            int space = column.indexOf(' ');
            columns.add(TableColumn.of(column.substring(0, space), column.substring(space + 1)));
        }
        return columns;
    }
}
