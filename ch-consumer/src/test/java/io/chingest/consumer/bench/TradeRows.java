package io.chingest.consumer.bench;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Sixteen columns of every type the mapping supports, nullable ones included: the trade rows of the consumer's
 * integration tests (same schema, same values), with ids unique for any row count. About 110 bytes of Avro per row.
 * Stateless.
 */
final class TradeRows implements BenchmarkRows {
    private static final Schema SCHEMA = new Schema.Parser().parse("""
            {"type": "record", "name": "Trade", "namespace": "io.chingest.it", "fields": [
              {"name": "id", "type": "long"},
              {"name": "part", "type": "int"},
              {"name": "seq", "type": "long"},
              {"name": "symbol", "type": "string"},
              {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}},
              {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 18, "scale": 4}},
              {"name": "big", "type": {"type": "fixed", "name": "Big", "size": 16, "logicalType": "decimal", "precision": 38, "scale": 10}},
              {"name": "discount", "type": ["null", {"type": "bytes", "logicalType": "decimal", "precision": 18, "scale": 4}], "default": null},
              {"name": "day", "type": {"type": "int", "logicalType": "date"}},
              {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "note", "type": ["null", "string"], "default": null},
              {"name": "maybe_qty", "type": ["null", "int"], "default": null},
              {"name": "ok", "type": "boolean"},
              {"name": "ratio", "type": "float"},
              {"name": "score", "type": "double"},
              {"name": "qty", "type": "int"}
            ]}""");
    private static final Schema BIG_SCHEMA = SCHEMA.getField("big").schema();
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Override
    public String name() {
        return "trades";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public String columns() {
        return "(id Int64, part Int32, seq Int64, symbol String, price Decimal(9, 2), amount Decimal(18, 4),"
                + " big Decimal(38, 10), discount Nullable(Decimal(18, 4)), day Date, at DateTime, note Nullable(String),"
                + " maybe_qty Nullable(Int32), ok UInt8, ratio Float32, score Float64, qty Int32)";
    }

    @Override
    public GenericRecord record(long id, int partition, long seq) {
        boolean odd = seq % 2 == 1;
        GenericRecord record = new GenericData.Record(SCHEMA);
        record.put("id", id);
        record.put("part", partition);
        record.put("seq", seq);
        record.put("symbol", symbol(partition, seq));
        record.put("price", bytes(price(seq)));
        record.put("amount", bytes(amount(seq)));
        record.put("big", new GenericData.Fixed(BIG_SCHEMA, signExtended(big(seq).unscaledValue(), 16)));
        record.put("discount", odd ? null : bytes(amount(seq).negate()));
        record.put("day", day(seq));
        record.put("at", millis(seq));
        record.put("note", odd ? note(seq) : null);
        record.put("maybe_qty", odd ? null : (int) -seq);
        record.put("ok", odd);
        record.put("ratio", seq + 0.25f);
        record.put("score", -(seq + 0.75));
        record.put("qty", (int) (seq * 3 - 7));
        return record;
    }

    @Override
    public void appendCsv(StringBuilder line, long id, int partition, long seq) {
        boolean odd = seq % 2 == 1;
        line.append(id).append(',').append(partition).append(',').append(seq).append(',');
        BenchmarkRows.appendQuoted(line, symbol(partition, seq));
        line.append(',').append(price(seq).toPlainString());
        line.append(',').append(amount(seq).toPlainString());
        line.append(',').append(big(seq).toPlainString());
        line.append(',').append(odd ? "\\N" : amount(seq).negate().toPlainString());
        line.append(',').append(LocalDate.ofEpochDay(day(seq)));
        line.append(',').append(DATE_TIME.format(Instant.ofEpochMilli(millis(seq)))).append(',');
        if (odd) {
            BenchmarkRows.appendQuoted(line, note(seq));
        } else {
            line.append("\\N");
        }
        line.append(',').append(odd ? "\\N" : Long.toString(-seq));
        line.append(',').append(odd ? '1' : '0');
        line.append(',').append(seq + 0.25f);
        line.append(',').append(-(seq + 0.75));
        line.append(',').append(seq * 3 - 7);
        line.append('\n');
    }

    private static String symbol(int partition, long seq) {
        String base = "sym-" + partition + "-" + seq + " é日本";
        return seq % 7 == 3 ? base + "\ttab\\slash" : base;
    }

    private static String note(long seq) {
        return "note ✓ " + seq;
    }

    private static BigDecimal price(long seq) {
        return new BigDecimal(BigInteger.valueOf(seq * 101 - 5_000), 2);
    }

    private static BigDecimal amount(long seq) {
        return new BigDecimal(BigInteger.valueOf(seq * 1_234_567_891L - 9_876_543_210_987L), 4);
    }

    private static BigDecimal big(long seq) {
        BigInteger unscaled = new BigInteger("123456789012345678901234567").multiply(BigInteger.valueOf(seq + 1));
        return new BigDecimal(seq % 3 == 0 ? unscaled.negate() : unscaled, 10);
    }

    /** Days since 1970 within ClickHouse Date's range whatever the sequence. */
    private static int day(long seq) {
        return (int) (18_000 + seq % 40_000);
    }

    private static long millis(long seq) {
        return 1_700_000_000_000L + seq * 1_001L;
    }

    private static ByteBuffer bytes(BigDecimal value) {
        return ByteBuffer.wrap(value.unscaledValue().toByteArray());
    }

    private static byte[] signExtended(BigInteger value, int size) {
        byte[] minimal = value.toByteArray();
        byte[] fixed = new byte[size];
        Arrays.fill(fixed, (byte) (value.signum() < 0 ? 0xFF : 0x00));
        System.arraycopy(minimal, 0, fixed, size - minimal.length, minimal.length);
        return fixed;
    }
}
