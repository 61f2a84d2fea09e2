package io.chingest.consumer.bench;

import io.chingest.consumer.it.Trades;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Sixteen columns of every type the mapping supports, nullable ones included: the trade rows of the consumer's
 * integration tests ({@link Trades}: same schema, same values), with ids unique for any row count. About 110 bytes of Avro per row.
 * Stateless.
 */
final class TradeRows implements BenchmarkRows {
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Override
    public String name() {
        return "trades";
    }

    @Override
    public Schema schema() {
        return Trades.SCHEMA;
    }

    @Override
    public String columns() {
        return "(id Int64, part Int32, seq Int64, symbol String, price Decimal(9, 2), amount Decimal(18, 4),"
                + " big Decimal(38, 10), discount Nullable(Decimal(18, 4)), day Date, at DateTime, note Nullable(String),"
                + " maybe_qty Nullable(Int32), ok UInt8, ratio Float32, score Float64, qty Int32)";
    }

    @Override
    public GenericRecord record(long id, int partition, long seq) {
        GenericRecord record = Trades.record(partition, seq);
        record.put("id", id);
        return record;
    }

    @Override
    public void appendCsv(StringBuilder line, long id, int partition, long seq) {
        boolean odd = seq % 2 == 1;
        line.append(id).append(',').append(partition).append(',').append(seq).append(',');
        BenchmarkRows.appendQuoted(line, Trades.symbol(partition, seq));
        line.append(',').append(Trades.price(seq).toPlainString());
        line.append(',').append(Trades.amount(seq).toPlainString());
        line.append(',').append(Trades.big(seq).toPlainString());
        line.append(',').append(odd ? "\\N" : Trades.amount(seq).negate().toPlainString());
        line.append(',').append(LocalDate.ofEpochDay(Trades.day(seq)));
        line.append(',')
                .append(DATE_TIME.format(Instant.ofEpochMilli(Trades.millis(seq))))
                .append(',');
        if (odd) {
            BenchmarkRows.appendQuoted(line, Trades.note(seq));
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
}
