package io.chingest.consumer.it;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Integration-test records with every type the mapping supports (nullable ones included), deterministic per
 * (partition, sequence), and the exact line ClickHouse prints for each row. Stateless.
 */
public final class Trades {
    public static final Schema SCHEMA = new Schema.Parser().parse("""
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

    /** The columns in the order the expected lines list them, as SQL expressions ClickHouse prints unambiguously. */
    static final String SELECT_COLUMNS =
            "id, part, seq, symbol, price, amount, big, discount, toString(day), toUnixTimestamp(at),"
                    + " note, maybe_qty, ok, ratio, score, qty";

    private static final Schema BIG_SCHEMA = SCHEMA.getField("big").schema();

    private Trades() {}

    static long id(int partition, long seq) {
        return partition * 1_000_000L + seq;
    }

    public static GenericRecord record(int partition, long seq) {
        long id = id(partition, seq);
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

    /** The TabSeparated line of {@link #SELECT_COLUMNS} for the record of (partition, seq). */
    static String line(int partition, long seq) {
        boolean odd = seq % 2 == 1;
        List<String> fields = new ArrayList<>();
        fields.add(Long.toString(id(partition, seq)));
        fields.add(Integer.toString(partition));
        fields.add(Long.toString(seq));
        fields.add(escaped(symbol(partition, seq)));
        fields.add(price(seq).toPlainString());
        fields.add(amount(seq).toPlainString());
        fields.add(big(seq).toPlainString());
        fields.add(odd ? "\\N" : amount(seq).negate().toPlainString());
        fields.add(LocalDate.ofEpochDay(day(seq)).toString());
        fields.add(Long.toString(Math.floorDiv(millis(seq), 1000L)));
        fields.add(odd ? escaped(note(seq)) : "\\N");
        fields.add(odd ? "\\N" : Long.toString(-seq));
        fields.add(odd ? "1" : "0");
        fields.add(Float.toString(seq + 0.25f));
        fields.add(Double.toString(-(seq + 0.75)));
        fields.add(Long.toString(seq * 3 - 7));
        return String.join("\t", fields);
    }

    /** The lines of partitions [0, partitions) with sequences [from, to), ordered by id. */
    static String lines(int partitions, long from, long to) {
        StringBuilder text = new StringBuilder();
        for (int partition = 0; partition < partitions; partition++) {
            for (long seq = from; seq < to; seq++) {
                text.append(line(partition, seq)).append('\n');
            }
        }
        return text.toString();
    }

    public static String symbol(int partition, long seq) {
        String base = "sym-" + partition + "-" + seq + " é日本";
        return seq % 7 == 3 ? base + "\ttab\\slash" : base;
    }

    public static String note(long seq) {
        return "note ✓ " + seq;
    }

    public static BigDecimal price(long seq) {
        return new BigDecimal(BigInteger.valueOf(seq * 101 - 5_000), 2);
    }

    public static BigDecimal amount(long seq) {
        return new BigDecimal(BigInteger.valueOf(seq * 1_234_567_891L - 9_876_543_210_987L), 4);
    }

    public static BigDecimal big(long seq) {
        BigInteger unscaled = new BigInteger("123456789012345678901234567").multiply(BigInteger.valueOf(seq + 1));
        return new BigDecimal(seq % 3 == 0 ? unscaled.negate() : unscaled, 10);
    }

    /** Days since 1970 within ClickHouse Date's range whatever the sequence. */
    public static int day(long seq) {
        return (int) (18_000 + seq % 40_000);
    }

    public static long millis(long seq) {
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

    private static String escaped(String value) {
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }
}
