package io.chingest.consumer.bench;

import io.chingest.common.mapping.ClickHouseBaseType;
import io.chingest.common.mapping.ClickHouseType;
import io.chingest.consumer.encode.ColumnWriter;
import io.chingest.consumer.encode.ColumnWriters;
import io.chingest.consumer.encode.RowBinaryWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import org.apache.avro.util.Utf8;

/**
 * What compressing insert bodies costs, against encoding the same rows in the same run: CPU time of one thread to
 * encode N rows of ten mixed columns with random values into RowBinary batches of 100,000 rows (the default
 * {@code --batch-max-rows}), to LZ4 them in 64 KiB blocks as client-v2 does for {@code decompress=1}, and to deflate
 * them (gzip's level 6), with the size each leaves. No services; run with
 * {@code mvn -B -Pbenchmark -pl ch-consumer -am verify -DskipTests -Dbenchmark.main.class=io.chingest.consumer.bench.RequestCompressionCost}
 * ({@code -Dbenchmark.records=N} rows, default 1000000). Single-threaded.
 */
public final class RequestCompressionCost {
    private static final int BLOCK = 64 * 1024;
    /** ClickHouse's header before each compressed block: checksum, method, sizes. */
    private static final int BLOCK_HEADER = 16 + 9;

    private static final int ROUNDS = 5;
    private static final int BATCH_ROWS = 100_000;
    private static final List<String> WORDS = List.of(
            "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "omicron",
            "sigma");

    private RequestCompressionCost() {}

    public static void main(String[] args) {
        int batches = Math.max(1, (args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000) / BATCH_ROWS);
        Object[][] values = rows(BATCH_ROWS, new Random(42));
        ColumnWriter[] writers = {
            writer(ClickHouseBaseType.INT64, false),
            writer(ClickHouseBaseType.STRING, false),
            ColumnWriters.forType(new ClickHouseType(ClickHouseBaseType.DECIMAL, false, 18, 4)),
            writer(ClickHouseBaseType.INT32, false),
            writer(ClickHouseBaseType.DATETIME, false),
            writer(ClickHouseBaseType.FLOAT64, false),
            writer(ClickHouseBaseType.STRING, true),
            writer(ClickHouseBaseType.STRING, false),
            writer(ClickHouseBaseType.INT32, false),
            writer(ClickHouseBaseType.INT64, false)
        };
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        RowBinaryWriter out = new RowBinaryWriter(64 * 1024 * 1024);
        LZ4Compressor lz4 = LZ4Factory.fastestInstance().fastCompressor();
        byte[] block = new byte[lz4.maxCompressedLength(BLOCK)];
        System.out.printf(
                "request compression cost: %d batches of %d rows, LZ4 by %s%n",
                batches, BATCH_ROWS, lz4.getClass().getSimpleName());
        for (int round = 1; round <= ROUNDS; round++) {
            long encodeNanos = 0;
            long lz4Nanos = 0;
            long deflateNanos = 0;
            long rawBytes = 0;
            long lz4Bytes = 0;
            long deflateBytes = 0;
            for (int batch = 0; batch < batches; batch++) {
                long start = threads.getCurrentThreadCpuTime();
                out.reset();
                for (Object[] row : values) {
                    for (int column = 0; column < writers.length; column++) {
                        writers[column].write(row[column], out);
                    }
                }
                long encoded = threads.getCurrentThreadCpuTime();
                for (int offset = 0; offset < out.size(); offset += BLOCK) {
                    lz4Bytes += BLOCK_HEADER
                            + lz4.compress(
                                    out.array(), offset, Math.min(BLOCK, out.size() - offset), block, 0, block.length);
                }
                long compressed = threads.getCurrentThreadCpuTime();
                deflateBytes += deflatedSize(out.array(), out.size());
                long deflated = threads.getCurrentThreadCpuTime();
                rawBytes += out.size();
                encodeNanos += encoded - start;
                lz4Nanos += compressed - encoded;
                deflateNanos += deflated - compressed;
            }
            double megabytes = rawBytes / 1e6;
            System.out.printf(
                    "round %d: RowBinary %.1f MB (%.0f B/row), encode %.0f MB/s; lz4 %.0f MB/s (%.2fx encode's CPU), %.2fx smaller;"
                            + " deflate %.0f MB/s (%.2fx encode's CPU), %.2fx smaller%n",
                    round,
                    megabytes,
                    (double) rawBytes / ((long) batches * BATCH_ROWS),
                    megabytes / (encodeNanos / 1e9),
                    megabytes / (lz4Nanos / 1e9),
                    (double) lz4Nanos / encodeNanos,
                    (double) rawBytes / lz4Bytes,
                    megabytes / (deflateNanos / 1e9),
                    (double) deflateNanos / encodeNanos,
                    (double) rawBytes / deflateBytes);
        }
    }

    private static ColumnWriter writer(ClickHouseBaseType base, boolean nullable) {
        return ColumnWriters.forType(new ClickHouseType(base, nullable, 0, 0));
    }

    /** Trade-like rows: sequential ids, 500 symbols, random prices and quantities, rising timestamps, short notes. */
    private static Object[][] rows(int count, Random random) {
        Object[][] rows = new Object[count][];
        long millis = 1_700_000_000_000L;
        for (int i = 0; i < count; i++) {
            millis += random.nextInt(50);
            Utf8 note = random.nextInt(3) == 0
                    ? null
                    : new Utf8(WORDS.get(random.nextInt(WORDS.size())) + " " + WORDS.get(random.nextInt(WORDS.size())));
            rows[i] = new Object[] {
                (long) i,
                new Utf8("SYM" + random.nextInt(500)),
                ByteBuffer.wrap(BigInteger.valueOf(random.nextInt(10_000_000)).toByteArray()),
                random.nextInt(1000),
                millis,
                random.nextDouble() * 100,
                note,
                new Utf8("orders"),
                random.nextInt(12),
                (long) i
            };
        }
        return rows;
    }

    private static long deflatedSize(byte[] bytes, int length) {
        Deflater deflater = new Deflater(6, true);
        deflater.setInput(bytes, 0, length);
        deflater.finish();
        byte[] chunk = new byte[1 << 20];
        long size = 0;
        while (!deflater.finished()) {
            size += deflater.deflate(chunk);
        }
        deflater.end();
        return size;
    }
}
