package io.chingest.consumer.bench;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Six columns, the shape issue 5 measured against clickhouse-client: an id, a time, a short string, a double, an int
 * and a nullable string (null on every other row). About 40 bytes of Avro and 50 of RowBinary per row. Stateless.
 */
final class NarrowRows implements BenchmarkRows {
    private static final Schema SCHEMA = new Schema.Parser().parse("""
            {"type": "record", "name": "Event", "namespace": "io.chingest.bench", "fields": [
              {"name": "id", "type": "long"},
              {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "symbol", "type": "string"},
              {"name": "price", "type": "double"},
              {"name": "qty", "type": "int"},
              {"name": "note", "type": ["null", "string"], "default": null}
            ]}""");
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Override
    public String name() {
        return "narrow";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public String columns() {
        return "(id Int64, at DateTime, symbol String, price Float64, qty Int32, note Nullable(String))";
    }

    @Override
    public GenericRecord record(long id, int partition, long seq) {
        GenericRecord record = new GenericData.Record(SCHEMA);
        record.put("id", id);
        record.put("at", millis(seq));
        record.put("symbol", symbol(partition, seq));
        record.put("price", price(seq));
        record.put("qty", qty(seq));
        record.put("note", note(seq));
        return record;
    }

    @Override
    public void appendCsv(StringBuilder line, long id, int partition, long seq) {
        line.append(id).append(',');
        line.append(DATE_TIME.format(Instant.ofEpochMilli(millis(seq)))).append(',');
        BenchmarkRows.appendQuoted(line, symbol(partition, seq));
        line.append(',').append(price(seq)).append(',').append(qty(seq)).append(',');
        String note = note(seq);
        if (note == null) {
            line.append("\\N");
        } else {
            BenchmarkRows.appendQuoted(line, note);
        }
        line.append('\n');
    }

    private static long millis(long seq) {
        return 1_700_000_000_000L + seq * 1_001L;
    }

    private static String symbol(int partition, long seq) {
        return "sym-" + partition + "-" + (seq % 5_000);
    }

    private static double price(long seq) {
        return (seq % 100_000) / 100.0 + 0.5;
    }

    private static int qty(long seq) {
        return (int) (seq % 1_000) - 7;
    }

    private static String note(long seq) {
        return seq % 2 == 1 ? "note " + seq : null;
    }
}
